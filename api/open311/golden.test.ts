/**
 * Golden files of Open311 answers (STYLE.md: outputs that are data), on a fixed data set filed
 * through Open311 and the web form under a fixed clock and read at a fixed instant, in both
 * formats, by the public and by the operations centre; both drivers must give the same bytes.
 * After an intended change, rewrite them and review the diff:
 *
 *   UPDATE_GOLDEN=1 npx vitest run api/open311/golden.test.ts
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DRIVERS } from '../../db/testing';
import { as, type Requester } from '../testClient';
import { HOAN_KIEM_LAKE, postJson, reportBody, startTestApp, type TestApp } from '../testing';
import { issueApiKey } from './keys';

const GOLDEN_DIR = fileURLToPath(new URL('./fixtures/golden/', import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const HOUR_MS = 3_600_000;
const T0 = new Date('2026-03-02T02:00:00Z'); // Monday 09:00 in Hanoi
const READ_AT = new Date(T0.getTime() + 30 * HOUR_MS);
const SOC_SON = { lat: 21.2573, lng: 105.8486 };

/** [file, path, reader] */
const GOLDEN: Array<[string, string, 'public' | 'ops']> = [
  ['services.xml', '/open311/v2/services.xml', 'public'],
  ['services-en.json', '/open311/v2/services.json?locale=en', 'public'],
  ['definition-traffic_roads.xml', '/open311/v2/services/traffic_roads.xml', 'public'],
  ['requests-public.xml', '/open311/v2/requests.xml?extensions=true', 'public'],
  ['requests-public.json', '/open311/v2/requests.json', 'public'],
  ['requests-ops.json', '/open311/v2/requests.json?extensions=true', 'ops'],
  ['requests-ops-closed.xml', '/open311/v2/requests.xml?status=closed', 'ops'],
  ['updates-public.xml', '/open311/v2/servicerequestupdates.xml', 'public'],
  ['updates-ops.json', '/open311/v2/servicerequestupdates.json', 'ops'],
];

describe.each(TEST_DRIVERS)('Open311 golden answers on %s', (driver) => {
  let t: TestApp;
  let ops: Requester;
  let clock = T0;
  const at = (hours: number) => void (clock = new Date(T0.getTime() + hours * HOUR_MS));

  beforeAll(async () => {
    t = await startTestApp(driver, { now: () => clock });
    ops = as(t.app, await t.headersFor('operator'));
    const { key } = await issueApiKey(t.store, 'golden', T0);
    const file311 = async (hours: number, form: Record<string, string>) => {
      at(hours);
      const res = await t.app.request('/open311/v2/requests.json', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ api_key: key, ...form }).toString(),
      });
      expect(res.status).toBe(201);
      return (await res.json())[0].service_request_id as string;
    };
    const idOf = async (publicId: string) => (await t.store.reports.idByPublicId(publicId))!;
    const act = async (hours: number, publicId: string, action: string, note?: string) => {
      at(hours);
      const res = await postJson(ops, `/api/reports/${await idOf(publicId)}/transitions`, {
        action,
        ...(note ? { note } : {}),
      });
      expect(res.status).toBe(200);
    };
    const lake = { lat: String(HOAN_KIEM_LAKE.lat), long: String(HOAN_KIEM_LAKE.lng) };
    const r1 = await file311(0, {
      service_code: 'traffic_roads',
      ...lake,
      description: 'Ổ gà sâu "20 cm" & nguy hiểm',
      'attribute[urgent]': 'yes',
      email: 'an@example.vn',
    });
    const r2 = await file311(1, {
      service_code: 'environment_waste',
      lat: String(SOC_SON.lat),
      long: String(SOC_SON.lng),
      description: 'Rác ven đê',
    });
    at(2);
    expect((await postJson(t.app, '/api/reports', reportBody({ title: 'Đèn hỏng phố Hàng Bài' }))).status).toBe(201);
    await act(3, r1, 'accept', 'Đội 3 sẽ tới');
    await act(5, r1, 'start');
    await act(8, r2, 'reject', 'Không thuộc thẩm quyền');
    // Filed after the public cutoff of READ_AT: staff see it, the public not yet.
    await file311(29.9, { service_code: 'traffic_roads', ...lake, description: 'Mới báo' });
    clock = READ_AT;
  });
  afterAll(async () => t?.close());

  it.each(GOLDEN)('%s', async (name, path, reader) => {
    const res = await (reader === 'ops' ? ops : t.app).request(path);
    const text = await res.text();
    expect(res.status, text.slice(0, 300)).toBe(200);
    const file = `${GOLDEN_DIR}${name}`;
    // JSON kept indented so that a diff reads; XML as served.
    const body = name.endsWith('.json') ? `${JSON.stringify(JSON.parse(text), null, 2)}\n` : `${text}\n`;
    if (UPDATE || !existsSync(file)) {
      if (!UPDATE) throw new Error(`${file} is missing: run with UPDATE_GOLDEN=1`);
      writeFileSync(file, body);
    }
    expect(body).toBe(readFileSync(file, 'utf8'));
  });
});
