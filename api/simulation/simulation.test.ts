import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DRIVERS } from '../../db/testing';
import { startTestApp, type TestApp } from '../testing';
import { backfill } from './backfill';
import { LiveSimulation } from './live';

describe.each(TEST_DRIVERS)('simulator on %s', (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(driver);
  });
  afterAll(async () => t?.close());

  it('backfills a month that lands in iHanoi’s published mix, each report with its events', async () => {
    const now = new Date('2026-03-31T10:00:00Z');
    const n = await backfill(t.runtime, { reports: 6_000 }, now, 11);
    expect(n).toBeGreaterThan(5_500);
    const counts = await t.store.reports.counts();
    expect(counts.reports).toBe(n);
    const window = { since: new Date(now.getTime() - 30 * 86_400_000), until: now, now };
    const districts = await t.store.aggregates.areaCounts('district', window, {});
    const open = districts.reduce((s, a) => s + a.open, 0);
    const overdue = districts.reduce((s, a) => s + a.overdue, 0);
    const rejected = (await t.store.reports.list({ status: ['rejected'] }, { limit: 100_000 })).items.length;
    const handled = (await t.store.reports.list({ status: ['resolved', 'closed'] }, { limit: 100_000 })).items.length;
    const share = (x: number) => x / n;
    expect(share(handled)).toBeGreaterThan(0.7);
    expect(share(handled)).toBeLessThan(0.83);
    expect(share(open)).toBeGreaterThan(0.05);
    expect(share(open)).toBeLessThan(0.29);
    expect(share(rejected)).toBeGreaterThan(0.04);
    expect(share(rejected)).toBeLessThan(0.08);
    expect(share(overdue)).toBeGreaterThan(0.003);
    expect(share(overdue)).toBeLessThan(0.03);
    // Every report has exactly one creation event, and its events tell its status.
    const report = (await t.store.reports.list({ status: ['closed'] }, { limit: 1 })).items[0];
    const history = await t.store.events.eventsOfReport(report.id);
    expect(history[0].type).toBe('report.created');
    expect(history.at(-1)!.type).toBe('report.closed');
    expect(history.map((e) => e.at.getTime())).toEqual(history.map((e) => e.at.getTime()).sort((a, b) => a - b));
    const series = await t.store.aggregates.timeseries('day', window, {});
    expect(series.reduce((s, p) => s + p.received, 0)).toBe(n);
  });

  it('runs live: files reports through intake and moves agency work along', async () => {
    const before = await t.store.reports.counts();
    const live = new LiveSimulation(t.runtime, { mode: 'rate', perSecond: 20 }, 5);
    await live.start();
    expect(live.planned).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 1_500));
    await live.stop();
    const after = await t.store.reports.counts();
    expect(live.counters.filed).toBeGreaterThan(5);
    expect(after.reports - before.reports).toBe(live.counters.filed);
    expect(after.events - before.events).toBeGreaterThanOrEqual(live.counters.filed + live.counters.transitions);
  });
});
