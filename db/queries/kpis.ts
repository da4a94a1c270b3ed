import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../connect';
import { rowsOf, toNumber } from '../rows';
import type { Window } from './aggregates';
import {
  type AreaScope,
  HANDLED_STATUS_SQL,
  OPEN_STATUS_SQL,
  type ReportFilter,
  and,
  reportConditions,
} from './filters';

/**
 * The desk's headline figures, as iHanoi and Ho Chi Minh City's 1022 publish them.
 *
 * Cohort of the window (reports received in it, by their status now): received; handled (resolved
 * or closed), in progress (still open: awaiting acceptance, accepted, being worked, reopened),
 * rejected and duplicate, which partition it (= 100 %); reopen rate = of those that reached a
 * resolution, the share a citizen reopened.
 * Flow of the window (what happened in it): resolutions, and of those judged against a deadline
 * the share on time; ratings given (on close) and the share satisfied (4 or 5 of 5); time to
 * accept of the acceptances, time to resolve (from filing to resolution) of the resolutions —
 * median and p90, in wall-clock and in working hours.
 * Backlog now, as everywhere: open reports filed before the window's end, and those of them past
 * their deadline (a paused report has none).
 *
 * This file is the reference definition in SQL (exact percentiles) and the fallback while the
 * in-memory index (api/analytics/) loads; the API answers from that index, which computes the
 * same figures over a million reports in tens of milliseconds (see api/analytics/kpiTally.ts).
 */
export interface Kpis {
  received: number;
  handled: number;
  handledPct: number | null;
  inProgress: number;
  inProgressPct: number | null;
  rejected: number;
  rejectedPct: number | null;
  duplicate: number;
  /** The open backlog now among reports filed before the window's end. */
  open: number;
  overdue: number;
  /** Share of the open backlog that is overdue. */
  overduePct: number | null;
  /** Resolutions in the window. */
  resolved: number;
  /** Of the resolutions judged against a deadline, how many met it. */
  onTime: number;
  onTimePct: number | null;
  /** Ratings given in the window, and how many were satisfied (rating ≥ 4). */
  rated: number;
  satisfied: number;
  satisfactionPct: number | null;
  /** Reports received in the window that were reopened, as a share of those that reached a resolution. */
  reopened: number;
  reopenRatePct: number | null;
  timeToAccept: DurationKpis;
  timeToResolve: DurationKpis;
}

/** Hours, to 0.1 h; null when nothing was measured. */
export interface DurationKpis {
  n: number;
  medianHours: number | null;
  p90Hours: number | null;
  medianWorkingHours: number | null;
  p90WorkingHours: number | null;
}

/** A rating of 4 or 5 (of 5) counts as satisfied, as iHanoi reports "hài lòng". */
export const SATISFIED_MIN_RATING = 4;

/** Counts and unrounded percentiles of one group: what the SQL here and the in-memory pass both produce. */
export interface KpiTally {
  received: number;
  handled: number;
  inProgress: number;
  rejected: number;
  duplicate: number;
  open: number;
  overdue: number;
  resolved: number;
  judged: number;
  onTime: number;
  rated: number;
  satisfied: number;
  reachedResolution: number;
  reopened: number;
  accept: DurationTally;
  resolve: DurationTally;
}

export interface DurationTally {
  n: number;
  p50: number | null;
  p90: number | null;
  p50Working: number | null;
  p90Working: number | null;
}

