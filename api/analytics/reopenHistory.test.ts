import { latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DRIVERS } from '../../db/testing';
import { HOAN_KIEM_LAKE, postJson, reportBody, startTestApp, type TestApp } from '../testing';
import { localDayEnds } from './localDays';
import { as, type Requester } from '../testClient';

// Monday 2026-03-16 00:00 in Hanoi; the analysis runs at 10:00 that morning.
const MONDAY = Date.parse('2026-03-15T17:00:00Z');
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const dayBefore = (days: number, hours = 0) => new Date(MONDAY - days * DAY_MS + hours * HOUR_MS);
const NOW = dayBefore(0, 10);
const CELL = latLngToCell(HOAN_KIEM_LAKE.lat, HOAN_KIEM_LAKE.lng, 8);

/**
 * One report through the API and its event log, reopened twice; the daily slices read its spells
 * from the events (db/queries/analyticsRows.ts), not from the row, which keeps only the last ones:
 *   filed Tue 10 Mar 10:00, accepted 11:00; resolved Wed 10:00; reopened Fri 10:00; resolved
 *   Sat 10:00; reopened Sun 10:00 — open now.
 *   End of Mon 9 (Tue 00:00): not filed → 0.  End of Tue: open → 1.  Wed, Thu: resolved → 0, 0.
 *   Fri: reopened → 1.  Sat: resolved → 0.  Sun: reopened → 1.  Now: open → 1.
 * Counted from filing to the (absent) last end, every day from Tuesday would read 1.
 */
describe.each(TEST_DRIVERS)('a reopened report’s daily backlog on %s', (driver) => {
  let t: TestApp;
  /** The operations centre: every staff route, the whole city. */
  let ops: Requester;
  let clock = dayBefore(6, 10);
  let id = 0;

  beforeAll(async () => {
    t = await startTestApp(driver, { now: () => clock });
    ops = as(t.app, await t.headersFor('operator'));
    id = (await (await postJson(t.app, '/api/reports', reportBody())).json()).id;
    const plan: Array<[Date, string]> = [
      [dayBefore(6, 11), 'accept'],
      [dayBefore(5, 10), 'resolve'],
      [dayBefore(3, 10), 'reopen'],
      [dayBefore(2, 10), 'resolve'],
      [dayBefore(1, 10), 'reopen'],
    ];
    for (const [at, action] of plan) {
      clock = at;
      const res = await postJson(ops, `/api/reports/${id}/transitions`, { action });
      expect(res.status, `${action}: ${await res.clone().text()}`).toBe(200);
    }
    clock = NOW;
  });
  afterAll(async () => t?.close());

  it('reads the spells away from the events', async () => {
    const [row] = await t.store.analytics.analyticsRowsByIds([id]);
    expect(row).toMatchObject({ status: 'reopened', reopenedCount: 2, endedMs: null });
    expect(row!.awayMs).toEqual(
      [dayBefore(5, 10), dayBefore(3, 10), dayBefore(2, 10), dayBefore(1, 10)].map((d) => d.getTime()),
    );
  });

  it('counts it open only on the days it was', async () => {
    await t.runtime.analytics.settle();
    const model = t.runtime.analytics.hotspots.model;
    const { ends, day } = localDayEnds(NOW.getTime(), model.opts.days, t.pack.timezone);
    model.rebuild(ends, day);
    // Ends of Mon 9 … Sun 15, then now.
    expect(model.series(CELL).slice(-8)).toEqual([0, 1, 0, 0, 1, 0, 1, 1]);
  });

  it('the backlog chart counts it open only on the days it was (GET /api/timeseries)', async () => {
    // Local days Tue 10 … Mon 16 (today, to 10:00); backlog at each day's end, as in the slices.
    const since = dayBefore(6).toISOString();
    const res = await ops.request(`/api/timeseries?bucket=day&since=${since}&until=${NOW.toISOString()}`);
    expect(res.status).toBe(200);
    const { points } = (await res.json()) as { points: Array<{ received: number; backlog: number }> };
    expect(points.map((p) => p.received)).toEqual([1, 0, 0, 0, 0, 0, 0]);
    expect(points.map((p) => p.backlog)).toEqual([1, 0, 0, 1, 0, 1, 1]);
  });

  it('and a window that opens while it stood resolved starts without it', async () => {
    // From Thu 12 00:00 (resolved since Wed 10:00): Thu 0, Fri 1, Sat 0, Sun 1, Mon 1.
    const since = dayBefore(4).toISOString();
    const res = await ops.request(`/api/timeseries?bucket=day&since=${since}&until=${NOW.toISOString()}`);
    const { points } = (await res.json()) as { points: Array<{ backlog: number }> };
    expect(points.map((p) => p.backlog)).toEqual([0, 1, 0, 1, 1]);
  });
});
