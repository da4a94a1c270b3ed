import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../connect';
import type { EventType } from '../../core/events';
import { LEAVES_BACKLOG_EVENTS, REJOINS_BACKLOG_EVENTS } from '../../core/lifecycle';
import { rowsOf, toDate, toNumber } from '../rows';
import { type AreaScope, OPEN_STATUS_SQL, type ReportFilter, and, reportConditions } from './filters';

/**
 * Windowed aggregates. "received" and "resolved" count what happened inside the window; "open"
 * and "overdue" are the backlog now among reports filed before the window's end, because a
 * backlog that forgot last month's unresolved reports would flatter every agency.
 */
/** The event a spell past the deadline starts at, checked against the event vocabulary. */
const OVERDUE: EventType = 'report.overdue';

const sqlList = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );
const LEAVES = sqlList(LEAVES_BACKLOG_EVENTS);
const REJOINS = sqlList(REJOINS_BACKLOG_EVENTS);

export interface Window {
  since: Date;
  until: Date;
  now: Date;
}

const H3_COLUMNS: Record<number, SQL> = {
  6: sql.raw('h3r6'),
  7: sql.raw('h3r7'),
  8: sql.raw('h3r8'),
  9: sql.raw('h3r9'),
  10: sql.raw('h3r10'),
};

function windowed(w: Window, filter: ReportFilter, scope?: AreaScope): SQL {
  const since = w.since.toISOString();
  const until = w.until.toISOString();
  return and([
    ...reportConditions(filter, scope),
    sql`created_at < ${until}::timestamptz`,
    sql`(created_at >= ${since}::timestamptz or ${OPEN_STATUS_SQL})`,
  ]);
}

function countsSql(w: Window): SQL {
  const since = w.since.toISOString();
  const now = w.now.toISOString();
  return sql`
    count(*) filter (where created_at >= ${since}::timestamptz)::int8 as received,
    count(*) filter (where ${OPEN_STATUS_SQL})::int8 as open,
    count(*) filter (where ${OPEN_STATUS_SQL} and due_at < ${now}::timestamptz)::int8 as overdue`;
}

export interface HexCount {
  cell: string;
  received: number;
  open: number;
  overdue: number;
}

export async function hexCounts(
  db: Db,
  res: number,
  w: Window,
  filter: ReportFilter,
  scope?: AreaScope,
): Promise<HexCount[]> {
  const col = H3_COLUMNS[res];
  if (!col) throw new RangeError(`H3 resolution ${res} is not stored`);
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`select ${col} as cell, ${countsSql(w)}
      from reports where ${windowed(w, filter, scope)} group by 1`),
  );
  return rows.map((r) => ({
    cell: String(r.cell),
    received: toNumber(r.received),
    open: toNumber(r.open),
    overdue: toNumber(r.overdue),
  }));
}

/**
 * The areas a scoped reader's table lists: its own units (zeros included) and any other unit its
 * reports fall in (a commune chief's reports lie in some old district); an agency's, like the
 * city's, are all of the level.
 */
function inScopeAreas(scope: AreaScope | undefined): SQL {
  if (!scope?.areaCodes) return sql`true`;
  const own = scope.areaCodes.length
    ? sql`a.code in (${sql.join(
        scope.areaCodes.map((c) => sql`${c}`),
        sql`, `,
      )})`
    : sql`false`;
  return sql`(${own} or a.code in (select code from r))`;
}

export interface AreaCount {
  code: string;
  nameVi: string;
  nameEn: string;
  parentCode: string | null;
  population: number | null;
  areaKm2: number | null;
  received: number;
  open: number;
  resolved: number;
  overdue: number;
  /** Median age of the open backlog, in hours; null when nothing is open. */
  medianOpenAgeHours: number | null;
}

