import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DRIVERS } from '../db/testing';
import { nextWorkingDate } from './reception/testFixtures';
import { storedDigest } from './testDigest';
import { HOAN_KIEM_LAKE, postJson, reportBody, startTestApp, type TestApp } from './testing';
import { as, type Requester } from './testClient';

const huge = 'ư'.repeat(4_001);
const HOUR_MS = 3_600_000;
const inHours = (h: number) => new Date(Date.now() + h * HOUR_MS).toISOString();

/** What issue 10's requests below name, made once per driver: a published and an unpublished initiative, a slot, a booking, an alert, a news item. */
interface Made {
  published: string;
  unpublished: string;
  slot: number;
  booking: number;
  alert: number;
  news: number;
  date: string;
}

const IDEA = {
  title: 'Thêm ghế đá quanh hồ',
  text: 'Đề xuất đặt thêm ghế đá quanh hồ.',
  topic: 'planning',
  ...HOAN_KIEM_LAKE,
};
const ALERT = () => ({
  kind: 'flood',
  severity: 'warning',
  titleVi: 'Ngập phố Hàng Bài',
  titleEn: 'Flooding on Hang Bai',
  bodyVi: 'Tránh đi qua.',
  bodyEn: 'Keep away.',
  area: '002',
  expiresAt: inHours(6),
});
const LAKE: [number, number] = [HOAN_KIEM_LAKE.lng, HOAN_KIEM_LAKE.lat];
const square = (d: number, [x, y] = LAKE) => [
  [
    [x - d, y - d],
    [x + d, y - d],
    [x + d, y + d],
    [x - d, y + d],
    [x - d, y - d],
  ],
];
const SLOT = (date: string) => ({ office: '00070', date, start: '09:00', end: '10:00', capacity: 5 });

/**
 * [what, method, url, body (or one made from the fixtures), status, code, field]: issue 10's routes
 * refusing bad input with their code and field, as the operator (staff routes) or anyone (the rest),
 * leaving every row of their tables as it was.
 */
