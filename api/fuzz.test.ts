import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INITIATIVE_STATUSES, INITIATIVE_TOPICS } from '../core/initiatives';
import { ACTIONS } from '../core/lifecycle';
import { POI_CATEGORIES } from '../core/poi';
import { REPORT_STATUSES } from '../core/statuses';
import { TEST_DRIVERS } from '../db/testing';
import {
  alertBody,
  alertEditBody,
  attendanceBody,
  bookingBody,
  codeBody,
  emptyBody,
  initiativeBody,
  moveBody,
  newsBody,
  reasonBody,
  slotBody,
  slotEditBody,
  supportBody,
} from './fuzzFeatureBodies';
import { BIG_ID, dateText, hostile, idText, smallInt } from './fuzzValues';
import { nextWorkingDate, receptionFixture } from './reception/testFixtures';
import { storedDigest } from './testDigest';
import { postJson, reportBody, startTestApp, type TestApp } from './testing';

/**
 * Property-based fuzzing of every route that takes input (issue 9: an outside probe's 11,035
 * hostile requests found 500s). Bodies, query strings, path parameters and headers (Authorization,
 * Cookie, Last-Event-ID, Origin, Content-Type) are generated, mixing valid values with the ones
 * that broke things: lone surrogates, bidi controls, year 0000 and year 275760, 20-digit ids, NUL,
 * markup, SQL, percent garbage. For each request: the status is one the route documents (never a
 * 5xx), it answers within REQUEST_TIMEOUT_MS, every error has `{error: {code, message}}`, and a
 * refused request stores nothing. One PGlite app; `app.request()`, so ~10^4 requests take seconds.
 * Issue 10's routes (initiatives, citizen reception, alerts and news, places) are here too, with
 * bodies from api/fuzzFeatureBodies.ts (bad polygons, dates, codes and phones among them) and any
 * X-Citizen-Token; a refused write must leave every row of their tables as it was.
 */

/**
 * A request that takes longer than this is a hang: one answers in milliseconds, a sign-in's scrypt
 * in ~0.1 s, and the probe's outage hangs lasted 21.5 s. Generous, as CI's cores are shared.
 */
const REQUEST_TIMEOUT_MS = 10_000;
/** Fixed, so a failure in CI replays; fast-check prints the counterexample and the path to it. */
const SEED = 20_260_905;

/** Values shaped for each query key, so that a request passes the keys before it to reach the next. */
const VALUES: Record<string, fc.Arbitrary<string>> = {
  since: dateText,
  until: dateText,
  at: dateText,
  res: smallInt,
  k: smallInt,
  limit: smallInt,
  featureId: idText,
  level: fc.constantFrom('district', 'commune', 'planet'),
  bucket: fc.constantFrom('day', 'hour', 'minute'),
  metric: fc.constantFrom('open', 'overdue', 'pm25', 'aqi', 'X'),
  audience: fc.constantFrom('ops', 'public', 'chief'),
  fdr: fc.constantFrom('true', 'false', '1', '0', 'yes'),
  status: fc.subarray([...REPORT_STATUSES, 'lost']).map((a) => a.join(',')),
  category: fc.constantFrom('traffic_roads', 'traffic_roads,environment', 'unicorns', ''),
  area: fc.oneof(fc.constantFrom('001', '002', '00001', '00070', '999'), fc.stringMatching(/^\d{2,6}$/)),
  bbox: fc
    .tuple(fc.double({ min: -200, max: 200 }), fc.double({ min: -100, max: 100 }), fc.double(), fc.double())
    .map((xs) => xs.join(',')),
  cell: fc.constantFrom('881f1d4a9bfffff', '861f1d4a7ffffff', '8f1f1d4a9b00000', 'fffffffffffffff', 'zz'),
  cursor: fc.oneof(
    fc.tuple(dateText, idText).map(([d, id]) => Buffer.from(`${d}|${id}`).toString('base64url')),
    fc
      .tuple(dateText, fc.constantFrom('event', 'audit', 'x'), idText)
      .map(([d, src, id]) =>
        Buffer.from(`${d.replace('T', ' ').replace('Z', '+00')}|${src}|${id}`).toString('base64url'),
      ),
    fc.base64String({ maxLength: 40 }),
  ),
  user: fc.oneof(idText, hostile),
  report: fc.oneof(idText, fc.constantFrom('HN-2026-000001', 'HN-0000-000000')),
  action: fc.constantFrom('report.accepted', 'contact.read', 'report.eaten'),
  // The stream's ?since= is an event id, not a date.
  streamSince: idText,
  // Issue 10's routes: initiatives, reception, alerts, places.
  initiativeStatus: fc.subarray([...INITIATIVE_STATUSES, 'lost']).map((a) => a.join(',')),
  topic: fc.subarray([...INITIATIVE_TOPICS, 'sports']).map((a) => a.join(',')),
  office: fc.oneof(fc.constantFrom('hanoi', '001', '002', '00070', '99999'), fc.stringMatching(/^\d{2,6}$/)),
  from: dateText,
  active: fc.constantFrom('0', '1', 'true', ''),
  q: fc.constantFrom('benh vien', 'Chợ Đồng Xuân', 'cho dong xuan', 'trường', '!!!', '   ', '%', '_', 'a'.repeat(101)),
  poiCategory: fc.constantFrom(...POI_CATEGORIES, 'bank', ''),
  kind: fc.constantFrom('hexes', 'areas', 'reports', ''),
};

