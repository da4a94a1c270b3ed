import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areaCodesOf } from '../core/areaScope';
import type { AreaScope } from '../db/queries/filters';
import { emptyTally, type KpiTally, kpisFromTally } from '../db/queries/kpis';
import { TEST_DRIVERS } from '../db/testing';
import { backfill } from './simulation/backfill';
import { postJson, reportBody, startTestApp, type TestApp } from './testing';
import { as, type Requester } from './testClient';

// Monday 2026-03-02 09:00 in Hanoi.
const T0 = new Date('2026-03-02T02:00:00Z');
const HOUR_MS = 3_600_000;
const at = (h: number) => new Date(T0.getTime() + h * HOUR_MS);

/**
 * Eleven reports filed together in Hoàn Kiếm at T0, each with a lifecycle chosen so that every
 * figure can be worked out by hand (working hours on the Hanoi calendar: Mon 09:00–12:00 +
 * 13:30–17:30 is 7 h; a full day 8 h):
 *   r1–r9 normal, r10 and r11 urgent (drainage and flooding).
 *   r1–r10 accepted 1 … 10 h after filing, r11 after 1 h.
 *     wall: 1,1,2,…,10 → median (6th of 11) 5, p90 (10th) 9;
 *     working: 1,1,2,3,3,3.5,4.5,5.5,6.5,7,7 → median 3.5, p90 7.
 *   resolved (final): r1 20 h, r2 22, r3 24, r4 26, r10 (urgent) 50, r5 60 (reopened at 52 and
 *     resolved again). wall median (3rd of 6) 24, p90 (6th) 60; working 7,7,8,10,18,23 → 8 and 23.
 *     On time: all but r10 (urgent, due Tuesday 12:00) → 5 of 6.
 *   closed at 51 h: r1 rated 5, r2 4, r3 2, r4 unrated → 2 satisfied of 3 ratings.
 *   r6 rejected, r7 a duplicate of r1, r8 and r9 still accepted, r11 paused waiting on the
 *     citizen since 2 h (due at 15:30 had it run on: paused, it is not overdue).
 */
/**
 * The API's percentiles come from log bins (api/analytics/durationBins.ts), within 0.55% of the
 * exact value: replace each by the expected one when it is that close, so the rest compares exactly.
 */
function withinBinPrecision<T>(
  body: T,
  durations: Record<string, Record<string, number | null>> = EXPECTED_DURATIONS,
): T {
  const fix = (d: Record<string, number | null>, e: Record<string, number | null>) => {
    for (const k of Object.keys(e)) {
      const a = d[k];
      const x = e[k];
      if (typeof a === 'number' && typeof x === 'number' && Math.abs(a - x) <= Math.max(0.1, 0.0055 * x)) d[k] = x;
    }
  };
  const b = body as Record<string, Record<string, number | null>>;
  for (const key of Object.keys(durations)) if (b[key]) fix(b[key], durations[key]!);
  return body;
}

const EXPECTED_DURATIONS = {
  timeToAccept: { n: 11, medianHours: 5, p90Hours: 9, medianWorkingHours: 3.5, p90WorkingHours: 7 },
  timeToResolve: { n: 6, medianHours: 24, p90Hours: 60, medianWorkingHours: 8, p90WorkingHours: 23 },
};