/** Percent with one decimal; null when there is nothing to divide by. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((1000 * part) / whole) / 10 : null;
}

const hours = (h: number | null) => (h === null ? null : Math.round(h * 10) / 10);

function durations(d: DurationTally): DurationKpis {
  return {
    n: d.n,
    medianHours: hours(d.p50),
    p90Hours: hours(d.p90),
    medianWorkingHours: hours(d.p50Working),
    p90WorkingHours: hours(d.p90Working),
  };
}

export function kpisFromTally(t: KpiTally): Kpis {
  return {
    received: t.received,
    handled: t.handled,
    handledPct: percent(t.handled, t.received),
    inProgress: t.inProgress,
    inProgressPct: percent(t.inProgress, t.received),
    rejected: t.rejected,
    rejectedPct: percent(t.rejected, t.received),
    duplicate: t.duplicate,
    open: t.open,
    overdue: t.overdue,
    overduePct: percent(t.overdue, t.open),
    resolved: t.resolved,
    onTime: t.onTime,
    onTimePct: percent(t.onTime, t.judged),
    rated: t.rated,
    satisfied: t.satisfied,
    satisfactionPct: percent(t.satisfied, t.rated),
    reopened: t.reopened,
    reopenRatePct: percent(t.reopened, t.reachedResolution),
    timeToAccept: durations(t.accept),
    timeToResolve: durations(t.resolve),
  };
}

const noDurations = (): DurationTally => ({ n: 0, p50: null, p90: null, p50Working: null, p90Working: null });

export function emptyTally(): KpiTally {
  return {
    received: 0,
    handled: 0,
    inProgress: 0,
    rejected: 0,
    duplicate: 0,
    open: 0,
    overdue: 0,
    resolved: 0,
    judged: 0,
    onTime: 0,
    rated: 0,
    satisfied: 0,
    reachedResolution: 0,
    reopened: 0,
    accept: noDurations(),
    resolve: noDurations(),
  };
}

export type KpiGrouping = 'city' | 'district' | 'commune';
const GROUP: Record<KpiGrouping, SQL> = {
  city: sql`'city'`,
  district: sql.raw('district_code'),
  commune: sql.raw('commune_code'),
};

/** Tallies per group (key 'city' for the whole city; reports without an area of the level are left out). */
export async function kpiTallies(
  db: Db,
  w: Window,
  groupBy: KpiGrouping,
  filter: Pick<ReportFilter, 'area' | 'category'>,
  scope?: AreaScope,
): Promise<Map<string, KpiTally>> {
  const since = sql`${w.since.toISOString()}::timestamptz`;
  const until = sql`${w.until.toISOString()}::timestamptz`;
  const now = sql`${w.now.toISOString()}::timestamptz`;
  const inWindow = (col: string) => sql`${sql.raw(col)} >= ${since} and ${sql.raw(col)} < ${until}`;
  const received = inWindow('created_at');
  const hoursSince = (col: string) => sql`extract(epoch from (${sql.raw(col)} - created_at)) / 3600`;
  const pct = (q: number, value: SQL, cond: SQL) =>
    sql`percentile_disc(${q}) within group (order by ${value}) filter (where ${cond})`;
  const durationCols = (name: string, col: string, working: string) => sql`
    count(*) filter (where ${inWindow(col)})::int8 as ${sql.raw(`${name}_n`)},
    ${pct(0.5, hoursSince(col), inWindow(col))} as ${sql.raw(`${name}_p50`)},
    ${pct(0.9, hoursSince(col), inWindow(col))} as ${sql.raw(`${name}_p90`)},
    ${pct(0.5, sql.raw(working), inWindow(col))} as ${sql.raw(`${name}_p50w`)},
    ${pct(0.9, sql.raw(working), inWindow(col))} as ${sql.raw(`${name}_p90w`)}`;
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`select ${GROUP[groupBy]} as code,
        count(*) filter (where ${received})::int8 as received,
        count(*) filter (where ${received} and ${HANDLED_STATUS_SQL})::int8 as handled,
        count(*) filter (where ${received} and ${OPEN_STATUS_SQL})::int8 as in_progress,
        count(*) filter (where ${received} and status = 'rejected')::int8 as rejected,
        count(*) filter (where ${received} and status = 'duplicate')::int8 as duplicate,
        count(*) filter (where ${OPEN_STATUS_SQL})::int8 as open,
        count(*) filter (where ${OPEN_STATUS_SQL} and due_at < ${now})::int8 as overdue,
        count(*) filter (where ${inWindow('resolved_at')})::int8 as resolved,
        count(*) filter (where ${inWindow('resolved_at')} and resolved_on_time is not null)::int8 as judged,
        count(*) filter (where ${inWindow('resolved_at')} and resolved_on_time)::int8 as on_time,
        count(*) filter (where ${inWindow('closed_at')} and rating is not null)::int8 as rated,
        count(*) filter (where ${inWindow('closed_at')} and rating >= ${SATISFIED_MIN_RATING})::int8 as satisfied,
        count(*) filter (where ${received} and (${HANDLED_STATUS_SQL} or reopened_count > 0))::int8 as reached,
        count(*) filter (where ${received} and reopened_count > 0)::int8 as reopened,
        ${durationCols('acc', 'accepted_at', 'accept_working_hours')},
        ${durationCols('res', 'resolved_at', 'resolve_working_hours')}
      from reports
      where ${and([...reportConditions(filter, scope), sql`created_at < ${until}`])}
      group by 1`),
  );
  const out = new Map<string, KpiTally>();
  for (const r of rows) {
    if (r.code === null || r.code === undefined) continue;
    const n = (k: string) => toNumber(r[k]);
    const h = (k: string) => (r[k] === null || r[k] === undefined ? null : Number(r[k]));
    const d = (p: string): DurationTally => ({
      n: n(`${p}_n`),
      p50: h(`${p}_p50`),
      p90: h(`${p}_p90`),
      p50Working: h(`${p}_p50w`),
      p90Working: h(`${p}_p90w`),
    });
    out.set(String(r.code), {
      received: n('received'),
      handled: n('handled'),
      inProgress: n('in_progress'),
      rejected: n('rejected'),
      duplicate: n('duplicate'),
      open: n('open'),
      overdue: n('overdue'),
      resolved: n('resolved'),
      judged: n('judged'),
      onTime: n('on_time'),
      rated: n('rated'),
      satisfied: n('satisfied'),
      reachedResolution: n('reached'),
      reopened: n('reopened'),
      accept: d('acc'),
      resolve: d('res'),
    });
  }
  return out;
}

/** The city's (or one area's, with `filter.area`) figures over a window. */
export async function kpis(
  db: Db,
  w: Window,
  filter: Pick<ReportFilter, 'area' | 'category'>,
  scope?: AreaScope,
): Promise<Kpis> {
  const tallies = await kpiTallies(db, w, 'city', filter, scope);
  return kpisFromTally(tallies.get('city') ?? emptyTally());
}
