import fc from 'fast-check';
import { ALERT_KINDS, ALERT_SEVERITIES } from '../core/alerts';
import type { CityPack } from '../core/cityPack';
import { INITIATIVE_MOVE_TARGETS, INITIATIVE_TOPICS } from '../core/initiatives';
import { ATTENDANCE_OUTCOMES } from '../core/reception';
import { MAX_ALERT_POLYGONS, MAX_ALERT_VERTICES } from './alerts/place';
import { dateText, hostile } from './fuzzValues';
import { HOAN_KIEM_LAKE } from './testing';

/**
 * Request bodies for the issue-10 routes (initiatives, reception, alerts and news), for
 * api/fuzz.test.ts: a valid body now and then, more often one with a field or two replaced by
 * something hostile, removed, or an unknown field added; any JSON; or no JSON at all.
 */

/** Over every text field's length but under the 64 KB cap; and over the cap (413). */
const HUGE = ['ư'.repeat(5_000), 'x'.repeat(70_000)];

/** Anything a client could put in a field. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostile },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, ...HUGE) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);

type Body = Record<string, unknown>;
const DELETE = Symbol('delete');

/** A copy of `body` with the dotted `path` set to `value` (DELETE removes it). */
function withField(body: Body, path: string, value: unknown): Body {
  const [head, ...rest] = path.split('.');
  const copy = { ...body };
  if (rest.length === 0) {
    if (value === DELETE) delete copy[head!];
    else copy[head!] = value;
    return copy;
  }
  const inner = copy[head!];
  copy[head!] = withField(inner !== null && typeof inner === 'object' ? (inner as Body) : {}, rest.join('.'), value);
  return copy;
}

/**
 * `valid` bodies, each with up to two of `fields` (a dotted path → values shaped for it) replaced
 * by a shaped value, anything, or nothing; unknown fields are among `fields` too, as any value.
 */
export function bodyFor(
  valid: fc.Arbitrary<Body>,
  fields: Record<string, fc.Arbitrary<unknown>>,
): fc.Arbitrary<string> {
  const change = fc
    .constantFrom(...Object.keys(fields))
    .chain((f) =>
      fc.tuple(
        fc.constant(f),
        fc.oneof(
          { weight: 3, arbitrary: fields[f]! },
          { weight: 2, arbitrary: anyValue },
          { weight: 1, arbitrary: fc.constant(DELETE) },
        ),
      ),
    );
  return fc.oneof(
    {
      weight: 8,
      arbitrary: fc
        .tuple(valid, fc.array(change, { maxLength: 2 }))
        .map(([body, changes]) => JSON.stringify(changes.reduce((b, [f, v]) => withField(b, f, v), body))),
    },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: hostile },
  );
}

/** An ISO instant `ms` from the moment the value is generated (just before its request). */
const fromNow = (ms: number) => fc.constant(0).map(() => new Date(Date.now() + ms).toISOString());
const HOUR_MS = 3_600_000;

const text = (ok: string) => fc.constantFrom(ok, '', '  ', 'ab', 'a\u0000b', '<b>x</b>', ...HUGE);
const phone = fc.oneof(
  fc.integer({ min: 0, max: 99_999_999 }).map((n) => `09${String(n).padStart(8, '0')}`),
  fc.constantFrom('12345', '0912 345 678', '+84 912.345.678', '0'.repeat(30), '+84', '09123456789012'),
);
const email = fc.oneof(
  fc.nat({ max: 10_000 }).map((n) => `ung.ho${n}@example.vn`),
  fc.constantFrom('not-an-email', 'a@b', ' x@y.vn ', 'ư@ư.vn', `${'a'.repeat(250)}@x.vn`, 'a@b.vn\u0000'),
);
const latLng = (centre: number) =>
  fc.oneof(
    fc.double({ min: centre - 0.6, max: centre + 0.6, noNaN: true }),
    fc.constantFrom(centre, 91, -181, 0, 1e308, -0, `${centre}`),
  );