describe.each(TEST_DRIVERS)('KPI figures on %s', (driver) => {
  let t: TestApp;
  /** The operations centre: every staff route, the whole city. */
  let ops: Requester;
  let clock = T0;
  const ids: number[] = [];

  beforeAll(async () => {
    t = await startTestApp(driver, { now: () => clock });
    ops = as(t.app, await t.headersFor('operator'));
    for (let i = 0; i < 11; i++) {
      const body = reportBody(i >= 9 ? { category: 'drainage_flooding' } : {}); // r10, r11 urgent
      ids.push((await (await postJson(t.app, '/api/reports', body)).json()).id);
    }
    const r = (n: number) => ids[n - 1]!;
    const plan: Array<[number, number, string, Record<string, unknown>?]> = [
      [1, 11, 'accept'],
      ...Array.from({ length: 10 }, (_, i): [number, number, string] => [i + 1, i + 1, 'accept']),
      [2, 11, 'pause', { note: 'Đề nghị gửi thêm ảnh' }],
      [20, 1, 'resolve'],
      [22, 2, 'resolve'],
      [24, 3, 'resolve'],
      [26, 4, 'resolve'],
      [30, 5, 'resolve'],
      [30, 6, 'reject'],
      [30, 7, 'duplicate', { duplicateOf: 0 }],
      [50, 10, 'resolve'],
      [51, 1, 'close', { rating: 5 }],
      [51, 2, 'close', { rating: 4 }],
      [51, 3, 'close', { rating: 2 }],
      [51, 4, 'close'],
      [52, 5, 'reopen'],
      [60, 5, 'resolve'],
    ];
    for (const [h, n, action, extra] of plan.sort((a, b) => a[0] - b[0])) {
      clock = at(h);
      const body = { action, ...extra, ...(extra?.duplicateOf === 0 ? { duplicateOf: r(1) } : {}) };
      const res = await postJson(ops, `/api/reports/${r(n)}/transitions`, body);
      expect(res.status, `${action} r${n} at +${h} h: ${await res.clone().text()}`).toBe(200);
    }
    clock = at(72); // Thursday 09:00
  });
  afterAll(async () => t?.close());

  const expected = {
    received: 11,
    handled: 6,
    handledPct: 54.5,
    inProgress: 3,
    inProgressPct: 27.3,
    rejected: 1,
    rejectedPct: 9.1,
    duplicate: 1,
    open: 3,
    overdue: 0,
    overduePct: 0,
    resolved: 6,
    onTime: 5,
    onTimePct: 83.3,
    rated: 3,
    satisfied: 2,
    satisfactionPct: 66.7,
    reopened: 1,
    reopenRatePct: 16.7,
    ...EXPECTED_DURATIONS,
  };

  it('gives every iHanoi figure for the city over a window', async () => {
    const before = (await t.store.events.eventBounds()).maxId;
    const res = await ops.request(`/api/kpis?since=${T0.toISOString()}`);
    expect(res.status).toBe(200);
    const { asOfEventId, ...body } = await res.json();
    // At least every event before the request (hotspot flags may be written meanwhile).
    expect(asOfEventId).toBeGreaterThanOrEqual(before);
    expect(withinBinPrecision(body)).toEqual({ since: T0.toISOString(), until: clock.toISOString(), ...expected });
  });

  it('agrees with the SQL reference definition (exact percentiles)', async () => {
    const w = { since: T0, until: clock, now: clock };
    const sql = kpisFromTally((await t.store.kpis.tallies(w, 'city', {})).get('city') ?? emptyTally());
    expect(sql).toEqual(expected);
  });

  it('counts flows by when they happened: a window from Tuesday 10:00 holds 3 resolutions and no acceptance', async () => {
    const body = await (await ops.request(`/api/kpis?since=${at(25).toISOString()}`)).json();
    const durations = { timeToResolve: { medianHours: 50, p90Hours: 60 } };
    expect(withinBinPrecision(body, durations)).toMatchObject({
      received: 0,
      handledPct: null,
      open: 3,
      resolved: 3,
      onTime: 2,
      rated: 3,
      timeToAccept: { n: 0, medianHours: null, p90Hours: null },
      timeToResolve: { n: 3, medianHours: 50, p90Hours: 60 },
    });
  });

  it('gives one row per area with rates per 10,000 residents and per km², at both levels', async () => {
    const districts = await (await ops.request(`/api/kpis/areas?level=district&since=${T0.toISOString()}`)).json();
    expect(districts.items).toHaveLength(30);
    const hk = withinBinPrecision(districts.items.find((a: { code: string }) => a.code === '002'));
    // Hoàn Kiếm district: 135,618 residents (2019 census), 5.23 km².
    expect(hk).toMatchObject({
      ...expected,
      population: 135_618,
      per10kResidents: { received: 0.81, open: 0.22, overdue: 0 },
      perKm2: { received: 2.1, open: 0.57 },
    });
    const quiet = districts.items.find((a: { code: string }) => a.code !== '002');
    expect(quiet).toMatchObject({ received: 0, open: 0, handledPct: null, timeToAccept: { n: 0, medianHours: null } });

    const communes = await (await ops.request(`/api/kpis/areas?since=${T0.toISOString()}`)).json();
    expect(communes.level).toBe('commune');
    expect(communes.items).toHaveLength(126);
    const ward = withinBinPrecision(communes.items.find((a: { code: string }) => a.code === '00070'));
    expect(ward).toMatchObject({
      nameEn: 'Hoan Kiem Ward',
      parentCode: '002',
      ...expected,
      per10kResidents: { received: 1.04 },
    });
  });

  it('a paused report is not overdue, even far past the deadline it had', async () => {
    expect(await t.store.reports.flagOverdue(clock)).toBe(0);
    const paused = await (await ops.request(`/api/reports/${ids[10]}`)).json();
    expect(paused).toMatchObject({ status: 'accepted', dueAt: null });
    const resumed = await (await postJson(ops, `/api/reports/${ids[10]}/transitions`, { action: 'resume' })).json();
    // Accepted Mon 10:00, paused 11:00 with 3 of its 4 working hours left: due Thursday 12:00.
    expect(resumed.dueAt).toBe(new Date('2026-03-05T05:00:00Z').toISOString());
    const kpis = await (await ops.request(`/api/kpis?since=${T0.toISOString()}`)).json();
    expect(kpis).toMatchObject({ open: 3, overdue: 0 });
    clock = at(76); // Thu 13:00: noon has passed
    const later = await (await ops.request(`/api/kpis?since=${T0.toISOString()}`)).json();
    expect(later).toMatchObject({ open: 3, overdue: 1, overduePct: 33.3 });
  });

  it.each(['level=ward', 'since=yesterday', 'area=1'])('refuses %s with 400', async (q) => {
    const res = await ops.request(`/api/kpis/areas?${q}`);
    expect(res.status).toBe(400);
  });
});

