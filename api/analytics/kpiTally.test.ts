import { describe, expect, it } from 'vitest';
import { HANDLED_STATUSES, isOpenStatus, REPORT_STATUSES } from '../../core/statuses';
import type { AnalyticsRow } from '../../db/queries/analyticsRows';
import { type DurationTally, emptyTally, type KpiTally, SATISFIED_MIN_RATING } from '../../db/queries/kpis';
import { seededRng } from '../../bench/lib/reportPool';
import { binHours, DURATION_BINS, durationBin, MIN_HOURS } from './durationBins';
import { type KpiQuery, tallyKpis } from './kpiTally';
import { ReportColumns } from './reportColumns';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const NOW = Date.parse('2026-03-16T03:00:00Z');
const SINCE = NOW - 30 * DAY_MS;

let nextId = 1;
const report = (o: Partial<AnalyticsRow>): AnalyticsRow => ({
  id: nextId++,
  status: 'received',
  category: 'traffic_roads',
  districtCode: 'D1',
  communeCode: 'C1',
  agencyCode: 'SXD',
  h3r8: '88415b2a4bfffff',
  createdMs: NOW - DAY_MS,
  acceptedMs: null,
  resolvedMs: null,
  closedMs: null,
  endedMs: null,
  dueMs: null,
  overdue: false,
  rating: null,
  reopenedCount: 0,
  resolvedOnTime: null,
  acceptWorkingHours: null,
  resolveWorkingHours: null,
  awayMs: null,
  ...o,
});

const columns = (rows: AnalyticsRow[]) => {
  const cols = new ReportColumns();
  for (const r of rows) cols.upsert(r);
  return cols;
};

describe('tallyKpis on hand-made reports', () => {
  const t0 = NOW - 10 * DAY_MS;
  const rows = [
    // Accepted the instant it was filed (bin 1, half a minute), no working hours (bin 0: not counted).
    report({ status: 'accepted', createdMs: t0, acceptedMs: t0, dueMs: NOW - HOUR_MS }),
    // Accepted after three years (the last bin); resolved on time and closed with a 5.
    report({
      status: 'closed',
      createdMs: t0 - 3 * 365 * DAY_MS,
      acceptedMs: t0,
      acceptWorkingHours: 2,
      resolvedMs: t0 + 4 * HOUR_MS,
      resolveWorkingHours: 3,
      resolvedOnTime: true,
      closedMs: t0 + DAY_MS,
      rating: 5,
    }),
    // Accepted after 10 h, resolved late after 20 h, reopened, rated 3 before the window ended.
    report({
      status: 'reopened',
      createdMs: t0,
      acceptedMs: t0 + 10 * HOUR_MS,
      acceptWorkingHours: 4,
      resolvedMs: t0 + 20 * HOUR_MS,
      resolveWorkingHours: 6,
      resolvedOnTime: false,
      closedMs: t0 + 21 * HOUR_MS,
      rating: 3,
      reopenedCount: 1,
      dueMs: NOW + DAY_MS,
    }),
    // Rejected, and a duplicate in another commune; one filed before the window, resolved in it but not judged.
    report({ status: 'rejected', createdMs: t0 }),
    report({ status: 'duplicate', createdMs: t0, communeCode: 'C2' }),
    report({
      status: 'resolved',
      createdMs: SINCE - DAY_MS,
      acceptedMs: SINCE - HOUR_MS,
      resolvedMs: SINCE + HOUR_MS,
      resolveWorkingHours: 1,
      communeCode: 'C2',
    }),
  ];
  const cols = columns(rows);
  const city = tallyKpis(cols, { since: SINCE, until: NOW, now: NOW, groupBy: 'city' }).get('city')!;

  it('counts each report where the definitions put it', () => {
    expect(city).toMatchObject({
      received: 4, // the closed one and the one resolved first were filed before the window
      handled: 0,
      inProgress: 2, // accepted + reopened
      rejected: 1,
      duplicate: 1,
      open: 2,
      overdue: 1, // the accepted one, due an hour ago
      resolved: 3, // closed + reopened + the one filed before the window
      judged: 2,
      onTime: 1,
      rated: 2,
      satisfied: 1, // 5 ≥ 4; 3 is not
      reachedResolution: 1, // the reopened one
      reopened: 1,
    });
  });

  it('keeps the edge bins: a zero duration in bin 1, three years in the last, no working hours out', () => {
    const accept: DurationTally = {
      // 0 h (bin 1), 10 h, three years (last bin); the one accepted before the window is out.
      n: 3,
      p50: binHours(durationBin(10)),
      p90: binHours(DURATION_BINS - 1),
      p50Working: binHours(durationBin(2)), // of 2 h and 4 h: the 1st of 2
      p90Working: binHours(durationBin(4)),
    };
    expect(durationBin(0)).toBe(1);
    expect(binHours(1)).toBe(MIN_HOURS / 2);
    expect(city.accept).toEqual(accept);
    // From filing: 20 h, 25 h for the one filed before the window, three years + 4 h.
    expect(city.resolve.n).toBe(3);
    expect(city.resolve.p50).toBe(binHours(durationBin(25)));
    expect(city.resolve.p90).toBe(binHours(DURATION_BINS - 1));
  });

  it('splits by commune, and answers nothing for a window before every report', () => {
    const byCommune = tallyKpis(cols, { since: SINCE, until: NOW, now: NOW, groupBy: 'commune' });
    expect([...byCommune.keys()].sort()).toEqual(['C1', 'C2']);
    expect(byCommune.get('C2')).toMatchObject({ received: 1, duplicate: 1, resolved: 1, judged: 0 });
    const oldest = t0 - 3 * 365 * DAY_MS;
    expect(tallyKpis(cols, { since: oldest - 2 * DAY_MS, until: oldest, now: NOW, groupBy: 'city' }).size).toBe(0);
  });
});