type BadRequest = [
  string,
  string,
  string | ((m: Made) => string),
  Record<string, unknown> | undefined | ((m: Made) => Record<string, unknown>),
  number,
  string,
  string | undefined,
];
const BAD_FEATURE_REQUESTS: BadRequest[] = [
  // Initiatives.
  [
    'an initiative with a numeric topic',
    'POST',
    '/api/initiatives',
    { ...IDEA, topic: 5 },
    400,
    'invalid_request',
    'topic',
  ],
  [
    'an initiative with lat as text',
    'POST',
    '/api/initiatives',
    { ...IDEA, lat: '21.02' },
    400,
    'invalid_request',
    'lat',
  ],
  [
    'an initiative in no area',
    'POST',
    '/api/initiatives',
    { ...IDEA, lat: undefined, lng: undefined, area: '99999' },
    400,
    'unknown_area',
    'area',
  ],
  [
    'an initiative with a bad e-mail',
    'POST',
    '/api/initiatives',
    { ...IDEA, submitter: { email: 'x@' } },
    400,
    'invalid_request',
    'submitter.email',
  ],
  [
    'an initiative setting its status',
    'POST',
    '/api/initiatives',
    { ...IDEA, status: 'implemented' },
    400,
    'invalid_request',
    'status',
  ],
  [
    'an initiative over 64 KB',
    'POST',
    '/api/initiatives',
    { ...IDEA, text: 'x'.repeat(70_000) },
    413,
    'body_too_large',
    undefined,
  ],
  [
    'a support naming nobody',
    'POST',
    (m) => `/api/initiatives/${m.published}/supports`,
    {},
    400,
    'invalid_request',
    'phone',
  ],
  [
    'a support naming both',
    'POST',
    (m) => `/api/initiatives/${m.published}/supports`,
    { phone: '0912345678', email: 'a@b.vn' },
    400,
    'invalid_request',
    'phone',
  ],
  [
    'a support of an unpublished one',
    'POST',
    (m) => `/api/initiatives/${m.unpublished}/supports`,
    { phone: '0912345678' },
    404,
    'not_found',
    undefined,
  ],
  [
    'a move back to submitted',
    'POST',
    (m) => `/api/initiatives/${m.unpublished}/moves`,
    { to: 'submitted', answer: { vi: 'Xem lại' } },
    400,
    'invalid_request',
    'to',
  ],
  [
    'a move skipping the table',
    'POST',
    (m) => `/api/initiatives/${m.unpublished}/moves`,
    { to: 'implemented', answer: { vi: 'Xong' } },
    409,
    'illegal_transition',
    'to',
  ],
  [
    'a move without an answer',
    'POST',
    (m) => `/api/initiatives/${m.unpublished}/moves`,
    { to: 'under_review' },
    400,
    'invalid_request',
    'answer',
  ],
  [
    'publishing twice',
    'POST',
    (m) => `/api/initiatives/${m.published}/publish`,
    {},
    409,
    'already_published',
    undefined,
  ],
  ['a list by an unknown status', 'GET', '/api/initiatives?status=lost', undefined, 400, 'invalid_request', 'status.0'],
  ['a list by a forged cursor', 'GET', '/api/initiatives?cursor=bm9wZQ', undefined, 400, 'invalid_request', 'cursor'],
  ['the public list over 200', 'GET', '/api/public/initiatives?limit=201', undefined, 400, 'invalid_request', 'limit'],
  [
    'initiative KPIs by category',
    'GET',
    '/api/kpis/initiatives?category=traffic_roads',
    undefined,
    400,
    'invalid_request',
    'category',
  ],
  // Citizen reception.
  [
    'a slot with capacity as text',
    'POST',
    '/api/reception/slots',
    (m) => ({ ...SLOT(m.date), capacity: '3' }),
    400,
    'invalid_request',
    'capacity',
  ],
  [
    'a slot in 2100',
    'POST',
    '/api/reception/slots',
    (m) => ({ ...SLOT(m.date), date: '2100-01-04' }),
    400,
    'slot_too_far',
    'date',
  ],
  [
    'a slot ending before it starts',
    'POST',
    '/api/reception/slots',
    (m) => ({ ...SLOT(m.date), end: '08:30' }),
    400,
    'invalid_request',
    'end',
  ],
  ['an edit naming nothing', 'PATCH', (m) => `/api/reception/slots/${m.slot}`, {}, 400, 'invalid_request', undefined],
  [
    'an edit to no seats',
    'PATCH',
    (m) => `/api/reception/slots/${m.slot}`,
    { capacity: 0 },
    400,
    'invalid_request',
    'capacity',
  ],
  [
    'an edit below the seats booked',
    'PATCH',
    (m) => `/api/reception/slots/${m.slot}`,
    { capacity: 1, topic: 'x' },
    409,
    'capacity_below_booked',
    'capacity',
  ],
  [
    'a booking with a bad phone',
    'POST',
    (m) => `/api/reception/slots/${m.slot}/bookings`,
    { name: 'Lan', phone: '123', subject: 'Hỏi về hồ sơ' },
    400,
    'invalid_request',
    'phone',
  ],
  [
    'a booking of no slot',
    'POST',
    '/api/reception/slots/99999999/bookings',
    { name: 'Lan', phone: '0912345678', subject: 'Hỏi về hồ sơ' },
    404,
    'not_found',
    undefined,
  ],
  ['a lookup by no code', 'POST', '/api/reception/bookings/lookup', { code: 'hello' }, 400, 'invalid_request', 'code'],
  [
    'a cancellation by a code never issued',
    'POST',
    '/api/reception/bookings/cancel',
    { code: 'K7QF-2M9X-HR4T-WZ3C' },
    404,
    'not_found',
    undefined,
  ],
  [
    'attendance before the slot',
    'POST',
    (m) => `/api/reception/bookings/${m.booking}/attendance`,
    { outcome: 'attended' },
    409,
    'slot_not_started',
    'slot',
  ],
  [
    'attendance of another kind',
    'POST',
    (m) => `/api/reception/bookings/${m.booking}/attendance`,
    { outcome: 'late' },
    400,
    'invalid_request',
    'outcome',
  ],
  [
    'slots from a day that does not exist',
    'GET',
    '/api/reception/slots?from=2026-02-30',
    undefined,
    400,
    'invalid_request',
    'from',
  ],
  [
    'slots over 62 days',
    'GET',
    '/api/reception/offices/00070/slots?until=2099-01-01',
    undefined,
    400,
    'invalid_request',
    'until',
  ],
  // Alerts and news.
  [
    'an alert of an unknown kind',
    'POST',
    '/api/alerts',
    { ...ALERT(), kind: 'tsunami' },
    400,
    'invalid_request',
    'kind',
  ],
  [
    'an alert with an area and a polygon',
    'POST',
    '/api/alerts',
    { ...ALERT(), geometry: { type: 'Polygon', coordinates: square(0.01) } },
    400,
    'invalid_request',
    'area',
  ],
  ['an alert with no place', 'POST', '/api/alerts', { ...ALERT(), area: undefined }, 400, 'invalid_request', 'area'],
  [
    'an alert with an open ring',
    'POST',
    '/api/alerts',
    { ...ALERT(), area: undefined, geometry: { type: 'Polygon', coordinates: [square(0.01)[0]!.slice(0, 4)] } },
    400,
    'invalid_geometry',
    'geometry.coordinates.0',
  ],
  [
    'an alert with a position of three numbers',
    'POST',
    '/api/alerts',
    {
      ...ALERT(),
      area: undefined,
      geometry: { type: 'Polygon', coordinates: [[[...LAKE, 3], ...square(0.01)[0]!.slice(1), [...LAKE, 3]]] },
    },
    400,
    'invalid_geometry',
    'geometry.coordinates.0.0',
  ],
  [
    'an alert over Hải Phòng',
    'POST',
    '/api/alerts',
    { ...ALERT(), area: undefined, geometry: { type: 'Polygon', coordinates: square(0.01, [106.68, 20.86]) } },
    422,
    'outside_city',
    'geometry',
  ],
  [
    'an alert already expired',
    'POST',
    '/api/alerts',
    { ...ALERT(), expiresAt: inHours(-1) },
    400,
    'invalid_request',
    'expiresAt',
  ],
  [
    'an alert for 32 days',
    'POST',
    '/api/alerts',
    { ...ALERT(), expiresAt: inHours(32 * 24) },
    400,
    'invalid_request',
    'expiresAt',
  ],
  [
    'an alert starting in year 0000',
    'POST',
    '/api/alerts',
    { ...ALERT(), startsAt: '0000-01-01' },
    400,
    'invalid_request',
    'startsAt',
  ],
  ['an alert edit naming nothing', 'PATCH', (m) => `/api/alerts/${m.alert}`, {}, 400, 'invalid_request', undefined],
  [
    'an alert edit starting after its expiry',
    'PATCH',
    (m) => `/api/alerts/${m.alert}`,
    { startsAt: inHours(7) },
    400,
    'invalid_request',
    'expiresAt',
  ],
  ['an alert id past int4', 'PATCH', '/api/alerts/2147483648', { severity: 'danger' }, 404, 'not_found', undefined],
  ['alerts active=yes', 'GET', '/api/alerts?active=yes', undefined, 400, 'invalid_request', 'active'],
  ['public alerts with a query', 'GET', '/api/public/alerts?area=002', undefined, 400, 'invalid_request', 'area'],
  [
    'news with an empty title',
    'POST',
    '/api/news',
    { titleVi: 'Tin', titleEn: '', bodyVi: 'a', bodyEn: 'b' },
    400,
    'invalid_request',
    'titleEn',
  ],
  ['news over 100', 'GET', '/api/public/news?limit=101', undefined, 400, 'invalid_request', 'limit'],
  // Hanoi Chat (as the operator).
  ['an empty chat message', 'POST', '/api/chats', { subject: 'Hỏi về nước', text: '' }, 400, 'invalid_request', 'text'],
  [
    'a chat image over http',
    'POST',
    '/api/chats',
    { subject: 'Hỏi về nước', text: 'Ảnh', images: ['http://x.vn/a.jpg'] },
    400,
    'invalid_request',
    'images.0',
  ],
  // Places.
  ['a place search without a letter', 'GET', '/api/poi/search?q=!!!', undefined, 400, 'invalid_request', 'q'],
  ['a place search without q', 'GET', '/api/poi/search?category=health', undefined, 400, 'invalid_request', 'q'],
  [
    'a place search of an unknown category',
    'GET',
    '/api/poi/search?q=cho&category=bank',
    undefined,
    400,
    'invalid_request',
    'category',
  ],
  ['a place search over 50', 'GET', '/api/poi/search?q=cho&limit=51', undefined, 400, 'invalid_request', 'limit'],
  [
    'a place search with an unknown parameter',
    'GET',
    '/api/poi/search?q=cho&colour=red',
    undefined,
    400,
    'invalid_request',
    'colour',
  ],
];