/** Keys shaped apart whose name on the wire is another's. */
const WIRE_NAME: Record<string, string> = {
  streamSince: 'since',
  initiativeStatus: 'status',
  poiCategory: 'category',
};

/**
 * A query string for a route that reads `keys`: a few of them, each with a value shaped for it
 * (or, a quarter of the time, anything), now and then an unknown key or raw percent garbage.
 */
function queryFor(keys: readonly string[]): fc.Arbitrary<string> {
  const pairs = fc
    .subarray([...keys], { maxLength: Math.min(3, keys.length) })
    .chain((chosen) =>
      fc.tuple(
        ...chosen.map((k) =>
          fc
            .oneof({ weight: 3, arbitrary: VALUES[k] ?? hostile }, { weight: 1, arbitrary: hostile })
            .map((v) => [WIRE_NAME[k] ?? k, v]),
        ),
      ),
    );
  return fc
    .tuple(
      pairs,
      fc.oneof(
        { weight: 9, arbitrary: fc.constant([]) },
        { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 6 }), hostile) },
      ),
      fc.constantFrom(
        '',
        '',
        '',
        '',
        '',
        '',
        '&since=%ED%A0%80',
        '&until=%zz',
        '&%=%',
        '&area=%00',
        '&since=0000-01-01&since=2026-01-01',
      ),
    )
    .map(([chosen, extra, raw]) => {
      const q = new URLSearchParams(chosen as Array<[string, string]>);
      if (extra.length) q.append(extra[0] as string, extra[1] as string);
      const text = (q.toString() + raw).replace(/^&/, '');
      return text ? `?${text}` : '';
    });
}

const FILTER = ['status', 'category', 'area', 'bbox', 'cell', 'since', 'until'];
const QUERY_KEYS: Record<string, readonly string[]> = {
  '/api/reports': [...FILTER, 'limit', 'cursor'],
  '/api/hexes': [...FILTER, 'res'],
  '/api/areas': [...FILTER, 'level'],
  '/api/areas/series': [...FILTER, 'level', 'bucket'],
  '/api/timeseries': [...FILTER, 'bucket'],
  '/api/kpis': ['since', 'until', 'area', 'category'],
  '/api/kpis/areas': ['since', 'until', 'level', 'category'],
  '/api/hotspots': ['metric', 'k', 'fdr'],
  '/api/admin/audit': ['user', 'report', 'action', 'since', 'until', 'limit', 'cursor'],
  '/api/stream': ['streamSince', 'audience', 'area'],
  geojson: ['at'],
  readings: ['featureId', 'since', 'until', 'metric'],
  '/api/public/hexes': ['since', 'until', 'res', 'category'],
  '/api/public/kpis': ['since', 'until'],
  '/api/public/timeseries': ['since', 'until', 'bucket', 'category'],
  '/api/public/areas': ['since', 'until', 'level', 'category'],
  // Issue 11's exports: the desk's filter; the public view's.
  '/api/reports/export': FILTER,
  '/api/public/export': ['since', 'until', 'kind', 'res', 'level', 'category'],
  '/api/initiatives': ['initiativeStatus', 'topic', 'area', 'limit', 'cursor'],
  '/api/kpis/initiatives': ['since', 'until', 'area'],
  officeSlots: ['from', 'until'],
  '/api/reception/slots': ['office', 'from', 'until'],
  '/api/alerts': ['active', 'area', 'limit'],
  news: ['limit'],
  '/api/poi/search': ['q', 'poiCategory', 'limit'],
};

/** Percent-encodes anything, a lone surrogate included (as the bytes a raw client could send). */
function pathText(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return [...s]
      .map((ch) => (ch.length === 1 && /[\ud800-\udfff]/.test(ch) ? '%ED%A0%80' : encodeURIComponent(ch)))
      .join('');
  }
}

/** Header values as a client could put them on the wire (bytes, no CR/LF/NUL). */
const headerText = hostile.map((s) => s.replace(/[^\t\x20-\x7e\x80-\xff]/g, ''));

