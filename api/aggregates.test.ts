import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DRIVERS } from '../db/testing';
import { postJson, reportBody, startTestApp, type TestApp } from './testing';
import { as, type Requester } from './testClient';

const HOUR_MS = 3_600_000;
// Monday 2026-03-02 09:00 in Hanoi (02:00 UTC): a working morning.
const T0 = new Date('2026-03-02T02:00:00Z');

describe.each(TEST_DRIVERS)('aggregates on %s', (driver) => {
  let t: TestApp;
  /** The operations centre: every staff route, the whole city. */
  let ops: Requester;
  let clock = T0;
  const at = (hours: number) => (clock = new Date(T0.getTime() + hours * HOUR_MS));
  const file = async (body: Record<string, unknown>) =>
    (await postJson(t.app, '/api/reports', reportBody(body))).json();
  const move = (id: number, action: string) => postJson(ops, `/api/reports/${id}/transitions`, { action });
  const sokSon = { lat: 21.2573, lng: 105.8486 };
  let ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await startTestApp(driver, { now: () => clock });
    ops = as(t.app, await t.headersFor('operator'));
    // Day 1 (Mon): three in Hoàn Kiếm, one in Sóc Sơn.
    at(0);
    const a = await file({});
    const b = await file({});
    at(1);
    const c = await file({ category: 'drainage_flooding' });
    const d = await file(sokSon);
    // Agencies: a accepted and resolved the same day; b rejected; c left open (urgent, soon overdue).
    at(2);
    await move(a.id, 'accept');
    await move(b.id, 'reject');
    at(3);
    await move(a.id, 'start');
    await move(a.id, 'resolve');
    // Day 2 (Tue): one more in Hoàn Kiếm, accepted.
    at(24);
    const e = await file({});
    await move(e.id, 'accept');
    ids = { a: a.id, b: b.id, c: c.id, d: d.id, e: e.id };
    at(30); // Tue 15:00 local
    await t.store.reports.flagOverdue(clock); // c and d missed their accept deadline (Tue 10:00)
  });
  afterAll(async () => t?.close());

  it('counts received, open and overdue per H3 cell at the asked resolution', async () => {
    const res = await (await ops.request(`/api/hexes?res=7&since=${T0.toISOString()}`)).json();
    expect(res.res).toBe(7);
    const byTotal = [...res.cells].sort((x: { received: number }, y: { received: number }) => y.received - x.received);
    expect(byTotal[0]).toMatchObject({ received: 4, open: 2 }); // a,b,c,e — open: c,e
    expect(byTotal[1]).toMatchObject({ received: 1, open: 1 }); // d
    // c is urgent: 4 working hours from Mon 10:00 → overdue by Tue 15:00; d (normal accept 8 h) too.
    expect(byTotal[0].overdue).toBe(1);
    expect(byTotal[1].overdue).toBe(1);
    const fine = await (await ops.request(`/api/hexes?res=10&since=${T0.toISOString()}`)).json();
    expect(fine.cells.reduce((s: number, x: { received: number }) => s + x.received, 0)).toBe(5);
    const onlyDrainage = await (
      await ops.request(`/api/hexes?res=7&since=${T0.toISOString()}&category=drainage_flooding`)
    ).json();
    expect(onlyDrainage.cells).toHaveLength(1);
  });

  it('counts per district with the open backlog’s median age', async () => {
    const res = await (await ops.request(`/api/areas?level=district&since=${T0.toISOString()}`)).json();
    expect(res.items).toHaveLength(30);
    const hk = res.items.find((x: { code: string }) => x.code === '002');
    expect(hk).toMatchObject({ nameVi: 'Quận Hoàn Kiếm', received: 4, open: 2, resolved: 1, overdue: 1 });
    // Open: c (29 h old) and e (6 h old) → median 17.5 h.
    expect(hk.medianOpenAgeHours).toBeCloseTo(17.5, 5);
    expect(hk.population).toBeGreaterThan(100_000);
    const soc = res.items.find((x: { code: string }) => x.code === '016');
    expect(soc).toMatchObject({ received: 1, open: 1 });
    const quiet = res.items.find((x: { code: string }) => x.code === '001');
    expect(quiet).toMatchObject({ received: 0, open: 0, medianOpenAgeHours: null });
    const communes = await (await ops.request(`/api/areas?level=commune&since=${T0.toISOString()}`)).json();
    expect(communes.items).toHaveLength(126);
    expect(communes.items.reduce((s: number, x: { received: number }) => s + x.received, 0)).toBe(5);
  });

  it('keeps last month’s unresolved reports in today’s backlog', async () => {
    const res = await (
      await ops.request(`/api/hexes?res=6&since=${new Date(T0.getTime() + 20 * HOUR_MS).toISOString()}`)
    ).json();
    const totals = res.cells.reduce(
      (s: { received: number; open: number }, x: { received: number; open: number }) => ({
        received: s.received + x.received,
        open: s.open + x.open,
      }),
      { received: 0, open: 0 },
    );
    expect(totals).toEqual({ received: 1, open: 3 });
  });

  it('buckets received and resolved by local day and carries the backlog', async () => {
    const res = await (
      await ops.request(`/api/timeseries?bucket=day&since=2026-03-01T17:00:00Z&until=2026-03-03T17:00:00Z`)
    ).json();
    expect(res.timezone).toBe('Asia/Ho_Chi_Minh');
    expect(res.points).toEqual([
      { t: '2026-03-01T17:00:00.000Z', received: 4, resolved: 1, backlog: 2, overdue: 0 },
      { t: '2026-03-02T17:00:00.000Z', received: 1, resolved: 0, backlog: 3, overdue: 2 },
    ]);
    const hours = await (
      await ops.request(
        `/api/timeseries?bucket=hour&since=${T0.toISOString()}&until=${new Date(T0.getTime() + 4 * HOUR_MS).toISOString()}`,
      )
    ).json();
    expect(hours.points.map((p: { received: number }) => p.received)).toEqual([2, 2, 0, 0]);
    expect(hours.points.map((p: { backlog: number }) => p.backlog)).toEqual([2, 4, 3, 2]);
    void ids;
  });

  it('lists the reports in one H3 cell', async () => {
    const hex = await (await ops.request(`/api/hexes?res=9&since=${T0.toISOString()}`)).json();
    const sok = hex.cells.find((c: { received: number }) => c.received === 1);
    const res = await (await ops.request(`/api/reports?cell=${sok.cell}`)).json();
    expect(res.items.length).toBe(1);
    expect(res.items[0].cells.r9).toBe(sok.cell);
    const bad = await ops.request('/api/reports?cell=8f2830828052d25');
    expect(bad.status).toBe(400);
  });

  it('gives every area its received series for sparklines', async () => {
    const res = await (
      await ops.request(
        `/api/areas/series?level=district&bucket=day&since=2026-03-01T17:00:00Z&until=2026-03-03T17:00:00Z`,
      )
    ).json();
    expect(res.buckets).toEqual(['2026-03-01T17:00:00.000Z', '2026-03-02T17:00:00.000Z']);
    const hk = res.items.find((x: { code: string }) => x.code === '002');
    expect(hk.received).toEqual([3, 1]);
    expect(res.items.find((x: { code: string }) => x.code === '016').received).toEqual([1, 0]);
  });
});