/** [what, body, status, code, field] — every one must leave nothing stored. */
const BAD_REPORTS: Array<[string, unknown, number, string, string | undefined]> = [
  ['not JSON', '{"category": "traffic_roads", ', 400, 'invalid_json', 'body'],
  ['a JSON array', [], 400, 'invalid_request', undefined],
  ['JSON null', 'null', 400, 'invalid_request', undefined],
  ['missing category', { ...reportBody(), category: undefined }, 400, 'invalid_request', 'category'],
  ['missing lat', { ...reportBody(), lat: undefined }, 400, 'invalid_request', 'lat'],
  ['lat as a string', reportBody({ lat: '21.02' }), 400, 'invalid_request', 'lat'],
  ['lng as an object', reportBody({ lng: { $gt: 0 } }), 400, 'invalid_request', 'lng'],
  ['title as a number', reportBody({ title: 42 }), 400, 'invalid_request', 'title'],
  ['empty title', reportBody({ title: '   ' }), 400, 'invalid_request', 'title'],
  ['description over 4,000 chars', reportBody({ description: huge }), 400, 'invalid_request', 'description'],
  ['title over 200 chars', reportBody({ title: 'a'.repeat(201) }), 400, 'invalid_request', 'title'],
  ['latitude beyond the pole', reportBody({ lat: 91 }), 400, 'invalid_request', 'lat'],
  ['longitude beyond the antimeridian', reportBody({ lng: -181 }), 400, 'invalid_request', 'lng'],
  ['Null Island', reportBody({ lat: 0, lng: 0 }), 422, 'outside_city', 'lat'],
  ['Hải Phòng', reportBody({ lat: 20.86, lng: 106.68 }), 422, 'outside_city', 'lat'],
  ['Ho Chi Minh City', reportBody({ lat: 10.7769, lng: 106.7009 }), 422, 'outside_city', 'lat'],
  ['unknown category', reportBody({ category: 'unicorns' }), 400, 'unknown_category', 'category'],
  ['SQL in the category', reportBody({ category: "x'; DROP TABLE reports;--" }), 400, 'invalid_request', 'category'],
  ['SQL in a number', reportBody({ lat: '1 OR 1=1' }), 400, 'invalid_request', 'lat'],
  ['script in the title', reportBody({ title: '<script>alert(1)</script>' }), 400, 'invalid_request', 'title'],
  [
    'markup in the description',
    reportBody({ description: 'xem <img src=x onerror=alert(1)>' }),
    400,
    'invalid_request',
    'description',
  ],
  ['a NUL byte', reportBody({ description: 'abc\u0000def' }), 400, 'invalid_request', 'description'],
  ['javascript: media URL', reportBody({ media: ['javascript:alert(1)'] }), 400, 'invalid_request', 'media.0'],
  [
    'too many media',
    reportBody({ media: Array(11).fill('https://example.vn/a.jpg') }),
    400,
    'invalid_request',
    'media',
  ],
  ['bad e-mail', reportBody({ reporter: { email: 'not-an-email' } }), 400, 'invalid_request', 'reporter.email'],
  ['bad phone', reportBody({ reporter: { phone: '12345' } }), 400, 'invalid_request', 'reporter.phone'],
  ['script in the name', reportBody({ reporter: { name: '<b>x</b>' } }), 400, 'invalid_request', 'reporter.name'],
  ['an extra field setting status', reportBody({ status: 'resolved' }), 400, 'invalid_request', 'status'],
  ['an extra field setting id', reportBody({ id: 1 }), 400, 'invalid_request', 'id'],
  [
    'a prototype key',
    JSON.parse(
      `{"__proto__": {"x": 1}, "category": "traffic_roads", "lat": 21.03, "lng": 105.85, "title": "abc", "description": "d"}`,
    ),
    400,
    'invalid_request',
    '__proto__',
  ],
  [
    'body over 64 KB',
    JSON.stringify({ ...reportBody(), description: 'x'.repeat(70_000) }),
    413,
    'body_too_large',
    undefined,
  ],
];