export async function areaCounts(
  db: Db,
  level: 'district' | 'commune',
  w: Window,
  filter: ReportFilter,
  scope?: AreaScope,
): Promise<AreaCount[]> {
  const col = level === 'district' ? sql.raw('district_code') : sql.raw('commune_code');
  const since = w.since.toISOString();
  const until = w.until.toISOString();
  const now = w.now.toISOString();
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      with r as (
        select ${col} as code, ${countsSql(w)},
          count(*) filter (where resolved_at >= ${since}::timestamptz and resolved_at < ${until}::timestamptz)::int8 as resolved,
          percentile_cont(0.5) within group (order by extract(epoch from (${now}::timestamptz - created_at)))
            filter (where ${OPEN_STATUS_SQL}) as median_age_s
        from reports where ${windowed(w, filter, scope)} group by 1
      )
      select a.code, a.name_vi, a.name_en, a.parent_code, a.population, a.area_km2,
        coalesce(r.received, 0)::int8 as received, coalesce(r.open, 0)::int8 as open,
        coalesce(r.resolved, 0)::int8 as resolved, coalesce(r.overdue, 0)::int8 as overdue, r.median_age_s
      from areas a left join r on r.code = a.code
      where a.level = ${level} and ${inScopeAreas(scope)}
      order by a.code`),
  );
  return rows.map((r) => ({
    code: String(r.code),
    nameVi: String(r.name_vi),
    nameEn: String(r.name_en),
    parentCode: (r.parent_code as string | null) ?? null,
    population: r.population === null ? null : toNumber(r.population),
    areaKm2: r.area_km2 === null ? null : toNumber(r.area_km2),
    received: toNumber(r.received),
    open: toNumber(r.open),
    resolved: toNumber(r.resolved),
    overdue: toNumber(r.overdue),
    medianOpenAgeHours: r.median_age_s === null ? null : toNumber(r.median_age_s) / 3600,
  }));
}

export interface SeriesPoint {
  t: string;
  received: number;
  resolved: number;
  /** Open backlog at the end of the bucket. */
  backlog: number;
  /** Reports past their deadline at the end of the bucket (from report.overdue events). */
  overdue: number;
}

export async function timeseries(
  db: Db,
  bucket: 'hour' | 'day',
  timezone: string,
  w: Window,
  filter: ReportFilter,
  scope?: AreaScope,
): Promise<SeriesPoint[]> {
  const since = w.since.toISOString();
  const until = w.until.toISOString();
  const where = and(reportConditions(filter, scope));
  const unit = sql.raw(`'${bucket}'`);
  const step = sql.raw(`interval '1 ${bucket}'`);
  const local = (col: SQL) => sql`date_trunc(${unit}, ${col} at time zone ${timezone})`;
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      with buckets as (
        select generate_series(${local(sql`${since}::timestamptz`)},
          ${local(sql`(${until}::timestamptz - interval '1 microsecond')`)}, ${step}) as b
      ),
      rec as (select ${local(sql`created_at`)} as b, count(*) as n from reports
        where ${where} and created_at >= ${since}::timestamptz and created_at < ${until}::timestamptz group by 1),
      res as (select ${local(sql`resolved_at`)} as b, count(*) as n from reports
        where ${where} and resolved_at >= ${since}::timestamptz and resolved_at < ${until}::timestamptz group by 1),
      ended as (select ${local(sql`ended_at`)} as b, count(*) as n from reports
        where ${where} and ended_at >= ${since}::timestamptz and ended_at < ${until}::timestamptz group by 1),
      -- An overdue spell runs from its report.overdue event to the report's next move (the
      -- event after it: a report is flagged again only after a move). Counted like the backlog:
      -- spells open at the window's start, plus starts, minus stops, bucket by bucket.
      spells as materialized (
        select start_at, stop_at from (
          select e.type, e.at as start_at, lead(e.at) over (partition by e.report_id order by e.id) as stop_at
          from events e
          where e.report_id in (select report_id from events where type = ${OVERDUE} and at < ${until}::timestamptz)
            and e.report_id in (select id from reports where ${where})
        ) x
        where type = ${OVERDUE} and start_at < ${until}::timestamptz
      ),
      -- A reopened report's spells away from the backlog (resolved, then reopened) read from its
      -- events: its row keeps only the last end, which would count it open all along.
      away as materialized (
        select left_at, back_at from (
          select e.type, e.at as left_at, lead(e.type) over w as next_type, lead(e.at) over w as back_at
          from events e
          where e.report_id in (select id from reports where ${where} and reopened_count > 0)
            and e.type in (${LEAVES}, ${REJOINS})
          window w as (partition by e.report_id order by e.id)
        ) x
        where type in (${LEAVES}) and next_type in (${REJOINS}) and left_at < ${until}::timestamptz
      ),
      away_start as (select ${local(sql`left_at`)} as b, count(*) as n from away
        where left_at >= ${since}::timestamptz group by 1),
      away_stop as (select ${local(sql`back_at`)} as b, count(*) as n from away
        where back_at >= ${since}::timestamptz and back_at < ${until}::timestamptz group by 1),
      ov_start as (select ${local(sql`start_at`)} as b, count(*) as n from spells
        where start_at >= ${since}::timestamptz group by 1),
      ov_stop as (select ${local(sql`stop_at`)} as b, count(*) as n from spells
        where stop_at >= ${since}::timestamptz and stop_at < ${until}::timestamptz group by 1)
      select (buckets.b at time zone ${timezone}) as t,
        coalesce(ov_start.n, 0)::int8 as ov_started, coalesce(ov_stop.n, 0)::int8 as ov_stopped,
        (select count(*) from spells where start_at < ${since}::timestamptz
          and (stop_at is null or stop_at >= ${since}::timestamptz))::int8 as ov_base,
        coalesce(rec.n, 0)::int8 as received, coalesce(res.n, 0)::int8 as resolved,
        coalesce(ended.n, 0)::int8 + coalesce(away_start.n, 0)::int8 - coalesce(away_stop.n, 0)::int8 as ended,
        (select count(*) from away where left_at < ${since}::timestamptz
          and back_at >= ${since}::timestamptz)::int8 as away_base,
        (select count(*) from reports where ${where} and created_at < ${since}::timestamptz
          and (ended_at is null or ended_at >= ${since}::timestamptz))::int8 as start_backlog
      from buckets left join rec using (b) left join res using (b) left join ended using (b)
        left join ov_start using (b) left join ov_stop using (b)
        left join away_start using (b) left join away_stop using (b)
      order by buckets.b`),
  );
  let backlog = rows.length ? toNumber(rows[0].start_backlog) - toNumber(rows[0].away_base) : 0;
  let overdue = rows.length ? toNumber(rows[0].ov_base) : 0;
  return rows.map((r) => {
    backlog += toNumber(r.received) - toNumber(r.ended);
    overdue += toNumber(r.ov_started) - toNumber(r.ov_stopped);
    return {
      t: toDate(r.t)!.toISOString(),
      received: toNumber(r.received),
      resolved: toNumber(r.resolved),
      backlog,
      overdue,
    };
  });
}