interface Req {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** The routes' documented answers (besides 400/401/403/404, which any route may give a bad request). */
const ANSWERS = {
  read: [200],
  file: [201, 413, 422],
  transition: [200, 409, 413, 422],
  signin: [200, 413, 429],
  signout: [204],
  tiles: [200, 206, 304, 416],
  readyz: [200, 503],
  // Issue 10: a write refused by the state of what it names (a full slot, an ended alert, a second support).
  create: [201, 409, 413],
  change: [200, 409, 413],
  publish: [201, 413],
  changeAlert: [200, 409, 413, 422],
} as const;
const ALWAYS = [400, 401, 403, 404];

/**
 * The share of each route's runs per driver: all of them on PGlite (in-process, fast); a tenth on
 * Postgres when DATABASE_URL is set, for the driver's own errors (postgres.js types, encodings).
 */
const SHARE = { pglite: 1, postgres: 0.1 } as const;
/** A route's whole run: under shared cores 1,800 filings took 45 s, too near vitest's 60 s default. */
const ROUTE_TIMEOUT_MS = 300_000;

describe.each(TEST_DRIVERS)('fuzz: every route that takes input (%s)', (driver) => {
  let t: TestApp;
  const tokens: string[] = [];
  const reportIds: string[] = [];
  /** The filed reports' citizen tokens, and a general thread's (Hanoi Chat). */
  const citizenTokens: string[] = [];
  const threadIds: string[] = [];
  /** Issue 10's objects: initiatives (public and numeric ids), reception slots and bookings, alerts, news. */
  const initiativeIds: string[] = [];
  const slotIds: string[] = [];
  const bookingIds: string[] = [];
  const bookingCodes: string[] = [];
  const alertIds: string[] = [];
  const newsIds: string[] = [];
  let workingDate = '';
  let sent = 0;
  let refusedWrites = 0;
  let filed = 0;
  const started = Date.now();

  beforeAll(async () => {
    t = await startTestApp(driver, { overlays: true });
    for (const role of ['operator', 'admin', 'chief', 'agency'] as const) {
      tokens.push((await t.headersFor(role)).authorization);
    }
    // A ward chief where the fixtures below are: its slots, alerts and initiatives are its own.
    tokens.push((await t.headersFor('chief', { areaCode: '00070' })).authorization);
    for (let i = 0; i < 5; i++) {
      const r = await (await postJson(t.app, '/api/reports', reportBody({ title: `Báo cáo gốc ${i}` }))).json();
      reportIds.push(String(r.id), r.publicId);
      citizenTokens.push(r.citizenToken);
    }
    filed = 5;
    const opened = await t.app.request('/api/chats', {
      method: 'POST',
      headers: { authorization: tokens[0]!, 'content-type': 'application/json' },
      body: JSON.stringify({ subject: 'Hỏi về thủ tục', text: 'Chào anh' }),
    });
    const thread = await opened.json();
    threadIds.push(String(thread.thread.id));
    citizenTokens.push(thread.citizenToken);
    await issue10Fixtures();
  });

  /** A few of each of issue 10's objects, made through the API as the operator, for the paths to name. */
  async function issue10Fixtures() {
    const ops = async (method: string, url: string, body: unknown) => {
      const res = await t.app.request(url, {
        method,
        headers: { authorization: tokens[0]!, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status, `${method} ${url}: ${await res.clone().text()}`).toBeLessThan(300);
      return res.json();
    };
    for (const place of [{ lat: 21.0287, lng: 105.8524 }, { area: '00070' }, {}]) {
      const body = {
        title: 'Thêm ghế đá quanh hồ',
        text: 'Đề xuất đặt thêm ghế đá quanh hồ.',
        topic: 'planning',
        ...place,
      };
      const made = await (await postJson(t.app, '/api/initiatives', body)).json();
      initiativeIds.push(made.publicId, String(made.id));
      citizenTokens.push(made.citizenToken);
    }
    // The first is published: supports reach it.
    await ops('POST', `/api/initiatives/${initiativeIds[0]}/publish`, {});
    workingDate = nextWorkingDate(t.pack, new Date());
    for (const start of ['09:00', '10:00']) {
      const slot = await ops('POST', '/api/reception/slots', {
        office: '00070',
        date: workingDate,
        start,
        end: `${Number(start.slice(0, 2)) + 1}:00`,
        capacity: 50,
      });
      slotIds.push(String(slot.id));
      const { booking } = await (
        await postJson(t.app, `/api/reception/slots/${slot.id}/bookings`, {
          name: 'Trần Văn Công Dân',
          phone: '0912345678',
          subject: 'Hỏi về hồ sơ',
        })
      ).json();
      bookingIds.push(String(booking.id));
      bookingCodes.push(booking.code);
    }
    // One under way, so that attendance can be marked.
    const begun = await receptionFixture(t.store, t.pack, '00070').freshBegunBooking();
    bookingIds.push(String(begun.id));
    bookingCodes.push(begun.code);
    for (const area of ['00070', '002']) {
      const alert = await ops('POST', '/api/alerts', {
        kind: 'flood',
        severity: 'warning',
        titleVi: 'Ngập phố Hàng Bài',
        titleEn: 'Flooding on Hang Bai',
        bodyVi: 'Tránh đi qua.',
        bodyEn: 'Keep away.',
        area,
        expiresAt: new Date(Date.now() + 6 * 3_600_000).toISOString(),
      });
      alertIds.push(String(alert.id));
      const item = await ops('POST', '/api/news', {
        titleVi: 'Tin',
        titleEn: 'News',
        bodyVi: 'Nội dung',
        bodyEn: 'Text',
      });
      newsIds.push(String(item.id));
    }
  }
  afterAll(async () => {
    console.log(`fuzz (${driver}): ${sent} requests generated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await t?.close();
  });

  const authorization = fc.oneof(
    { weight: 3, arbitrary: fc.constant(undefined) },
    { weight: 4, arbitrary: fc.integer({ min: 0, max: 4 }).map((i) => tokens[i]) },
    { weight: 2, arbitrary: headerText.map((s) => `Bearer ${s}`) },
    { weight: 1, arbitrary: headerText },
  );
  const headers = fc
    .record(
      {
        authorization,
        cookie: fc.oneof(
          headerText.map((s) => `citydesk_session=${s}`),
          headerText,
        ),
        origin: fc.oneof(fc.constantFrom('http://localhost', 'https://evil.example', 'null'), headerText),
        'last-event-id': fc.oneof(fc.nat().map(String), headerText),
        'content-type': fc.oneof(
          { weight: 6, arbitrary: fc.constant('application/json') },
          {
            weight: 1,
            arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data'),
          },
          { weight: 1, arbitrary: headerText },
        ),
        range: fc.oneof(fc.constantFrom('bytes=0-99', 'bytes=-1', 'bytes=99999999-', 'bytes=5-1'), headerText),
      },
      { requiredKeys: [] },
    )
    .map((h) => Object.fromEntries(Object.entries(h).filter(([, v]) => v !== undefined)) as Record<string, string>);

  /** A path parameter: a real id or public id, or anything. */
  const reportId = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...['1', '2', BIG_ID, '0', '-1', 'HN-2026-000001']) },
    { weight: 3, arbitrary: fc.nat({ max: 10 }).map((i) => reportIds[i % Math.max(1, reportIds.length)] ?? '1') },
    { weight: 2, arbitrary: hostile.map(pathText) },
  );
  const layerCode = fc.oneof(fc.constantFrom('air_quality', 'traffic', 'planning', 'x'), hostile.map(pathText));

  /** A report body: a valid one with one or two fields hostile, or any JSON, or not JSON at all. */
  const reportJson = fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .record({
          field: fc.constantFrom('category', 'lat', 'lng', 'title', 'description', 'reporter', 'media', 'extra'),
          value: fc.oneof(hostile, fc.double(), fc.jsonValue({ maxDepth: 2 })),
          name: fc.option(hostile, { nil: undefined }),
        })
        .map(({ field, value, name }) => {
          const body: Record<string, unknown> = reportBody();
          if (field === 'reporter') body.reporter = { name, phone: value, email: value };
          else if (field === 'media') body.media = [value];
          else body[field] = value;
          return JSON.stringify(body);
        }),
    },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: hostile },
  );
  const transitionJson = fc.oneof(
    {
      weight: 5,
      arbitrary: fc
        .record(
          {
            action: fc.oneof(fc.constantFrom(...ACTIONS), hostile),
            note: hostile,
            rating: fc.oneof(fc.integer({ min: -2, max: 8 }), fc.double(), hostile),
            duplicateOf: fc.oneof(fc.nat(), fc.constant(1e20), fc.double(), hostile),
          },
          { requiredKeys: ['action'] },
        )
        .map((b) => JSON.stringify(b)),
    },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
  );
  /** Chat: a citizen's token (a real one, anything, or none) beside the other headers. */
  const chatHeaders = fc
    .tuple(
      headers,
      fc.oneof(
        { weight: 2, arbitrary: fc.constant(undefined) },
        { weight: 3, arbitrary: fc.nat({ max: 10 }).map((i) => citizenTokens[i % citizenTokens.length]) },
        { weight: 1, arbitrary: headerText },
      ),
    )
    .map(([h, token]) => (token === undefined ? h : { ...h, 'x-citizen-token': token }));
  const chatText = fc.oneof(fc.constant('Khi nào sửa xong ạ?'), hostile);
  const chatJson = fc.oneof(
    {
      weight: 5,
      arbitrary: fc
        .record(
          {
            text: chatText,
            images: fc.oneof(
              fc.array(fc.oneof(fc.constant('https://example.vn/a.jpg'), hostile), { maxLength: 6 }),
              hostile,
            ),
            subject: chatText,
          },
          { requiredKeys: [] },
        )
        .map((b) => JSON.stringify(b)),
    },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: hostile },
  );
  const readJson = fc
    .record({ lastReadId: fc.oneof(fc.nat(), fc.constant(1e20), fc.double(), hostile) }, { requiredKeys: [] })
    .map((b) => JSON.stringify(b));
  const threadId = fc.oneof(
    { weight: 3, arbitrary: fc.constant(undefined).map(() => threadIds[0] ?? '1') },
    { weight: 2, arbitrary: fc.constantFrom('1', '0', BIG_ID, '-1') },
    { weight: 2, arbitrary: hostile.map(pathText) },
  );
  const withBody = (method: string) => (path: fc.Arbitrary<string>, body: fc.Arbitrary<string>) =>
    fc.tuple(path, body, chatHeaders).map(([url, b, h]): Req => ({ method, url, headers: h, body: b }));
  const post = withBody('POST');
  const patch = withBody('PATCH');
  /** A path id from `pool` (filled by the fixtures), one at a bound, or anything. */
  const idFrom = (pool: string[]) =>
    fc.oneof(
      { weight: 4, arbitrary: fc.nat().map((i) => pool[i % Math.max(1, pool.length)] ?? '1') },
      {
        weight: 2,
        arbitrary: fc.constantFrom(
          '1',
          '0',
          '-1',
          '1.5',
          '1e3',
          '2147483648',
          '9007199254740992',
          BIG_ID,
          'HN-SK-2026-000001',
          'HN-SK-0000-999999',
          'HN-2026-000001',
          '%00',
          'HN-SK-2026-000001%00',
        ),
      },
      { weight: 2, arbitrary: hostile.map(pathText) },
    );
  const initiativeId = idFrom(initiativeIds);
  const slotId = idFrom(slotIds);
  const bookingId = idFrom(bookingIds);
  const alertId = idFrom(alertIds);
  const newsId = idFrom(newsIds);
  const officeCode = fc.oneof(fc.constantFrom('hanoi', '00070', '002', '99999'), hostile.map(pathText));
  const signinJson = fc
    .record({ name: hostile, password: hostile }, { requiredKeys: [] })
    .map((b) => JSON.stringify(b));

  async function send(r: Req): Promise<Response> {
    sent++;
    let timer: NodeJS.Timeout | undefined;
    const hang = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer in ${REQUEST_TIMEOUT_MS} ms`)), REQUEST_TIMEOUT_MS);
    });
    try {
      return await Promise.race([
        Promise.resolve(t.app.request(r.url, { method: r.method, headers: r.headers, body: r.body })),
        hang,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  async function storedCounts() {
    const { reports, contacts } = await t.store.reports.counts();
    return { reports, contacts, ...(await t.store.chat.counts()) };
  }

  /**
   * What a refused write must leave as it was: for reports, their count and their contacts'; for
   * issue 10's features and the chat, every row of their tables, the last event and audit entry.
   */
  type Writes = false | 'reports' | 'features';
  const stored = (writes: Writes) =>
    writes === 'reports' ? storedCounts() : writes === 'features' ? storedDigest(t.conn) : null;

  /** The property every request must hold; returns the response's status. */
  async function check(r: Req, answers: readonly number[], writes: Writes): Promise<void> {
    const before = await stored(writes);
    const res = await send(r);
    const where = `${r.method} ${r.url}`;
    const text = await readAll(res);
    expect(res.status, `${where}: ${text.slice(0, 300)}`).toBeLessThan(500);
    expect([...ALWAYS, ...answers], where).toContain(res.status);
    if (res.status >= 400) {
      expect(JSON.parse(text), where).toMatchObject({
        error: { code: expect.any(String), message: expect.any(String) },
      });
    }
    if (before) {
      const after = await stored(writes);
      if (res.status >= 400) {
        refusedWrites++;
        expect(after, `${where} was refused but stored something`).toEqual(before);
      } else if (r.url === '/api/reports') {
        filed++;
        expect((after as { reports: number }).reports, where).toBe((before as { reports: number }).reports + 1);
      }
    }
  }

  /** Every answer read to its end (a handler's failure can surface late); a stream's closed at once. */
  async function readAll(res: Response): Promise<string> {
    if ((res.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
      await res.body?.cancel();
      return '';
    }
    return res.text();
  }

  /** [name, arbitrary of requests, documented answers, what a refused one must leave as it was, runs] */
  const get = (path: fc.Arbitrary<string>, keys: readonly string[] = [], h = headers) =>
    fc.tuple(path, queryFor(keys), h).map(([p, q, hs]): Req => ({ method: 'GET', url: p + q, headers: hs }));
  /** Issue 10's reads, with a citizen token (real, anything or none) beside the staff's. */
  const read = (path: fc.Arbitrary<string>, keys: readonly string[] = []) => get(path, keys, chatHeaders);
  const ROUTES: Array<[string, fc.Arbitrary<Req>, readonly number[], Writes, number]> = [
    [
      'POST /api/reports',
      fc.tuple(reportJson, headers).map(([body, h]) => ({ method: 'POST', url: '/api/reports', headers: h, body })),
      ANSWERS.file,
      'reports',
      1_800,
    ],
    [
      'POST /api/reports/:id/transitions',
      fc.tuple(reportId, transitionJson, headers).map(([id, body, h]) => ({
        method: 'POST',
        url: `/api/reports/${id}/transitions`,
        headers: h,
        body,
      })),
      ANSWERS.transition,
      'reports',
      1_100,
    ],
    ['GET /api/reports', get(fc.constant('/api/reports'), QUERY_KEYS['/api/reports']), ANSWERS.read, false, 900],
    [
      'GET /api/reports/:id/chat, /api/chats/:id',
      fc
        .tuple(
          fc.oneof(
            reportId.map((id) => `/api/reports/${id}/chat`),
            threadId.map((id) => `/api/chats/${id}`),
          ),
          chatHeaders,
        )
        .map(([url, h]): Req => ({ method: 'GET', url, headers: h })),
      ANSWERS.read,
      false,
      300,
    ],
    [
      'POST /api/reports/:id/chat/messages, /api/chats/:id/messages, /api/chats',
      post(
        fc.oneof(
          reportId.map((id) => `/api/reports/${id}/chat/messages`),
          threadId.map((id) => `/api/chats/${id}/messages`),
          fc.constant('/api/chats'),
        ),
        chatJson,
      ),
      ANSWERS.file,
      'features',
      500,
    ],
    [
      'POST /api/reports/:id/chat/read, /api/chats/:id/read',
      post(
        fc.oneof(
          reportId.map((id) => `/api/reports/${id}/chat/read`),
          threadId.map((id) => `/api/chats/${id}/read`),
        ),
        readJson,
      ),
      ANSWERS.read,
      'features',
      300,
    ],
    [
      'GET /api/reports/:id',
      get(
        reportId.map((id) => `/api/reports/${id}`),
        ['since'],
      ),
      ANSWERS.read,
      false,
      700,
    ],
    ['GET /api/hexes', get(fc.constant('/api/hexes'), QUERY_KEYS['/api/hexes']), ANSWERS.read, false, 500],
    ['GET /api/areas', get(fc.constant('/api/areas'), QUERY_KEYS['/api/areas']), ANSWERS.read, false, 400],
    [
      'GET /api/areas/series',
      get(fc.constant('/api/areas/series'), QUERY_KEYS['/api/areas/series']),
      ANSWERS.read,
      false,
      300,
    ],
    [
      'GET /api/timeseries',
      get(fc.constant('/api/timeseries'), QUERY_KEYS['/api/timeseries']),
      ANSWERS.read,
      false,
      300,
    ],
    ['GET /api/kpis', get(fc.constant('/api/kpis'), QUERY_KEYS['/api/kpis']), ANSWERS.read, false, 400],
    [
      'GET /api/kpis/areas',
      get(fc.constant('/api/kpis/areas'), QUERY_KEYS['/api/kpis/areas']),
      ANSWERS.read,
      false,
      200,
    ],
    ['GET /api/hotspots', get(fc.constant('/api/hotspots'), QUERY_KEYS['/api/hotspots']), ANSWERS.read, false, 150],
    [
      'GET /api/admin/audit',
      get(fc.constant('/api/admin/audit'), QUERY_KEYS['/api/admin/audit']),
      ANSWERS.read,
      false,
      300,
    ],
    ['GET /api/stream', get(fc.constant('/api/stream'), QUERY_KEYS['/api/stream']), ANSWERS.read, false, 600],
    [
      'GET /api/layers/:code/geojson',
      get(
        layerCode.map((c) => `/api/layers/${c}/geojson`),
        QUERY_KEYS.geojson,
      ),
      ANSWERS.read,
      false,
      250,
    ],
    [
      'GET /api/layers/:code/readings',
      get(
        layerCode.map((c) => `/api/layers/${c}/readings`),
        QUERY_KEYS.readings,
      ),
      ANSWERS.read,
      false,
      300,
    ],
    [
      'GET /api/public/hexes',
      get(fc.constant('/api/public/hexes'), QUERY_KEYS['/api/public/hexes']),
      ANSWERS.read,
      false,
      500,
    ],
    [
      'GET /api/public/kpis',
      get(fc.constant('/api/public/kpis'), QUERY_KEYS['/api/public/kpis']),
      ANSWERS.read,
      false,
      400,
    ],
    [
      'GET /api/public/timeseries',
      get(fc.constant('/api/public/timeseries'), QUERY_KEYS['/api/public/timeseries']),
      ANSWERS.read,
      false,
      300,
    ],
    [
      'GET /api/public/areas',
      get(fc.constant('/api/public/areas'), QUERY_KEYS['/api/public/areas']),
      ANSWERS.read,
      false,
      300,
    ],
    [
      'GET /api/reports/export.csv, .geojson',
      get(fc.constantFrom('/api/reports/export.csv', '/api/reports/export.geojson'), QUERY_KEYS['/api/reports/export']),
      ANSWERS.read,
      false,
      300,
    ],
    [
      'GET /api/public/export.csv, .geojson',
      get(fc.constantFrom('/api/public/export.csv', '/api/public/export.geojson'), QUERY_KEYS['/api/public/export']),
      ANSWERS.read,
      false,
      300,
    ],
    [
      'GET /api/categories, /api/city, /api/layers',
      get(fc.constantFrom('/api/categories', '/api/city', '/api/layers')),
      ANSWERS.read,
      false,
      150,
    ],
    ['GET /api/areas/geojson', get(fc.constant('/api/areas/geojson')), ANSWERS.read, false, 20],
    ['GET /api/map/*', get(fc.constantFrom('/api/map/config', '/api/map/style.json')), ANSWERS.read, false, 150],
    ['GET /tiles/city.pmtiles', get(fc.constant('/tiles/city.pmtiles')), ANSWERS.tiles, false, 100],
    ['GET /api/auth/me', get(fc.constant('/api/auth/me')), ANSWERS.read, false, 200],
    ['GET /healthz, /readyz', get(fc.constantFrom('/healthz', '/readyz')), ANSWERS.readyz, false, 100],
    [
      'POST /api/auth/signin',
      fc.tuple(signinJson, headers).map(([body, h]) => ({ method: 'POST', url: '/api/auth/signin', headers: h, body })),
      ANSWERS.signin,
      'reports',
      // Each sign-in costs a scrypt (a dummy one for an unknown name): few, but every shape of body.
      25,
    ],
    [
      'POST /api/auth/signout',
      headers.map((h) => ({ method: 'POST', url: '/api/auth/signout', headers: h })),
      ANSWERS.signout,
      false,
      150,
    ],
    // Issue 10: initiatives, citizen reception, alerts and news, places. Each write is checked to leave
    // every row of the features' tables as it was when refused (api/testDigest.ts).
    ['POST /api/initiatives', post(fc.constant('/api/initiatives'), initiativeBody), ANSWERS.file, 'features', 75],
    [
      'POST /api/initiatives/:id/supports',
      post(
        initiativeId.map((id) => `/api/initiatives/${id}/supports`),
        supportBody,
      ),
      ANSWERS.create,
      'features',
      50,
    ],
    [
      'POST /api/initiatives/:id/moves',
      post(
        initiativeId.map((id) => `/api/initiatives/${id}/moves`),
        moveBody,
      ),
      ANSWERS.change,
      'features',
      50,
    ],
    [
      'POST /api/initiatives/:id/publish',
      post(
        initiativeId.map((id) => `/api/initiatives/${id}/publish`),
        emptyBody,
      ),
      ANSWERS.change,
      'features',
      30,
    ],
    [
      'GET /api/initiatives',
      read(fc.constant('/api/initiatives'), QUERY_KEYS['/api/initiatives']),
      ANSWERS.read,
      false,
      40,
    ],
    [
      'GET /api/initiatives/:id, /:id/citizen',
      read(initiativeId.chain((id) => fc.constantFrom(`/api/initiatives/${id}`, `/api/initiatives/${id}/citizen`))),
      ANSWERS.read,
      false,
      40,
    ],
    [
      'GET /api/kpis/initiatives',
      read(fc.constant('/api/kpis/initiatives'), QUERY_KEYS['/api/kpis/initiatives']),
      ANSWERS.read,
      false,
      30,
    ],
    [
      'GET /api/public/initiatives',
      read(fc.constant('/api/public/initiatives'), QUERY_KEYS['/api/initiatives']),
      ANSWERS.read,
      false,
      30,
    ],
    [
      'GET /api/public/initiatives/:publicId',
      read(initiativeId.map((id) => `/api/public/initiatives/${id}`)),
      ANSWERS.read,
      false,
      30,
    ],
    [
      'GET /api/reception/offices, /offices/:office/slots',
      read(
        fc.oneof(
          fc.constant('/api/reception/offices'),
          officeCode.map((o) => `/api/reception/offices/${o}/slots`),
        ),
        QUERY_KEYS.officeSlots,
      ),
      ANSWERS.read,
      false,
      40,
    ],
    [
      'GET /api/reception/slots',
      read(fc.constant('/api/reception/slots'), QUERY_KEYS['/api/reception/slots']),
      ANSWERS.read,
      false,
      40,
    ],
    [
      'GET /api/reception/slots/:id/bookings, /bookings/:id/contact',
      read(
        fc.oneof(
          slotId.map((id) => `/api/reception/slots/${id}/bookings`),
          bookingId.map((id) => `/api/reception/bookings/${id}/contact`),
        ),
      ),
      ANSWERS.read,
      false,
      30,
    ],
    [
      'POST /api/reception/slots',
      post(
        fc.constant('/api/reception/slots'),
        slotBody(() => workingDate),
      ),
      ANSWERS.publish,
      'features',
      75,
    ],
    [
      'POST /api/reception/slots/:id/bookings',
      post(
        slotId.map((id) => `/api/reception/slots/${id}/bookings`),
        bookingBody,
      ),
      ANSWERS.create,
      'features',
      50,
    ],
    [
      'POST /api/reception/bookings/lookup, /cancel',
      post(fc.constantFrom('/api/reception/bookings/lookup', '/api/reception/bookings/cancel'), codeBody(bookingCodes)),
      ANSWERS.change,
      'features',
      50,
    ],
    [
      'POST /api/reception/bookings/:id/attendance',
      post(
        bookingId.map((id) => `/api/reception/bookings/${id}/attendance`),
        attendanceBody,
      ),
      ANSWERS.change,
      'features',
      30,
    ],
    // After the bookings: an edit or a cancellation changes what they find.
    [
      'PATCH /api/reception/slots/:id',
      patch(
        slotId.map((id) => `/api/reception/slots/${id}`),
        slotEditBody,
      ),
      ANSWERS.change,
      'features',
      40,
    ],
    [
      'POST /api/reception/slots/:id/cancel',
      post(
        slotId.map((id) => `/api/reception/slots/${id}/cancel`),
        reasonBody,
      ),
      ANSWERS.change,
      'features',
      30,
    ],
    ['GET /api/alerts', read(fc.constant('/api/alerts'), QUERY_KEYS['/api/alerts']), ANSWERS.read, false, 30],
    ['GET /api/alerts/:id', read(alertId.map((id) => `/api/alerts/${id}`)), ANSWERS.read, false, 30],
    [
      'POST /api/alerts',
      post(
        fc.constant('/api/alerts'),
        alertBody(() => t.pack.bbox),
      ),
      ANSWERS.file,
      'features',
      75,
    ],
    [
      'PATCH /api/alerts/:id',
      patch(
        alertId.map((id) => `/api/alerts/${id}`),
        alertEditBody(() => t.pack.bbox),
      ),
      ANSWERS.changeAlert,
      'features',
      50,
    ],
    [
      'POST /api/alerts/:id/withdraw',
      post(
        alertId.map((id) => `/api/alerts/${id}/withdraw`),
        reasonBody,
      ),
      ANSWERS.change,
      'features',
      30,
    ],
    [
      'GET /api/news, /api/public/news, /api/public/alerts',
      read(fc.constantFrom('/api/news', '/api/public/news', '/api/public/alerts'), QUERY_KEYS.news),
      ANSWERS.read,
      false,
      30,
    ],
    ['POST /api/news', post(fc.constant('/api/news'), newsBody), ANSWERS.publish, 'features', 30],
    [
      'POST /api/news/:id/withdraw',
      post(
        newsId.map((id) => `/api/news/${id}/withdraw`),
        emptyBody,
      ),
      ANSWERS.change,
      'features',
      30,
    ],
    [
      'GET /api/poi/search',
      read(fc.constant('/api/poi/search'), QUERY_KEYS['/api/poi/search']),
      ANSWERS.read,
      false,
      60,
    ],
    [
      'any method, any path (dot segments, encoded slashes, unknown routes)',
      fc
        .tuple(
          fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
          fc.oneof(
            fc.webPath(),
            fc.constantFrom(
              '/api/public/%2e%2e/reports/1',
              '/public/%2e%2e/api/reports/1',
              '/api/public%2f..%2freports/1',
              '/api/reports/1/%2e%2e/2',
              '/api/./reports',
              '/api//reports',
            ),
            hostile.map((s) => `/api/${pathText(s)}`),
          ),
          headers,
        )
        .map(([method, path, h]) => ({ method, url: path, headers: h })),
      [200, 204, 405],
      false,
      700,
    ],
  ];

  it.each(ROUTES)(
    '%s',
    async (_name, arb, answers, writes, runs) => {
      await fc.assert(
        fc.asyncProperty(arb, (r) => check(r, answers, writes)),
        { numRuns: Math.ceil(runs * SHARE[driver]), seed: SEED, endOnFailure: false },
      );
    },
    ROUTE_TIMEOUT_MS,
  );

  it('stored exactly the reports that were acknowledged, and at least 10,000 requests were made', async () => {
    const { reports } = await t.store.reports.counts();
    expect(reports).toBe(filed);
    expect(refusedWrites).toBeGreaterThan(0);
    expect(sent).toBeGreaterThanOrEqual(10_000 * SHARE[driver]);
  });
});