/**
 * The KPI definitions written out report by report, percentiles by sorting each report's bin: what
 * the pass's packed keys and histograms must reproduce exactly.
 */
function referenceTallies(rows: AnalyticsRow[], q: KpiQuery): Map<string, KpiTally> {
  const inWindow = (t: number | null) => t !== null && t >= q.since && t < q.until;
  const groups = new Map<string, { t: KpiTally; bins: number[][] }>();
  for (const r of rows) {
    if (!(r.createdMs < q.until)) continue;
    if (q.area && r.districtCode !== q.area && r.communeCode !== q.area) continue;
    if (q.categories?.length && !q.categories.includes(r.category)) continue;
    if (q.scope && !q.scope.some((c) => c === r.districtCode || c === r.communeCode)) continue;
    if (q.agency !== undefined && r.agencyCode !== q.agency) continue;
    const key = q.groupBy === 'city' ? 'city' : q.groupBy === 'district' ? r.districtCode : r.communeCode;
    if (!key) continue;
    if (!groups.has(key)) groups.set(key, { t: emptyTally(), bins: [[], [], [], []] });
    const { t, bins } = groups.get(key)!;
    const open = isOpenStatus(r.status);
    const handled = HANDLED_STATUSES.has(r.status);
    t.open += +open;
    t.overdue += +(open && r.dueMs !== null && r.dueMs < q.now);
    if (r.createdMs >= q.since) {
      t.received++;
      if (open) t.inProgress++;
      if (handled) t.handled++;
      if (r.status === 'rejected') t.rejected++;
      if (r.status === 'duplicate') t.duplicate++;
      if (handled || r.reopenedCount > 0) t.reachedResolution++;
      if (r.reopenedCount > 0) t.reopened++;
    }
    const hours = (end: number) => Math.max(0, (end - r.createdMs) / HOUR_MS);
    const add = (m: number, bin: number) => bin > 0 && bins[m]!.push(bin);
    if (inWindow(r.acceptedMs)) {
      add(0, durationBin(hours(r.acceptedMs!)));
      add(1, durationBin(r.acceptWorkingHours));
    }
    if (inWindow(r.resolvedMs)) {
      t.resolved++;
      if (r.resolvedOnTime !== null) t.judged++;
      if (r.resolvedOnTime) t.onTime++;
      add(2, durationBin(hours(r.resolvedMs!)));
      add(3, durationBin(r.resolveWorkingHours));
    }
    if (r.rating && inWindow(r.closedMs)) {
      t.rated++;
      if (r.rating >= SATISFIED_MIN_RATING) t.satisfied++;
    }
  }
  const pct = (bins: number[], p: number) => {
    if (!bins.length) return null;
    const sorted = [...bins].sort((a, b) => a - b);
    return binHours(sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1]!);
  };
  const durations = (wall: number[], working: number[]): DurationTally => ({
    n: wall.length,
    p50: pct(wall, 0.5),
    p90: pct(wall, 0.9),
    p50Working: pct(working, 0.5),
    p90Working: pct(working, 0.9),
  });
  const out = new Map<string, KpiTally>();
  for (const [key, { t, bins }] of groups) {
    const tally = { ...t, accept: durations(bins[0]!, bins[1]!), resolve: durations(bins[2]!, bins[3]!) };
    const { accept, resolve, ...counts } = tally;
    // As the pass: a group with no count and no acceptance in the window is absent.
    if (Object.values(counts).some((v) => v > 0) || accept.n > 0) out.set(key, tally);
  }
  return out;
}

