import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DRIVERS } from '../db/testing';
import { postJson, reportBody, startTestApp, type TestApp } from './testing';
import { as, type Requester } from './testClient';

// Monday 2026-03-02 09:00 in Hanoi.
const T0 = new Date('2026-03-02T02:00:00Z');
const HOUR_MS = 3_600_000;
const SOC_SON = { lat: 21.2573, lng: 105.8486 };

describe.each(TEST_DRIVERS)('GET /api/kpis on %s', (driver) => {
  let t: TestApp;
  /** The operations centre: every staff route, the whole city. */
  let ops: Requester;
  let clock = T0;

  beforeAll(async () => {
    t = await startTestApp(driver, { now: () => clock });
    ops = as(t.app, await t.headersFor('operator'));
    const ids: number[] = [];
    for (let i = 0; i < 10; i++) ids.push((await (await postJson(t.app, '/api/reports', reportBody())).json()).id);
    const soc = (await (await postJson(t.app, '/api/reports', reportBody(SOC_SON))).json()).id;
    const move = (id: number, action: string, extra = {}) =>
      postJson(ops, `/api/reports/${id}/transitions`, { action, ...extra });
    clock = new Date(T0.getTime() + HOUR_MS);
    const [a, b, c, d, e, f, g] = ids;
    for (const id of [a, b, c, d]) {
      await move(id, 'accept');
      await move(id, 'resolve');
    }
    await move(d, 'close', { rating: 4 });
    await move(e, 'reject');
    await move(f, 'duplicate', { duplicateOf: a });
    await move(g, 'accept');
    await move(soc, 'accept');
    // Tue 11:00: the three never accepted (h, i, j) are past their 8 working-hour accept deadline.
    clock = new Date(T0.getTime() + 26 * HOUR_MS);
  });
  afterAll(async () => t?.close());

  it('gives received, handled, in-progress and rejected shares, and overdue of the open backlog', async () => {
    const res = await ops.request(`/api/kpis?since=${T0.toISOString()}&area=002`);
    expect(res.status).toBe(200);
    // The headline fields as the dashboard reads them (the rest: kpiFigures.test.ts).
    expect(await res.json()).toMatchObject({
      since: T0.toISOString(),
      until: clock.toISOString(),
      area: '002',
      received: 10,
      handled: 4,
      handledPct: 40,
      inProgress: 4,
      inProgressPct: 40,
      rejected: 1,
      rejectedPct: 10,
      duplicate: 1,
      open: 4,
      overdue: 3,
      overduePct: 75,
    });
  });

  it('covers the whole city without an area, and is empty (not divided by zero) in a quiet window', async () => {
    const city = await (await ops.request(`/api/kpis?since=${T0.toISOString()}`)).json();
    expect(city).toMatchObject({ received: 11, inProgress: 5, open: 5 });
    const quiet = await (await ops.request('/api/kpis?since=2025-01-01&until=2025-02-01')).json();
    expect(quiet).toMatchObject({ received: 0, handledPct: null, rejectedPct: null });
  });

  it.each(['area=0-2', 'since=yesterday', 'since=2026-03-05&until=2026-03-01', 'limit=5'])(
    'refuses %s with 400',
    async (q) => {
      const res = await ops.request(`/api/kpis?${q}`);
      expect(res.status).toBe(400);
      expect((await res.json()).error.code).toBe('invalid_request');
    },
  );

  it('refuses an area the city does not have (400 unknown_area) rather than answering zeros', async () => {
    for (const path of [
      '/api/kpis?area=999',
      '/api/kpis/wall?area=999',
      '/api/reports?area=999',
      '/api/hexes?area=999',
    ]) {
      const res = await ops.request(path);
      expect(res.status, path).toBe(400);
      expect((await res.json()).error, path).toMatchObject({ code: 'unknown_area', field: 'area' });
    }
  });
});