export interface AreaSeries {
  buckets: string[];
  items: Array<{ code: string; received: number[] }>;
}

/** Reports received per area per local bucket: the league table's sparklines, in one query. */
export async function areaSeries(
  db: Db,
  level: 'district' | 'commune',
  bucket: 'hour' | 'day',
  timezone: string,
  w: Window,
  filter: ReportFilter,
  scope?: AreaScope,
): Promise<AreaSeries> {
  const since = w.since.toISOString();
  const until = w.until.toISOString();
  const col = level === 'district' ? sql.raw('district_code') : sql.raw('commune_code');
  const unit = sql.raw(`'${bucket}'`);
  const step = sql.raw(`interval '1 ${bucket}'`);
  const local = (c: SQL) => sql`date_trunc(${unit}, ${c} at time zone ${timezone})`;
  const bucketRows = rowsOf<{ b: unknown }>(
    await db.execute(sql`select (generate_series(${local(sql`${since}::timestamptz`)},
      ${local(sql`(${until}::timestamptz - interval '1 microsecond')`)}, ${step}) at time zone ${timezone}) as b`),
  );
  const buckets = bucketRows.map((r) => toDate(r.b)!.toISOString());
  const index = new Map(buckets.map((b, i) => [b, i]));
  const rows = rowsOf<{ code: string; b: unknown; n: unknown }>(
    await db.execute(sql`select ${col} as code, (${local(sql`created_at`)} at time zone ${timezone}) as b, count(*)::int8 as n
      from reports where ${and(reportConditions(filter, scope))} and ${col} is not null
        and created_at >= ${since}::timestamptz and created_at < ${until}::timestamptz
      group by 1, 2`),
  );
  const byCode = new Map<string, number[]>();
  for (const r of rows) {
    const i = index.get(toDate(r.b)!.toISOString());
    if (i === undefined) continue;
    let series = byCode.get(r.code);
    if (!series) byCode.set(r.code, (series = new Array(buckets.length).fill(0)));
    series[i] += toNumber(r.n);
  }
  return { buckets, items: [...byCode].map(([code, received]) => ({ code, received })) };
}
