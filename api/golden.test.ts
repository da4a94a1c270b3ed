/**
 * Golden files for responses that are data: the basemap style and the public API, on a fixed data
 * set written through the API under a fixed clock, compared with api/fixtures/golden/*.json (kept
 * byte-for-byte: Biome leaves fixtures alone). Both drivers must give the same bytes. After an
 * intended change, rewrite them and review the diff:
 *
 *   UPDATE_GOLDEN=1 npx vitest run api/golden.test.ts
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DRIVERS } from '../db/testing';
import { HOAN_KIEM_LAKE, postJson, reportBody, startTestApp, type TestApp } from './testing';
import { as, type Requester } from './testClient';

const GOLDEN_DIR = fileURLToPath(new URL('./fixtures/golden/', import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const HOUR_MS = 3_600_000;
const T0 = new Date('2026-03-02T02:00:00Z'); // Monday 09:00 in Hanoi
/** Every answer is read at this instant: Wednesday 12:00 in Hanoi, two days into the data. */
const READ_AT = new Date(T0.getTime() + 51 * HOUR_MS);
const SOC_SON = { lat: 21.2573, lng: 105.8486 };
const BA_DINH = { lat: 21.0368, lng: 105.8342 };

/** The responses kept as golden files, by file name. */
const GOLDEN: Record<string, string> = {
  'map-style': '/api/map/style.json',
  'public-hexes': '/api/public/hexes',
  'public-hexes-res8-traffic': '/api/public/hexes?res=8&category=traffic_roads',
  'public-kpis': '/api/public/kpis',
  'public-timeseries': '/api/public/timeseries',
  'public-timeseries-hour': '/api/public/timeseries?bucket=hour&since=2026-03-02T00:00:00Z',
  'public-areas': '/api/public/areas',
  'public-areas-commune': '/api/public/areas?level=commune',
};

const golden = (name: string) => `${GOLDEN_DIR}${name}.json`;
const serialise = (body: unknown) => `${JSON.stringify(body, null, 2)}\n`;

describe.each(TEST_DRIVERS)('golden responses on %s', (driver) => {
  let t: TestApp;
  /** The operations centre: every staff route, the whole city. */
  let ops: Requester;
  let clock = T0;
  const at = (hours: number) => void (clock = new Date(T0.getTime() + hours * HOUR_MS));

  beforeAll(async () => {
    // Flags are derived only when asked (settle below), so their events take the same ids every run.
    t = await startTestApp(driver, { now: () => clock, analytics: { hotspots: { flagDebounceMs: 3_600_000 } } });
    ops = as(t.app, await t.headersFor('operator'));
    const post = async (hours: number, body: Record<string, unknown>) => {
      at(hours);
      const res = await postJson(t.app, '/api/reports', reportBody(body));
      expect(res.status).toBe(201);
      return (await res.json()).id as number;
    };
    const act = async (hours: number, id: number, action: string, extra: Record<string, unknown> = {}) => {
      at(hours);
      const res = await postJson(ops, `/api/reports/${id}/transitions`, { action, ...extra });
      expect(res.status).toBe(200);
    };
    // Four at the lake (a public cell), three in Sóc Sơn (another), two in Ba Đình (hidden: < 3).
    const lake = [
      await post(0, HOAN_KIEM_LAKE),
      await post(1, HOAN_KIEM_LAKE),
      await post(2, { ...HOAN_KIEM_LAKE, category: 'drainage_flooding' }),
      await post(26, HOAN_KIEM_LAKE),
    ];
    const socSon = [await post(3, SOC_SON), await post(27, SOC_SON), await post(28, SOC_SON)];
    await post(4, { ...BA_DINH, category: 'drainage_flooding' });
    await post(30, BA_DINH);
    await act(5, lake[0], 'accept');
    await act(6, lake[0], 'resolve');
    await act(7, lake[2], 'accept');
    await act(29, socSon[0], 'accept');
    await act(32, socSon[0], 'resolve');
    at(51);
    await t.runtime.analytics.settle();
    // The flags just derived are events too: the mirror takes them in now, not on its next refresh.
    await t.runtime.analytics.mirror.sync();
    expect(clock).toEqual(READ_AT);
  });
  afterAll(async () => t?.close());

  it.each(Object.entries(GOLDEN))('%s (%s) matches its golden file', async (name, url) => {
    const res = await t.app.request(url);
    expect(res.status).toBe(200);
    const text = serialise(await res.json());
    if (UPDATE && driver === TEST_DRIVERS[0]) writeFileSync(golden(name), text);
    expect(
      existsSync(golden(name)),
      `${golden(name)} missing: run UPDATE_GOLDEN=1 npx vitest run api/golden.test.ts`,
    ).toBe(true);
    expect(text).toBe(readFileSync(golden(name), 'utf8'));
  });
});