const areaCode = fc.oneof(
  fc.constantFrom('001', '002', '00070', '00004', '016', '999', '99999', '0020', '', 'hanoi'),
  fc.stringMatching(/^\d{2,6}$/),
);

const OK_TEXT = 'Đề xuất đặt thêm ghế đá cho người cao tuổi quanh hồ.';

/** POST /api/initiatives: at a point, in an area, or city-wide; with or without a submitter. */
export const initiativeBody = bodyFor(
  fc
    .record({
      title: fc.constant('Thêm ghế đá quanh hồ'),
      text: fc.constant(OK_TEXT),
      topic: fc.constantFrom(...INITIATIVE_TOPICS),
      place: fc.constantFrom<Body>(HOAN_KIEM_LAKE, { area: '00070' }, { area: '002' }, {}),
      submitter: fc.constantFrom<Body | undefined>(undefined, { name: 'Lê Văn Sáng', phone: '0987654321' }),
    })
    .map(({ place, submitter, ...rest }) => ({ ...rest, ...place, ...(submitter ? { submitter } : {}) })),
  {
    title: text('Ý kiến'),
    text: text(OK_TEXT),
    topic: fc.constantFrom(...INITIATIVE_TOPICS, 'sports', 'Transport'),
    lat: latLng(HOAN_KIEM_LAKE.lat),
    lng: latLng(HOAN_KIEM_LAKE.lng),
    area: areaCode,
    submitter: anyValue,
    'submitter.name': text('Lan'),
    'submitter.phone': phone,
    'submitter.email': email,
    status: fc.constantFrom('implemented'),
    supportCount: fc.constant(1_000),
  },
);

/** POST /api/initiatives/:id/supports: one phone or one e-mail. */
export const supportBody = bodyFor(
  fc.oneof(
    phone.map((p) => ({ phone: p })),
    email.map((e) => ({ email: e })),
  ),
  {
    phone,
    email,
    name: text('Lan'),
  },
);

/** POST /api/initiatives/:id/moves. */
export const moveBody = bodyFor(
  fc.record({
    to: fc.constantFrom(...INITIATIVE_MOVE_TARGETS),
    answer: fc.constantFrom<Body>({ vi: 'Đang xem xét' }, { vi: 'Đã tiếp thu', en: 'Taken on board' }),
  }),
  {
    to: fc.constantFrom(...INITIATIVE_MOVE_TARGETS, 'submitted', 'published', ''),
    answer: anyValue,
    'answer.vi': text('Đang xem xét'),
    'answer.en': text('Under review'),
    'answer.fr': fc.constant('Bien'),
    status: fc.constant('implemented'),
  },
);

/** A body the route does not read (publishing): empty, anything, or not JSON. */
export const emptyBody = bodyFor(fc.constant({}), { extra: anyValue, reason: text('vì') });

const hhmm = fc.constantFrom(
  '08:00',
  '09:00',
  '11:30',
  '12:00',
  '13:30',
  '17:30',
  '07:59',
  '18:00',
  '24:00',
  '9:00',
  '09:60',
  '',
);

/** POST /api/reception/slots, on `workingDate()` (a working day ahead, known once the app runs). */
export function slotBody(workingDate: () => string) {
  return bodyFor(
    fc.record({
      office: fc.constantFrom('00070', '002', 'hanoi'),
      date: fc.constant(0).map(workingDate),
      start: fc.constantFrom('08:00', '09:00', '14:00'),
      end: fc.constantFrom('10:00', '11:30', '16:00'),
      capacity: fc.integer({ min: 1, max: 100 }),
      topic: fc.constantFrom('Đất đai', undefined),
    }),
    {
      office: fc.oneof(areaCode, fc.constantFrom(' 00070 ', 'HANOI', '\u0000')),
      date: fc.oneof(dateText, fc.constantFrom('2026-02-30', '2027-01-01', '2026-09-02', '26-03-03', '')),
      start: hhmm,
      end: hhmm,
      capacity: fc.constantFrom(0, 101, 1.5, -1, '3', 1e20, null),
      topic: text('Đất đai'),
      officer: text('Chủ tịch'),
      booked: fc.constant(0),
    },
  );
}

