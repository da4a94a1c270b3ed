/**
 * A million reports with their events in a fresh Postgres database, for bench/dashboard.ts.
 *
 * The reports come from bench/analyticsData.ts (60,000 place templates — a commune weighted by
 * population, a point inside it, its H3 cells r6–r10 and district — multiplied by one
 * `INSERT … SELECT generate_series` over the last 30 days, with lived lifecycles). That loader writes
 * no events; the dashboard's stream and /healthz read the log, so here the log gets, in time order,
 * one `report.created` per report and the event of its latest transition (accepted, started,
 * resolved, closed, rejected, duplicate, reopened) for every report that moved, with the same
 * payload shape the API writes (`{from, to, report: reportSummary}`), cells and area codes copied
 * from the report row. Not every intermediate step of each report's history: the size and the id
 * order of the log are what matter to the pages, not the replay.
 */
import postgres from 'postgres';
import { ACTIONS, statusAfter, TRANSITIONS } from '../../core/lifecycle';
import type { ReportStatus } from '../../core/statuses';
import { loadAnalyticsDataset } from '../analyticsData';
import { loadCityPack } from '../../seeds/packs';
import type { TestDatabase } from '../../db/testing';

/** The event that brings a report into each status: the transition table's, by its `to`. */
const EVENT_BY_STATUS = Object.fromEntries(
  ACTIONS.flatMap((a) => (TRANSITIONS[a].to ? [[TRANSITIONS[a].to, TRANSITIONS[a].event]] : [])),
);

/**
 * The status a report most often leaves to reach each one (a report's last event only is
 * written, so one plausible predecessor will do). Checked against the transition table below.
 */
const STEP_BEFORE: Partial<Record<ReportStatus, ReportStatus>> = {
  accepted: 'received',
  in_progress: 'accepted',
  resolved: 'in_progress',
  closed: 'resolved',
  rejected: 'received',
  duplicate: 'received',
  reopened: 'resolved',
};
for (const [to, from] of Object.entries(STEP_BEFORE) as Array<[ReportStatus, ReportStatus]>) {
  if (!ACTIONS.some((a) => TRANSITIONS[a].to === to && statusAfter(from, a) === to))
    throw new Error(`bench data: no transition from ${from} to ${to} in core/lifecycle.ts`);
}

export interface DashboardData {
  reports: number;
  events: number;
  reportSeconds: number;
  eventSeconds: number;
}

export async function loadDashboardDataset(
  db: TestDatabase,
  reports: number,
  now = new Date(),
): Promise<DashboardData> {
  const pack = await loadCityPack('hanoi');
  const store = await db.open();
  try {
    await store.catalog.loadPack(pack);
  } finally {
    await store.close();
  }
  const reportSeconds = await loadAnalyticsDataset(db.url!, pack, reports, now);
  const t0 = performance.now();
  const sql = postgres(db.url!, { max: 1, onnotice: () => {} });
  try {
    await sql`set synchronous_commit = off`;
    await sql`set work_mem = '256MB'`;
    // Narrow rows first, numbered in time order after the events already there (the analytics data
    // writes its reopened reports' history); the payload is built in the insert below, by id.
    const [{ before }] = await sql<{ before: string }[]>`select coalesce(max(id), 0) as before from events`;
    await sql`create temp table ev as
      select ${Number(before)}::bigint + row_number() over (order by at, report_id, ord) as id, at, type, report_id, from_status, to_status
      from (
        select created_at as at, 'report.created' as type, id as report_id, 0 as ord, null::text as from_status, 'received' as to_status
        from reports
        union all
        select case status
                 when 'accepted' then accepted_at
                 when 'in_progress' then accepted_at + interval '5 minutes'
                 when 'resolved' then resolved_at
                 when 'closed' then closed_at
                 when 'reopened' then coalesce(resolved_at, accepted_at, created_at) + interval '1 hour'
                 else coalesce(ended_at, created_at + interval '1 hour')
               end,
               ${sql.json(EVENT_BY_STATUS)}::jsonb ->> status,
               id, 1,
               ${sql.json(STEP_BEFORE)}::jsonb ->> status,
               status
        from reports where status <> 'received'
      ) e`;
    const indexes = await sql<{ indexname: string; indexdef: string }[]>`
      select indexname, indexdef from pg_indexes where tablename = 'events' and indexname not like '%_pkey'`;
    for (const i of indexes) await sql.unsafe(`drop index ${i.indexname}`);
    await sql`
      insert into events (id, at, type, report_id, district_code, commune_code, payload)
      select ev.id, least(ev.at, ${now.toISOString()}::timestamptz), ev.type, r.id, r.district_code, r.commune_code,
        jsonb_strip_nulls(jsonb_build_object('from', ev.from_status, 'to', case when ev.from_status is null then null else ev.to_status end))
        || jsonb_build_object('report', jsonb_build_object(
          'id', r.id, 'publicId', r.public_id, 'category', r.category, 'severity', r.severity, 'status', ev.to_status,
          'title', r.title, 'lat', r.lat, 'lng', r.lng, 'h3r6', r.h3r6, 'h3r7', r.h3r7, 'h3r8', r.h3r8, 'h3r9', r.h3r9,
          'h3r10', r.h3r10, 'districtCode', r.district_code, 'communeCode', r.commune_code, 'agencyCode', r.agency_code,
          'createdAt', to_char(r.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          'dueAt', to_char(r.due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          'reopenedCount', r.reopened_count))
      from ev join reports r on r.id = ev.report_id`;
    for (const i of indexes) await sql.unsafe(i.indexdef);
    const [{ n }] = await sql<{ n: string }[]>`select count(*) as n from ev`;
    await sql`select setval(pg_get_serial_sequence('events', 'id'), ${Number(before) + Number(n)})`;
    await sql`analyze events`;
    await sql`vacuum analyze reports`;
    return { reports, events: Number(n), reportSeconds, eventSeconds: (performance.now() - t0) / 1000 };
  } finally {
    await sql.end();
  }
}
