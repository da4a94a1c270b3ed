import { asc, desc, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../connect';
import { events, reports, TRANSITION_TYPE_SQL } from '../schema';
import type { EventRow, ReportRow } from '../types';
import { type AreaScope, and, inList, OPEN_STATUS_SQL, scopeSql } from './filters';

/** What an Open311 `GET requests` may ask for (api/open311/schemas.ts), already bounded. */
export interface RequestFilter {
  publicIds?: string[];
  categories?: string[];
  /** true = open statuses only, false = the rest; undefined = both. */
  open?: boolean;
  /** Filed in [since, until). */
  since: Date;
  until: Date;
}

function requestConditions(f: RequestFilter, scope: AreaScope | undefined): SQL[] {
  const parts: SQL[] = [scopeSql(scope)];
  if (f.publicIds) parts.push(inList(sql`public_id`, f.publicIds));
  if (f.categories) parts.push(inList(sql`category`, f.categories));
  if (f.open !== undefined) parts.push(f.open ? OPEN_STATUS_SQL : sql`not ${OPEN_STATUS_SQL}`);
  parts.push(sql`${reports.createdAt} >= ${f.since.toISOString()}::timestamptz`);
  parts.push(sql`${reports.createdAt} < ${f.until.toISOString()}::timestamptz`);
  return parts;
}

/** Newest first, a page of `limit` from `offset` (Open311's page/page_size). */
export async function listRequests(
  db: Db,
  f: RequestFilter,
  page: { limit: number; offset: number },
  scope?: AreaScope,
): Promise<ReportRow[]> {
  return db
    .select()
    .from(reports)
    .where(and(requestConditions(f, scope)))
    .orderBy(desc(reports.createdAt), desc(reports.id))
    .limit(page.limit)
    .offset(page.offset);
}

/** `report_id in (…)` with the ids as numbers, so that events_report_idx serves it. */
function reportIdIn(reportIds: number[]): SQL {
  return sql`${events.reportId} in (${sql.join(
    reportIds.map((id) => sql`${id}`),
    sql`, `,
  )})`;
}

/** The latest staff note of each report's lifecycle moves (Open311 status_notes for staff). */
export async function latestNotes(db: Db, reportIds: number[]): Promise<Map<number, string>> {
  if (!reportIds.length) return new Map();
  const rows = await db
    .selectDistinctOn([events.reportId], { reportId: events.reportId, note: sql<string>`${events.payload}->>'note'` })
    .from(events)
    .where(and([reportIdIn(reportIds), sql`${events.type} like 'report.%'`, sql`${events.payload} ? 'note'`]))
    .orderBy(asc(events.reportId), desc(events.id));
  return new Map(rows.map((r) => [r.reportId!, r.note]));
}

/**
 * Status changes (lifecycle moves) of reports in scope, in [since, until) by the move's time,
 * oldest first, each with its report as it is now: Open311's servicerequestupdates feed.
 * `filedBefore` keeps out reports the reader may not see yet (the public delay).
 */
export async function statusUpdates(
  db: Db,
  f: { since: Date; until: Date; filedBefore?: Date },
  page: { limit: number; offset: number },
  scope?: AreaScope,
): Promise<Array<{ event: EventRow; report: ReportRow }>> {
  const parts: SQL[] = [
    TRANSITION_TYPE_SQL,
    sql`${events.at} >= ${f.since.toISOString()}::timestamptz`,
    sql`${events.at} < ${f.until.toISOString()}::timestamptz`,
    sql`${events.reportId} in (select id from reports where ${scopeSql(scope)}${
      f.filedBefore ? sql` and created_at < ${f.filedBefore.toISOString()}::timestamptz` : sql``
    })`,
  ];
  const rows = await db
    .select({ event: events, report: reports })
    .from(events)
    .innerJoin(reports, sql`${reports.id} = ${events.reportId}`)
    .where(and(parts))
    .orderBy(asc(events.id))
    .limit(page.limit)
    .offset(page.offset);
  return rows;
}

/** The `report.*` events of several reports, oldest first, grouped by report (Open311 extensions=true). */
export async function historiesOf(db: Db, reportIds: number[]): Promise<Map<number, EventRow[]>> {
  const out = new Map<number, EventRow[]>(reportIds.map((id) => [id, []]));
  if (!reportIds.length) return out;
  const rows = await db
    .select()
    .from(events)
    .where(and([reportIdIn(reportIds), sql`${events.type} like 'report.%'`]))
    .orderBy(asc(events.id));
  for (const r of rows) out.get(r.reportId!)?.push(r);
  return out;
}