describe.each(TEST_DRIVERS)('KPIs in memory against the SQL definition, on a simulated month (%s)', (driver) => {
  let t: TestApp;
  /** The operations centre: every staff route, the whole city. */
  let ops: Requester;
  const now = new Date('2026-03-31T03:00:00Z');

  beforeAll(async () => {
    t = await startTestApp(driver, { now: () => now });
    ops = as(t.app, await t.headersFor('operator'));
    await backfill(t.runtime, { reports: 3_000 }, now, 7);
  });
  afterAll(async () => t?.close());

  it.each(['district', 'commune'] as const)('agree for every %s over the last 10 days', async (level) => {
    const w = { since: new Date(now.getTime() - 10 * 24 * HOUR_MS), until: now, now };
    const sql = await t.store.kpis.tallies(w, level, {});
    const memory = await t.runtime.analytics.kpiTallies(w, level, {});
    expectSameTallies(memory, sql);
  });

  // A viewer's scope (api/auth/viewer.ts scopeOf) filters both the same way.
  it.each<[string, () => AreaScope]>([
    ['a district chief (its district and communes)', () => ({ areaCodes: areaCodesOf('002', t.pack.areas) })],
    ['a commune chief', () => ({ areaCodes: ['00070'] })],
    ['an agency', () => ({ agencyCode: 'dept_construction' })],
    ['an agency no report is routed to', () => ({ agencyCode: 'nobody' })],
  ])('agree within the scope of %s, and the scope holds less than the city', async (_, scopeOf) => {
    const scope = scopeOf();
    const w = { since: new Date(now.getTime() - 10 * 24 * HOUR_MS), until: now, now };
    for (const level of ['city', 'commune'] as const) {
      const sql = await t.store.kpis.tallies(w, level, {}, scope);
      const memory = await t.runtime.analytics.kpiTallies(w, level, {}, scope);
      expectSameTallies(memory, sql);
    }
    const city = (await t.store.kpis.tallies(w, 'city', {})).get('city')!;
    const scoped = (await t.store.kpis.tallies(w, 'city', {}, scope)).get('city') ?? emptyTally();
    expect(scoped.received).toBeLessThan(city.received);
    if (scope.agencyCode !== 'nobody') expect(scoped.received).toBeGreaterThan(0);
  });

  function expectSameTallies(memory: Map<string, KpiTally>, sql: Map<string, KpiTally>) {
    // An area whose reports are all outside the window may be absent from either: it tallies zero.
    for (const code of new Set([...sql.keys(), ...memory.keys()])) {
      const s = sql.get(code) ?? emptyTally();
      const m = memory.get(code) ?? emptyTally();
      const { accept: sa, resolve: sr, ...sCounts } = s;
      const { accept: ma, resolve: mr, ...mCounts } = m;
      expect(mCounts, code).toEqual(sCounts);
      for (const [x, y] of [
        [ma, sa],
        [mr, sr],
      ] as const) {
        expect(x.n).toBe(y.n);
        for (const k of ['p50', 'p90', 'p50Working', 'p90Working'] as const) {
          if (y[k] === null) expect(x[k]).toBeNull();
          // Log bins of 1/64 octave: within 0.55%, or a minute for sub-minute durations.
          else expect(Math.abs(x[k]! - y[k]!), `${code} ${k}`).toBeLessThanOrEqual(Math.max(1 / 60, 0.0055 * y[k]!));
        }
      }
    }
  }
});
