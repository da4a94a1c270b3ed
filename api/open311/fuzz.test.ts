import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/rows';
import { TEST_DRIVERS } from '../../db/testing';
import { dateText, hostile, idText, smallInt } from '../fuzzValues';
import { startTestApp, type TestApp } from '../testing';
import { issueApiKey } from './keys';
import { xmlShape } from './xmlShape';

/**
 * Property-based fuzzing of /open311/v2 (as api/fuzz.test.ts does the rest of the app): forms and
 * queries mixing right values with the ones that broke things (lone surrogates, NUL, markup, dates
 * past every bound, 20-digit ids, percent garbage), any key, either format. Every answer is under
 * 500, an error is the standard's list of one {code, description} in the path's format with that
 * status, a refused filing stores nothing and an accepted one exactly one report.
 */
const SEED = 20_261_205;
const RIGHT = {
  api_key: 'KEY',
  service_code: 'traffic_roads',
  lat: '21.0287',
  long: '105.8524',
  description: 'Đèn đường hỏng',
};
const RUNS = { pglite: 600, postgres: 60 } as const;

const FORMAT = fc.constantFrom('json', 'xml');
/** Percent-encoding that keeps a lone surrogate as the bytes a broken client sends for it (CESU-8). */
const enc = (s: string): string =>
  s.replace(/[\s\S]/gu, (ch) => {
    const u = ch.charCodeAt(0);
    if (ch.length === 1 && u >= 0xd800 && u <= 0xdfff)
      return [0xe0 | (u >> 12), 0x80 | ((u >> 6) & 0x3f), 0x80 | (u & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    return encodeURIComponent(ch);
  });
const SERVICE = fc.oneof(fc.constantFrom('traffic_roads', 'environment_waste', 'administrative_procedure'), hostile);
const LAT = fc.oneof(
  fc.double({ min: 20.9, max: 21.1, noNaN: true }).map(String),
  fc.constantFrom('21.0287', '91', '-0', ''),
  hostile,
);
const LONG = fc.oneof(
  fc.double({ min: 105.75, max: 105.95, noNaN: true }).map(String),
  fc.constantFrom('105.8524', '181'),
  hostile,
);

describe.each(TEST_DRIVERS)('Open311 fuzz (%s)', (driver) => {
  let t: TestApp;
  let key: string;
  let filed = 0;
  beforeAll(async () => {
    t = await startTestApp(driver);
    key = (await issueApiKey(t.store, 'fuzz', new Date())).key;
  });
  afterAll(async () => t?.close());

  async function counts() {
    const [row] = rowsOf<Record<string, unknown>>(
      await t.conn.db.execute(sql`select (select count(*) from reports)::int8 as reports,
        (select count(*) from report_contacts)::int8 as contacts,
        (select max(id) from events where type not like 'hotspot.%')::text as events`),
    );
    return { reports: Number(row!.reports), contacts: Number(row!.contacts), events: String(row!.events) };
  }

  /** Under 500, and an error is the standard's, in the path's format, with the status as its code. */
  async function check(url: string, init: RequestInit, format: string) {
    const res = await t.app.request(url, init);
    const text = await res.text();
    const where = `${init.method ?? 'GET'} ${url}: ${text.slice(0, 200)}`;
    expect(res.status, where).toBeLessThan(500);
    if (res.status >= 400 && res.status !== 429) {
      if (format === 'xml') {
        expect(xmlShape(text), where).toEqual({
          name: 'errors',
          children: [
            {
              name: 'error',
              children: [
                { name: 'code', children: [] },
                { name: 'description', children: [] },
              ],
            },
          ],
        });
        expect(text, where).toContain(`<code>${res.status}</code>`);
      } else {
        expect(JSON.parse(text), where).toEqual([{ code: res.status, description: expect.any(String) }]);
      }
    }
    return res.status;
  }

  it('POST requests: any form, any key', async () => {
    const form = fc
      .record(
        {
          api_key: fc.oneof({ weight: 4, arbitrary: fc.constant('KEY') }, { weight: 1, arbitrary: hostile }),
          service_code: SERVICE,
          lat: LAT,
          long: LONG,
          address_string: fc.oneof(fc.constantFrom('Bệnh viện Bạch Mai', 'chợ Đồng Xuân'), hostile),
          description: fc.oneof(fc.constantFrom('Đèn đường hỏng', 'ư'.repeat(4_000)), hostile),
          email: fc.oneof(fc.constant('a@example.vn'), hostile),
          phone: fc.oneof(fc.constant('0912345678'), hostile),
          first_name: hostile,
          last_name: hostile,
          media_url: fc.oneof(fc.constant('https://example.vn/a.jpg'), hostile),
          'attribute[urgent]': fc.oneof(fc.constantFrom('yes', 'no'), hostile),
          'attribute[title]': hostile,
          jurisdiction_id: fc.oneof(fc.constant('hanoi'), hostile),
        },
        { requiredKeys: [] },
      )
      // At most three fields differ from the right form: enough wrong ones to refuse, few enough to file some.
      .chain((f) =>
        fc
          .subarray(Object.keys(f), { maxLength: 3 })
          .map((kept) => Object.fromEntries(kept.map((k) => [k, f[k as keyof typeof f]!]))),
      );
    const extra = fc.oneof(
      { weight: 8, arbitrary: fc.constant('') },
      {
        weight: 1,
        arbitrary: fc.tuple(fc.string({ maxLength: 8 }), hostile).map(([k, v]) => `&${enc(k)}=${enc(v)}`),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          '&description=%ED%A0%80',
          '&%',
          '&description=%E0%A4%A',
          '&attribute[]=1',
          '&lat=1&lat=2',
        ),
      },
    );
    const type = fc.constantFrom(
      'application/x-www-form-urlencoded',
      'application/x-www-form-urlencoded',
      'multipart/form-data',
      'text/plain',
      'application/json',
    );
    await fc.assert(
      fc.asyncProperty(form, extra, type, FORMAT, async (f, more, contentType, format) => {
        // Over a right form, so that some are filed: each generated field replaces the right one.
        const fields = Object.fromEntries(
          Object.entries({ ...RIGHT, ...f }).map(([k, v]) => [k, v === 'KEY' ? key : v]),
        );
        const body = new URLSearchParams(fields).toString() + more;
        const before = await counts();
        const status = await check(
          `/open311/v2/requests.${format}`,
          { method: 'POST', headers: { 'content-type': contentType }, body },
          format,
        );
        const after = await counts();
        if (status === 201) {
          filed++;
          expect(after.reports).toBe(before.reports + 1);
        } else expect(after, `refused (${status}) but stored something`).toEqual(before);
      }),
      { numRuns: RUNS[driver], seed: SEED, endOnFailure: false },
    );
  }, 600_000);

  it('GET: any path and query', async () => {
    const doc = fc.oneof(
      fc.constantFrom('discovery', 'services', 'requests', 'servicerequestupdates'),
      fc.oneof(SERVICE, hostile).map((s) => `services/${enc(s)}`),
      fc.oneof(fc.constantFrom('HN-2026-000001', 'HN-2026-999999'), idText, hostile).map((s) => `requests/${enc(s)}`),
      hostile.map((s) => `tokens/${enc(s)}`),
    );
    const value: Record<string, fc.Arbitrary<string>> = {
      start_date: dateText,
      end_date: dateText,
      status: fc.oneof(fc.constantFrom('open', 'closed', 'open,closed'), hostile),
      service_code: SERVICE,
      service_request_id: fc.oneof(fc.constant('HN-2026-000001,HN-2026-000002'), idText, hostile),
      page: smallInt,
      page_size: smallInt,
      extensions: fc.oneof(fc.constantFrom('true', 'false'), hostile),
      locale: fc.oneof(fc.constantFrom('vi', 'en', 'en-US'), hostile),
      jurisdiction_id: hostile,
    };
    const query = fc
      .subarray(Object.keys(value), { maxLength: 4 })
      .chain((keys) => fc.tuple(...keys.map((k) => value[k]!.map((v) => `${k}=${enc(v)}`))))
      .map((pairs) => (pairs.length ? `?${pairs.join('&')}` : ''));
    const auth = fc.constantFrom<Record<string, string>>(
      {},
      { authorization: 'Bearer cdt_forged' },
      { 'accept-language': 'en;q=x,,;' },
    );
    await fc.assert(
      fc.asyncProperty(doc, FORMAT, query, auth, async (d, format, q, headers) => {
        await check(`/open311/v2/${d}.${format}${q}`, { headers }, format);
      }),
      { numRuns: RUNS[driver], seed: SEED, endOnFailure: false },
    );
  }, 600_000);

  it('filed some and refused some', () => {
    expect(filed).toBeGreaterThan(0);
  });
});