/** PATCH /api/reception/slots/:id: at least one of capacity, topic, officer. */
export const slotEditBody = bodyFor(
  fc.constantFrom<Body>({ capacity: 30 }, { capacity: 1 }, { topic: 'Khiếu nại' }, { officer: null }, {}),
  {
    capacity: fc.constantFrom(0, 101, 1.5, -1, '3', 1e20, null, 50),
    topic: fc.oneof(text('Đất đai'), fc.constant(null)),
    officer: fc.oneof(text('Chủ tịch'), fc.constant(null)),
    status: fc.constant('cancelled'),
    booked: fc.constant(0),
  },
);

/** POST /api/reception/slots/:id/cancel, /api/alerts/:id/withdraw: an optional reason. */
export const reasonBody = bodyFor(fc.constantFrom<Body>({}, { reason: 'Lịch thay đổi' }), {
  reason: text('Lịch thay đổi'),
  extra: anyValue,
});

/** POST /api/reception/slots/:id/bookings. */
export const bookingBody = bodyFor(
  fc.record({
    name: fc.constant('Trần Văn Công Dân'),
    phone,
    subject: fc.constant('Hỏi về hồ sơ cấp phép xây dựng'),
  }),
  { name: text('Lan'), phone, subject: text('Hỏi về hồ sơ'), code: fc.constant('K7QF-2M9X-HR4T-WZ3C') },
);

/** A booking code as a citizen might type it: a real one (from `codes`), in any case and spacing, or anything. */
export function codeBody(codes: readonly string[]) {
  const code = fc.oneof(
    fc.tuple(fc.nat(), fc.constantFrom('as-is', 'lower', 'spaced', 'O for 0')).map(([i, how]) => {
      const c = codes[i % Math.max(1, codes.length)] ?? 'K7QF-2M9X-HR4T-WZ3C';
      if (how === 'lower') return c.toLowerCase();
      if (how === 'spaced') return c.replace(/-/g, ' ');
      return how === 'O for 0' ? c.replace(/0/g, 'O') : c;
    }),
    fc.constantFrom(
      'K7QF-2M9X-HR4T-WZ3C',
      'K7QF-2M9X-HR4T',
      'UUUU-UUUU-UUUU-UUUU',
      `${'A'.repeat(64)}`,
      'A'.repeat(65),
    ),
  );
  return bodyFor(
    code.map((c) => ({ code: c })),
    { code: fc.oneof(code, hostile), phone },
  );
}

/** POST /api/reception/bookings/:id/attendance. */
export const attendanceBody = bodyFor(
  fc.constantFrom(...ATTENDANCE_OUTCOMES).map((outcome) => ({ outcome })),
  {
    outcome: fc.constantFrom(...ATTENDANCE_OUTCOMES, 'confirmed', 'cancelled', ''),
    note: text('ok'),
  },
);

type Position = [number, number];
const ring = (points: Position[]): Position[] => [...points, points[0]!];
const square = ([lng, lat]: Position, d: number): Position[][] => [
  ring([
    [lng - d, lat - d],
    [lng + d, lat - d],
    [lng + d, lat + d],
    [lng - d, lat + d],
  ]),
];
const LAKE: Position = [HOAN_KIEM_LAKE.lng, HOAN_KIEM_LAKE.lat];

/**
 * Polygons, drawn well and badly: valid ones small and city-sized, open and degenerate rings,
 * too few or too many positions, positions that are not pairs of numbers, outside the city,
 * self-crossing, wrong GeoJSON types, random rings across the city's box.
 */
