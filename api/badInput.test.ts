import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DRIVERS } from '../db/testing';
import { postJson, reportBody, startTestApp, type TestApp } from './testing';
import { as, type Requester } from './testClient';

const huge = 'ư'.repeat(4_001);

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
  ])('GET %s → 400 naming %s', async (url, field) => {
    const res = await ops.request(url);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: 'invalid_request', field });
  });
});