describe('tallyKpis against the definitions written out report by report', () => {
  const rng = seededRng(7);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng() * xs.length)]!;
  const maybe = <T>(p: number, v: T) => (rng() < p ? v : null);
  // Durations from none and zero to past the last bin, most of them hours to weeks.
  const hours = () => pick([0, 0.001, 1e6, ...Array.from({ length: 12 }, () => Math.exp(rng() * 8))]);
  const time = (from: number, h: number) => from + h * HOUR_MS;
  const communes = [
    ['D1', 'C1'],
    ['D1', 'C2'],
    ['D2', 'C3'],
    ['D2', 'C4'],
    ['D3', 'C5'],
    [null, 'C6'],
    ['D3', null],
  ] as const;
  const rows = Array.from({ length: 4_000 }, () => {
    const created = NOW - rng() * 45 * DAY_MS;
    const accepted = maybe(0.85, time(created, hours()));
    const resolved = accepted === null ? null : maybe(0.7, time(accepted, hours()));
    const [districtCode, communeCode] = pick(communes);
    return report({
      status: pick(REPORT_STATUSES),
      category: pick(['a', 'b', 'c']),
      districtCode,
      communeCode,
      agencyCode: pick(['A1', 'A2', null]),
      createdMs: created,
      acceptedMs: accepted,
      acceptWorkingHours: accepted === null ? null : maybe(0.9, hours()),
      resolvedMs: resolved,
      resolveWorkingHours: resolved === null ? null : maybe(0.9, hours()),
      resolvedOnTime: resolved === null ? null : maybe(0.8, rng() < 0.7),
      closedMs: resolved === null ? null : maybe(0.6, time(resolved, hours())),
      rating: maybe(0.5, 1 + Math.floor(rng() * 5)),
      reopenedCount: pick([0, 0, 0, 1, 2, 300]),
      dueMs: maybe(0.8, time(created, 72 * rng())),
    });
  });
  const cols = columns(rows);
  const window = { since: NOW - 20 * DAY_MS, until: NOW - 5 * DAY_MS, now: NOW - 2 * DAY_MS };
  const queries: [string, KpiQuery][] = [
    ['city, 30 days', { since: SINCE, until: NOW, now: NOW, groupBy: 'city' }],
    ['communes, 30 days', { since: SINCE, until: NOW, now: NOW, groupBy: 'commune' }],
    ['districts, a past window', { ...window, groupBy: 'district' }],
    ['communes of one district', { ...window, groupBy: 'commune', area: 'D2' }],
    ['two categories', { ...window, groupBy: 'commune', categories: ['a', 'c', 'unknown'] }],
    ["a chief's scope", { ...window, groupBy: 'commune', scope: ['D1', 'C5'] }],
    ["an agency's reports", { ...window, groupBy: 'district', agency: 'A2' }],
  ];

  it.each(queries)('%s', (_name, q) => {
    const expected = referenceTallies(rows, q);
    expect(expected.size).toBeGreaterThan(0);
    expect(tallyKpis(cols, q)).toEqual(expected);
  });

  it('gives the same answer to a small query after a big one (the buffers are reused)', () => {
    const q: KpiQuery = { ...window, groupBy: 'city', categories: ['b'] };
    tallyKpis(cols, { since: SINCE, until: NOW, now: NOW, groupBy: 'commune' });
    expect(tallyKpis(cols, q)).toEqual(referenceTallies(rows, q));
  });
});