export function polygon(bbox: () => CityPack['bbox']): fc.Arbitrary<unknown> {
  const inBox = fc.constant(0).chain(() => {
    const [minLng, minLat, maxLng, maxLat] = bbox();
    return fc.tuple(
      fc.double({ min: minLng - 0.2, max: maxLng + 0.2, noNaN: true }),
      fc.double({ min: minLat - 0.2, max: maxLat + 0.2, noNaN: true }),
    );
  });
  const whole = fc.constant(0).map(() => {
    const [minLng, minLat, maxLng, maxLat] = bbox();
    return [
      ring([
        [minLng - 0.09, minLat - 0.09],
        [maxLng + 0.09, minLat - 0.09],
        [maxLng + 0.09, maxLat + 0.09],
        [minLng - 0.09, maxLat + 0.09],
      ]),
    ];
  });
  const open = square(LAKE, 0.005)[0]!.slice(0, 4);
  // City-sized ones are rare: placing one takes the server up to seconds (every res-8 cell of every polygon is sampled).
  return fc.oneof(
    {
      weight: 12,
      arbitrary: fc.constantFrom<unknown>(
        { type: 'Polygon', coordinates: square(LAKE, 0.005) },
        { type: 'Polygon', coordinates: [...square(LAKE, 0.01), ...square(LAKE, 0.002)] },
        { type: 'MultiPolygon', coordinates: [square(LAKE, 0.003), square([LAKE[0] + 0.02, LAKE[1]], 0.003)] },
        { type: 'Polygon', coordinates: [open] },
        { type: 'Polygon', coordinates: [open.slice(0, 3)] },
        { type: 'Polygon', coordinates: [ring([LAKE, LAKE, LAKE])] },
        { type: 'Polygon', coordinates: [ring([LAKE, [LAKE[0] + 0.01, LAKE[1]], [LAKE[0] + 0.02, LAKE[1]]])] },
        { type: 'Polygon', coordinates: square([0, 0], 1) },
        { type: 'Polygon', coordinates: square([106.68, 20.86], 0.01) },
        {
          type: 'Polygon',
          coordinates: [
            ring(
              Array.from({ length: MAX_ALERT_VERTICES }, (_, i): Position => {
                const a = (2 * Math.PI * i) / MAX_ALERT_VERTICES;
                return [LAKE[0] + 0.01 * Math.cos(a), LAKE[1] + 0.01 * Math.sin(a)];
              }),
            ),
          ],
        },
        {
          type: 'MultiPolygon',
          coordinates: Array.from({ length: MAX_ALERT_POLYGONS + 1 }, () => square(LAKE, 0.001)),
        },
        { type: 'MultiPolygon', coordinates: [] },
        { type: 'Polygon', coordinates: [] },
        { type: 'Polygon', coordinates: [[]] },
        { type: 'Polygon', coordinates: [[LAKE, 'x', LAKE, LAKE]] },
        {
          type: 'Polygon',
          coordinates: [ring([[...LAKE, 5] as unknown as Position, [LAKE[0] + 0.01, LAKE[1]], LAKE])],
        },
        {
          type: 'Polygon',
          coordinates: [
            ring([
              [LAKE[0] - 0.01, LAKE[1] - 0.01],
              [LAKE[0] + 0.01, LAKE[1] + 0.01],
              [LAKE[0] + 0.01, LAKE[1] - 0.01],
              [LAKE[0] - 0.01, LAKE[1] + 0.01],
            ]),
          ],
        },
        { type: 'Point', coordinates: LAKE },
        { type: 'Feature', geometry: { type: 'Polygon', coordinates: square(LAKE, 0.005) } },
        { type: 'Polygon' },
        { coordinates: square(LAKE, 0.005) },
        { type: 'polygon', coordinates: square(LAKE, 0.005) },
        { type: 'Polygon', coordinates: square(LAKE, 0.005), crs: 'EPSG:3857', properties: { x: 1 } },
        'POLYGON((105.85 21.02, 105.86 21.02, 105.86 21.03, 105.85 21.02))',
      ),
    },
    { weight: 1, arbitrary: whole.map((coordinates) => ({ type: 'Polygon', coordinates })) },
    {
      weight: 1,
      arbitrary: whole.map((p) => ({
        type: 'MultiPolygon',
        coordinates: Array.from({ length: MAX_ALERT_POLYGONS }, () => p),
      })),
    },
    {
      weight: 4,
      arbitrary: fc
        .array(fc.array(inBox, { maxLength: 8 }), { maxLength: 3 })
        .map((rings) => ({ type: 'Polygon', coordinates: rings.map((r) => (r.length ? ring(r) : r)) })),
    },
  );
}

