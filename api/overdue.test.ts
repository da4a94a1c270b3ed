import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DRIVERS } from '../db/testing';
import { collectSse } from './sseClient';
import { postJson, reportBody, startTestApp, type TestApp } from './testing';
import { as, type Requester } from './testClient';

// Monday 2026-03-02 09:00 in Hanoi.
const T0 = new Date('2026-03-02T02:00:00Z');
const HOUR_MS = 3_600_000;

describe.each(TEST_DRIVERS)('missed deadlines on %s', (driver) => {
  let t: TestApp;
  /** The operations centre: every staff route, the whole city. */
  let ops: Requester;
  let opsHeaders: Record<string, string>;
  let clock = T0;
  beforeAll(async () => {
    t = await startTestApp(driver, { now: () => clock });
    opsHeaders = await t.headersFor('operator');
    ops = as(t.app, opsHeaders);
  });
  afterAll(async () => t?.close());

  it('announces a missed deadline once, as report.overdue on the stream, and a move clears it', async () => {
    const urgent = await (await postJson(t.app, '/api/reports', reportBody({ category: 'drainage_flooding' }))).json();
    const normal = await (await postJson(t.app, '/api/reports', reportBody())).json();
    expect(await t.store.reports.flagOverdue(clock)).toBe(0);
    const base = await t.listen();
    const { maxId } = await t.store.events.eventBounds();
    clock = new Date(T0.getTime() + 10 * HOUR_MS); // Mon 19:00: 8 working hours have not passed yet
    expect(await t.store.reports.flagOverdue(clock)).toBe(0);
    clock = new Date(T0.getTime() + 25 * HOUR_MS); // Tue 10:00: accept deadline (8 h) passed for both
    expect(await t.store.reports.flagOverdue(clock)).toBe(2);
    expect(await t.store.reports.flagOverdue(clock)).toBe(0);
    const msgs = await collectSse(`${base}/api/stream`, (all) => all.length === 2, {
      lastEventId: maxId,
      headers: opsHeaders,
    });
    const seen = msgs.map((m) => ({ event: m.event, id: JSON.parse(m.data).report.id }));
    expect(seen.map((s) => s.event)).toEqual(['report.overdue', 'report.overdue']);
    expect(seen.map((s) => s.id).sort()).toEqual([urgent.id, normal.id].sort());
    // Accepting gives a new (resolve) deadline: no longer flagged, and flagged again only when it passes.
    await postJson(ops, `/api/reports/${urgent.id}/transitions`, { action: 'accept' });
    expect(await t.store.reports.flagOverdue(clock)).toBe(0);
    clock = new Date(T0.getTime() + 49 * HOUR_MS); // Wed 10:00: urgent's 4 working hours have passed
    expect(await t.store.reports.flagOverdue(clock)).toBe(1);
    const detail = await (await ops.request(`/api/reports/${urgent.id}`)).json();
    expect(detail.history.map((h: { type: string }) => h.type)).toEqual([
      'report.created',
      'report.overdue',
      'report.accepted',
      'report.overdue',
    ]);
  });
});