describe.each(TEST_DRIVERS)('bad input on %s', (driver) => {
  let t: TestApp;
  /** The operations centre: every staff route, the whole city. */
  let ops: Requester;
  beforeAll(async () => {
    t = await startTestApp(driver);
    ops = as(t.app, await t.headersFor('operator'));
  });
  afterAll(async () => t?.close());

  it.each(BAD_REPORTS)('POST /api/reports with %s is refused', async (_what, body, status, code, field) => {
    const before = await t.store.reports.counts();
    const res = await postJson(t.app, '/api/reports', body);
    expect(res.status).toBe(status);
    const json = await res.json();
    expect(json.error.code).toBe(code);
    expect(json.error.message).toEqual(expect.any(String));
    if (field) expect(json.error.field).toBe(field);
    expect(await t.store.reports.counts()).toEqual(before);
  });

  it('refuses a body that is not JSON at all', async () => {
    const res = await t.app.request('/api/reports', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toEqual(expect.any(String));
  });

  it.each([
    ['unknown action', { action: 'explode' }, 400, 'action'],
    ['rating out of range', { action: 'close', rating: 9 }, 400, 'rating'],
    ['duplicate without its twin', { action: 'duplicate' }, 400, 'duplicateOf'],
    ['illegal transition', { action: 'close' }, 409, 'action'],
  ])('POST /transitions with %s is refused, nothing stored', async (_what, body, status, field) => {
    const { id } = await (await postJson(t.app, '/api/reports', reportBody())).json();
    const before = await t.store.reports.counts();
    const res = await postJson(ops, `/api/reports/${id}/transitions`, body);
    expect(res.status).toBe(status);
    expect((await res.json()).error.field).toBe(field);
    expect(await t.store.reports.counts()).toEqual(before);
    expect((await (await ops.request(`/api/reports/${id}`)).json()).status).toBe('received');
  });

  it.each([
    ['/api/hexes?res=12', 'res'],
    ['/api/hexes?res=eight', 'res'],
    ['/api/areas?level=planet', 'level'],
    ['/api/timeseries?bucket=minute', 'bucket'],
    ['/api/timeseries?bucket=hour&since=2020-01-01', 'since'],
    ['/api/reports?status=lost', 'status.0'],
    ['/api/reports?bbox=1,2,3', 'bbox'],
    ['/api/reports?since=yesterday', 'since'],
    ['/api/reports?limit=100000', 'limit'],
    ['/api/reports?cursor=bm9wZQ', 'cursor'],
    ["/api/reports?area=001'--", 'area'],
    ['/api/reports?colour=red', 'colour'],
    ['/api/hexes?since=2026-02-01&until=2026-01-01', 'since'],
    // Issue 11's exports: the list's filter, checked as the list checks it; the public view's query.
    ['/api/reports/export.csv?status=lost', 'status.0'],
    ['/api/reports/export.geojson?bbox=1,2,3', 'bbox'],
    ['/api/reports/export.csv?since=2026-02-01&until=2026-01-01', 'since'],
    ['/api/reports/export.csv?limit=10', 'limit'],
    ["/api/reports/export.geojson?area=001'--", 'area'],
    ['/api/public/export.csv?res=9', 'res'],
    ['/api/public/export.geojson?kind=reports', 'kind'],
    ['/api/public/export.csv?bbox=105,21,106,22', 'bbox'],
  ])('GET %s → 400 naming %s', async (url, field) => {
    const res = await ops.request(url);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: 'invalid_request', field });
  });
  describe("issue 10's routes", () => {
    let m: Made;
    beforeAll(async () => {
      const made = async (url: string, body: unknown, by: Requester = ops) => {
        const res = await postJson(by, url, body);
        expect(res.status, `${url}: ${await res.clone().text()}`).toBe(201);
        return res.json();
      };
      const published = (await made('/api/initiatives', IDEA, t.app)).publicId;
      expect((await postJson(ops, `/api/initiatives/${published}/publish`, {})).status).toBe(200);
      const date = nextWorkingDate(t.pack, new Date());
      const slot = (await made('/api/reception/slots', SLOT(date))).id;
      const citizen = { name: 'Lan', phone: '0912345678', subject: 'Hỏi về hồ sơ' };
      const { booking } = await made(`/api/reception/slots/${slot}/bookings`, citizen, t.app);
      await made(`/api/reception/slots/${slot}/bookings`, citizen, t.app);
      m = {
        published,
        unpublished: (await made('/api/initiatives', IDEA, t.app)).publicId,
        slot,
        booking: booking.id,
        alert: (await made('/api/alerts', ALERT())).id,
        news: (await made('/api/news', { titleVi: 'Tin', titleEn: 'News', bodyVi: 'a', bodyEn: 'b' })).id,
        date,
      };
    });

    it.each(BAD_FEATURE_REQUESTS)(
      '%s is refused, nothing stored',
      async (_what, method, url, body, status, code, field) => {
        const path = typeof url === 'function' ? url(m) : url;
        const sent = typeof body === 'function' ? body(m) : body;
        const before = await storedDigest(t.conn);
        const res = await ops.request(path, {
          method,
          ...(sent === undefined
            ? {}
            : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(sent) }),
        });
        const json = await res.json();
        expect(res.status, JSON.stringify(json)).toBe(status);
        expect(json.error).toMatchObject({ code, message: expect.any(String) });
        expect(json.error.field).toBe(field);
        expect(await storedDigest(t.conn)).toEqual(before);
      },
    );
  });
});