/** An alert's fields, valid, for publishing (over an area or a drawn polygon) and editing. */
function alertFields(bbox: () => CityPack['bbox']) {
  return {
    kind: fc.constantFrom(...ALERT_KINDS, 'tsunami', ''),
    severity: fc.constantFrom(...ALERT_SEVERITIES, 'extreme', 'Danger'),
    titleVi: text('Cắt điện'),
    titleEn: text('Power cut'),
    bodyVi: text('Cắt điện từ 8:00 đến 12:00.'),
    bodyEn: text('No power from 8:00 to 12:00.'),
    area: areaCode,
    geometry: polygon(bbox),
    startsAt: fc.oneof(dateText, fromNow(-HOUR_MS), fromNow(HOUR_MS), fromNow(40 * 24 * HOUR_MS)),
    expiresAt: fc.oneof(
      dateText,
      fromNow(-HOUR_MS),
      fromNow(32 * 24 * HOUR_MS),
      fromNow(3 * HOUR_MS),
      fc.constantFrom('2026-13-01', 'tomorrow', '2026-01-01T25:00:00Z'),
    ),
    status: fc.constantFrom('withdrawn', 'expired'),
    areaCodes: fc.constant(['016']),
  };
}

/** POST /api/alerts. */
export function alertBody(bbox: () => CityPack['bbox']) {
  return bodyFor(
    fc
      .record({
        kind: fc.constantFrom(...ALERT_KINDS),
        severity: fc.constantFrom(...ALERT_SEVERITIES),
        place: fc.constantFrom<Body>(
          { area: '002' },
          { area: '00070' },
          { area: '001' },
          { geometry: { type: 'Polygon', coordinates: square(LAKE, 0.004) } },
        ),
        expiresAt: fromNow(6 * HOUR_MS),
      })
      .map(({ place, ...rest }) => ({
        ...rest,
        ...place,
        titleVi: 'Cắt điện phường Hàng Trống',
        titleEn: 'Power cut in Hang Trong',
        bodyVi: 'Cắt điện từ 8:00 đến 12:00.',
        bodyEn: 'No power from 8:00 to 12:00.',
      })),
    alertFields(bbox),
  );
}

/** PATCH /api/alerts/:id: any of the fields. */
export function alertEditBody(bbox: () => CityPack['bbox']) {
  return bodyFor(
    fc.oneof(
      fc.constantFrom<Body>({ severity: 'danger' }, { titleVi: 'Cập nhật' }, { area: '002' }, {}),
      fromNow(5 * HOUR_MS).map((expiresAt) => ({ expiresAt })),
      fc.constant({ geometry: { type: 'Polygon', coordinates: square(LAKE, 0.003) } }),
    ),
    alertFields(bbox),
  );
}

/** POST /api/news. */
export const newsBody = bodyFor(
  fc.constant({ titleVi: 'Tin thành phố', titleEn: 'City news', bodyVi: 'Nội dung', bodyEn: 'Text' }),
  {
    titleVi: text('Tin'),
    titleEn: text('News'),
    bodyVi: text('Nội dung'),
    bodyEn: text('Text'),
    severity: fc.constant('danger'),
  },
);
