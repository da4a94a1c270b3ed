import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/rows';
import { TEST_DRIVERS } from '../../db/testing';
import { as } from '../testClient';
import { HOAN_KIEM_LAKE, startTestApp, type TestApp } from '../testing';
import { issueApiKey, revokeApiKey } from './keys';
import { xmlShape } from './xmlShape';

/**
 * Every parameter of GeoReport v2 wrong in turn: a clear error in the standard's shape (the
 * status as `code`, the description naming the field) and nothing stored — no report, event,
 * contact, nor a key's last use.
 */

const FORM = {
  service_code: 'traffic_roads',
  lat: String(HOAN_KIEM_LAKE.lat),
  long: String(HOAN_KIEM_LAKE.lng),
  description: 'Nắp cống hở',
  email: 'an@example.vn',
};

/** [what, form changes (undefined drops a field) or a raw body with its type, status, field named first in the description] */
type BadPost = [string, Record<string, string | undefined> | { raw: string; type: string }, number, string];

const BAD_POSTS: BadPost[] = [
  ['no api_key', { api_key: undefined }, 403, 'api_key'],
  ['an unknown api_key', { api_key: 'o311_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }, 403, 'api_key'],
  ['a revoked api_key', { api_key: 'REVOKED' }, 403, 'api_key'],
  ['JSON instead of a form', { raw: '{"service_code":"traffic_roads"}', type: 'application/json' }, 400, 'body'],
  ['no service_code', { service_code: undefined }, 400, 'service_code'],
  ['a service_code of no service', { service_code: 'no_such_service' }, 404, ''],
  ['a service_code that is no code', { service_code: "x'; drop table reports --" }, 400, 'service_code'],
  ['lat without long', { long: undefined }, 400, 'long'],
  ['no place at all', { lat: undefined, long: undefined }, 400, 'lat'],
  ['lat beyond 90', { lat: '91' }, 400, 'lat'],
  ['long not a number', { long: 'east' }, 400, 'long'],
  ['lat in exponent form', { lat: '2.1e1' }, 400, 'lat'],
  ['a place outside the city', { lat: '10.7769', long: '106.7009' }, 400, 'lat'],
  [
    'an address no place matches',
    { lat: undefined, long: undefined, address_string: 'qqqq zzzz xxxx' },
    400,
    'address_string',
  ],
  ['address_string with markup', { address_string: '<b>phố</b>' }, 400, 'address_string'],
  ['no description', { description: undefined }, 400, 'description'],
  ['a description over 4,000 characters', { description: 'ư'.repeat(4_001) }, 400, 'description'],
  ['a description with a script', { description: '<script>alert(1)</script>' }, 400, 'description'],
  ['a description with NUL', { description: 'a\u0000b' }, 400, 'description'],
  ['an email that is none', { email: 'not-an-email' }, 400, 'email'],
  ['a phone that is none', { phone: '12345' }, 400, 'phone'],
  ['a first_name over 50 characters', { first_name: 'A'.repeat(51) }, 400, 'first_name'],
  ['a javascript: media_url', { media_url: 'javascript:alert(1)' }, 400, 'media_url'],
  ['an urgent answer not offered', { 'attribute[urgent]': 'maybe' }, 400, 'attribute[urgent]'],
  ['an attribute the service lacks', { 'attribute[colour]': 'red' }, 400, 'attribute[colour]'],
  [
    'urgent on a procedure',
    { service_code: 'administrative_procedure', 'attribute[urgent]': 'yes' },
    400,
    'attribute[urgent]',
  ],
  ['a title too short', { 'attribute[title]': 'ab' }, 400, 'attribute[title]'],
  ['an attributes field', { attributes: 'x' }, 400, 'attributes'],
  ['another jurisdiction', { jurisdiction_id: 'saigon' }, 400, 'jurisdiction_id'],
  ['an unknown field', { colour: 'red' }, 400, 'colour'],
  [
    'a field twice',
    { raw: 'description=a&description=b', type: 'application/x-www-form-urlencoded' },
    400,
    'description',
  ],
  ['a lone surrogate', { raw: 'description=%ED%A0%80', type: 'application/x-www-form-urlencoded' }, 400, ''],
  ['a broken escape', { raw: 'description=%E0%A4%A', type: 'application/x-www-form-urlencoded' }, 400, ''],
];

/** [what, path and query, status, field named first in the description] */
const BAD_GETS: Array<[string, string, number, string]> = [
  ['a start_date that is no date', 'requests.json?start_date=2026-13-01', 400, 'start_date'],
  ['a start_date before 2000', 'requests.json?start_date=0000-01-01', 400, 'start_date'],
  [
    'a span over 90 days',
    'requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-04-02T00:00:00Z',
    400,
    'start_date',
  ],
  ['an end_date before the start_date', 'requests.json?start_date=2026-03-02&end_date=2026-03-01', 400, 'end_date'],
  ['a status that is none', 'requests.json?status=pending', 400, 'status'],
  ['page 0', 'requests.json?page=0', 400, 'page'],
  ['a page_size over 1,000', 'requests.json?page_size=1001', 400, 'page_size'],
  ['a service_request_id that is none', 'requests.json?service_request_id=12', 400, 'service_request_id'],
  [
    'over 1,000 ids',
    `requests.json?service_request_id=${Array.from({ length: 1_001 }, (_, i) => `HN-2026-${String(i).padStart(6, '0')}`).join(',')}`,
    400,
    'service_request_id',
  ],
  ['a service_code that is none', 'requests.xml?service_code=A%3BDROP', 400, 'service_code'],
  ['extensions neither true nor false', 'requests.json?extensions=yes', 400, 'extensions'],
  ['an unknown parameter', 'requests.json?colour=red', 400, 'colour'],
  ['a locale that is no tag', 'services.json?locale=x%201', 400, 'locale'],
  ['an updates start_date out of bounds', 'servicerequestupdates.xml?start_date=%2B275760-09-13', 400, 'start_date'],
  ['an updates span over 90 days', 'servicerequestupdates.json?start_date=2025-01-01', 400, 'start_date'],
  ['an unknown request', 'requests/HN-2026-999999.json', 404, ''],
  ['a request id that is none', 'requests/%00.json', 404, ''],
  ['an unknown token', 'tokens/anything.xml', 404, ''],
  ['an unknown service', 'services/BAD.json', 404, ''],
  ['no format', 'services', 404, ''],
  ['a format we do not speak', 'services.csv', 404, ''],
];

describe.each(TEST_DRIVERS)('Open311 bad input (%s)', (driver) => {
  let t: TestApp;
  let key: string;
  let revoked: string;
  beforeAll(async () => {
    t = await startTestApp(driver);
    key = (await issueApiKey(t.store, 'bad-input', new Date())).key;
    revoked = (await issueApiKey(t.store, 'gone', new Date())).key;
    await revokeApiKey(t.store, 'gone', new Date());
  });
  afterAll(async () => t?.close());

  /** Everything a filing writes: reports, their contacts and events, and the keys' last use. */
  async function stored() {
    const [row] = rowsOf<Record<string, unknown>>(
      await t.conn.db.execute(sql`select
        (select count(*) from reports)::text as reports,
        (select count(*) from report_contacts)::text as contacts,
        (select max(id) from events where type not like 'hotspot.%')::text as events,
        (select md5(string_agg(x::text, '|' order by x.id)) from api_keys x) as api_keys`),
    );
    return row;
  }

  /** The answer is the standard's error list naming `field`, in the path's format. */
  async function expectError(res: Response, format: 'json' | 'xml', status: number, field: string, label: string) {
    const text = await res.text();
    expect(res.status, `${label}: ${text.slice(0, 300)}`).toBe(status);
    let errors: Array<{ code: string; description: string }>;
    if (format === 'xml') {
      expect(res.headers.get('content-type'), label).toMatch(/^text\/xml/);
      expect(xmlShape(text).name, label).toBe('errors');
      errors = [...text.matchAll(/<code>([^<]*)<\/code>\s*<description>([^<]*)<\/description>/g)].map((m) => ({
        code: m[1]!,
        description: m[2]!,
      }));
    } else {
      errors = (JSON.parse(text) as Array<{ code: number; description: string }>).map((e) => ({
        code: String(e.code),
        description: e.description,
      }));
    }
    expect(errors, label).toHaveLength(1);
    expect(errors[0]!.code, label).toBe(String(status));
    if (field)
      expect(errors[0]!.description.replace(/&apos;|&quot;/g, ''), label).toMatch(
        new RegExp(`^${field.replace(/[[\]]/g, '\\$&')}: `),
      );
  }

  it.each(BAD_POSTS)('POST requests: %s', async (label, change, status, field) => {
    const before = await stored();
    const format = label.length % 2 ? 'xml' : 'json';
    let init: RequestInit;
    if ('raw' in change) {
      init = {
        method: 'POST',
        headers: { 'content-type': change.type as string },
        body: `api_key=${key}&${change.raw}`,
      };
      if (change.type === 'application/json') init.body = change.raw as string;
    } else {
      const form: Record<string, string> = { ...FORM, api_key: key };
      for (const [k, v] of Object.entries(change)) {
        if (v === undefined) delete form[k];
        else form[k] = v === 'REVOKED' ? revoked : v;
      }
      init = {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
      };
    }
    // A staff token changes nothing: the key alone authorises filing.
    const res = await as(t.app, await t.headersFor('operator')).request(`/open311/v2/requests.${format}`, init);
    await expectError(res, format, status, field, label);
    expect(await stored(), `${label}: stored something`).toEqual(before);
  });

  it.each(BAD_GETS)('GET: %s', async (label, path, status, field) => {
    const res = await t.app.request(`/open311/v2/${path}`);
    await expectError(res, path.split('?')[0]!.endsWith('.xml') ? 'xml' : 'json', status, field, label);
  });

  it('files the same form once it is right (the table above is wrong by one field each)', async () => {
    const res = await t.app.request('/open311/v2/requests.json', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        ...FORM,
        api_key: key,
        'attribute[urgent]': 'no',
        'attribute[title]': 'Nắp cống hở',
      }).toString(),
    });
    expect(res.status, await res.clone().text()).toBe(201);
  });
});
