import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DRIVERS } from '../db/testing';
import { postJson, reportBody, startTestApp, type TestApp } from './testing';
import { as, type Requester } from './testClient';

/** Instants in Hanoi (UTC+7), written as local times. */
const hanoi = (local: string) => new Date(`${local}+07:00`);

/**
 * The wall's figures, worked by hand on a clock of our own. "Today" is Monday 2 March 2026 in
 * Hanoi, which starts at 2026-03-01T17:00Z:
 *   A  filed Fri 27 Feb 10:00, accepted, started, resolved Mon 09:30 and closed with 5 of 5
 *   B, C  filed Mon 08:10 and 08:20, still open, within their deadlines
 *   D  filed Fri 20 Feb 10:00, never accepted: its 8-working-hour deadline passed that Monday
 *   E  filed Sun 1 Mar 23:50 (yesterday by Hanoi's clock, though 16:50Z is "today" in UTC)
 * So today: received 2 (B, C; not E), resolved 1 (A); backlog now: open 4 (B, C, D, E), overdue
 * 1 (D, 25 %); last 30 days: 1 resolution judged, on time (A accepted Mon 09:15, before its
 * accept deadline Mon 10:00; resolved well inside 40 working hours) = 100 %; 1 rating, 5 → 100 %.
 */
describe.each(TEST_DRIVERS)('wall KPIs on %s', (driver) => {
  let t: TestApp;
  let clock = hanoi('2026-02-20T10:00:00');
  let ops: Requester;

  const file = async () => {
    const res = await postJson(t.app, '/api/reports', reportBody());
    expect(res.status).toBe(201);
    return (await res.json()).id as number;
  };
  const move = async (id: number, action: string, extra: Record<string, unknown> = {}) => {
    const res = await postJson(ops, `/api/reports/${id}/transitions`, { action, ...extra });
    expect(res.status, await res.clone().text()).toBe(200);
  };

  beforeAll(async () => {
    t = await startTestApp(driver, { now: () => clock });
    ops = as(t.app, await t.headersFor('operator'));
    await file(); // D
    clock = hanoi('2026-02-27T10:00:00');
    const a = await file();
    clock = hanoi('2026-03-01T23:50:00');
    await file(); // E
    clock = hanoi('2026-03-02T08:10:00');
    await file(); // B
    clock = hanoi('2026-03-02T08:20:00');
    await file(); // C
    clock = hanoi('2026-03-02T09:15:00');
    await move(a, 'accept');
    await move(a, 'start');
    clock = hanoi('2026-03-02T09:30:00');
    await move(a, 'resolve');
    await move(a, 'close', { rating: 5 });
    clock = hanoi('2026-03-02T11:00:00');
  });
  afterAll(async () => t?.close());

  it('gives today by the city clock, the backlog now and the 30-day shares', async () => {
    const res = await ops.request('/api/kpis/wall');
    expect(res.status).toBe(200);
    const k = await res.json();
    expect(k).toMatchObject({
      today: {
        localDay: '2026-03-02',
        since: '2026-03-01T17:00:00.000Z',
        until: clock.toISOString(),
        received: 2,
        resolved: 1,
      },
      backlog: { open: 4, overdue: 1, overduePct: 25 },
      last30Days: { judged: 1, onTime: 1, onTimePct: 100, rated: 1, satisfied: 1, satisfactionPct: 100 },
    });
    expect(k.asOfEventId).toBe((await t.store.events.eventBounds()).maxId);
  });

  it("gives a chief its own area's figures and refuses another's", async () => {
    const elsewhere = as(t.app, await t.headersFor('chief', { areaCode: '016' }));
    const k = await (await elsewhere.request('/api/kpis/wall')).json();
    expect(k).toMatchObject({ today: { received: 0, resolved: 0 }, backlog: { open: 0, overdue: 0 } });
    expect(k.last30Days.onTimePct).toBeNull();
    expect((await elsewhere.request('/api/kpis/wall?area=002')).status).toBe(403);
  });
});
