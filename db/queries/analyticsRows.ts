import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../connect';
import {
  LEAVES_BACKLOG_EVENTS as LEAVES_BACKLOG,
  REJOINS_BACKLOG_EVENTS as REJOINS_BACKLOG,
} from '../../core/lifecycle';
import { rowsOf } from '../rows';

/**
 * The narrow view of a report the in-memory analytics keep (api/analytics/): times as epoch
 * milliseconds (numbers parse ~10× faster than timestamps, which matters at a million rows),
 * no text. Null times are null.
 */
export interface AnalyticsRow {
  id: number;
  status: string;
  category: string;
  districtCode: string | null;
  communeCode: string | null;
  /** Whom the report is routed to: an agency viewer's KPIs count only its own. */
  agencyCode: string | null;
  h3r8: string;
  createdMs: number;
  acceptedMs: number | null;
  resolvedMs: number | null;
  closedMs: number | null;
  endedMs: number | null;
  dueMs: number | null;
  /** Announced overdue (report.overdue) and not moved since. */
  overdue: boolean;
  rating: number | null;
  reopenedCount: number;
  resolvedOnTime: boolean | null;
  acceptWorkingHours: number | null;
  resolveWorkingHours: number | null;
  /**
   * When a reopened report was out of the open backlog before its last reopen: [left, back]
   * epoch-ms pairs, oldest first, from its events (the row keeps only the latest spell's times).
   * Null when it was never reopened — the row's created and ended times then say it all.
   */
  awayMs: number[] | null;
}

const sqlList = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/**
 * A reopened report's spell events, oldest first, as one text column (which every driver returns
 * as is; float8 text round-trips): epoch ms, negated for a return to the backlog. Only reopened
 * reports (a few %) run the subquery, on the events' report index.
 */
const SPELLS = sql`case when reopened_count > 0 then (
    select string_agg(((case when e.type in (${sqlList(REJOINS_BACKLOG)}) then -1 else 1 end)
      * date_part('epoch', e.at) * 1000)::text, ',' order by e.id)
    from events e
    where e.report_id = reports.id and e.type in (${sqlList([...LEAVES_BACKLOG, ...REJOINS_BACKLOG])})
  ) end as spells`;

/**
 * [left, back] pairs from the spell events: a report is filed open; a leaving event while open
 * starts a spell away, a rejoining one while away ends it. A final spell away (the report is
 * out now) is the row's ended time, so it is not repeated here.
 */
export function awaySpells(spells: string | null): number[] | null {
  if (!spells) return null;
  const away: number[] = [];
  let left: number | null = null;
  for (const part of spells.split(',')) {
    const v = Number(part);
    if (v >= 0 && left === null) left = v;
    else if (v < 0 && left !== null) {
      away.push(left, -v);
      left = null;
    }
  }
  return away.length ? away : null;
}

// date_part is float8 and ~2× cheaper than extract (numeric since Postgres 14) over a million rows.
const ms = (col: string) => sql.raw(`date_part('epoch', ${col}) * 1000`);

const COLUMNS = sql`id, status, category, district_code, commune_code, agency_code, h3r8,
  ${ms('created_at')} as created_ms, ${ms('accepted_at')} as accepted_ms, ${ms('resolved_at')} as resolved_ms,
  ${ms('closed_at')} as closed_ms, ${ms('ended_at')} as ended_ms, ${ms('due_at')} as due_ms,
  overdue_at is not null as overdue, rating, reopened_count, resolved_on_time,
  accept_working_hours::float8 as accept_wh, resolve_working_hours::float8 as resolve_wh`;

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function shape(r: Record<string, unknown>): AnalyticsRow {
  return {
    id: Number(r.id),
    status: String(r.status),
    category: String(r.category),
    districtCode: (r.district_code as string | null) ?? null,
    communeCode: (r.commune_code as string | null) ?? null,
    agencyCode: (r.agency_code as string | null) ?? null,
    h3r8: String(r.h3r8),
    createdMs: Number(r.created_ms),
    acceptedMs: num(r.accepted_ms),
    resolvedMs: num(r.resolved_ms),
    closedMs: num(r.closed_ms),
    endedMs: num(r.ended_ms),
    dueMs: num(r.due_ms),
    overdue: r.overdue === true || r.overdue === 't',
    rating: num(r.rating),
    reopenedCount: Number(r.reopened_count),
    resolvedOnTime:
      r.resolved_on_time === null || r.resolved_on_time === undefined
        ? null
        : r.resolved_on_time === true || r.resolved_on_time === 't',
    acceptWorkingHours: num(r.accept_wh),
    resolveWorkingHours: num(r.resolve_wh),
    awayMs: awaySpells((r.spells as string | null) ?? null),
  };
}

async function select(db: Db, where: SQL, limit?: number): Promise<AnalyticsRow[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(
      sql`select ${COLUMNS}, ${SPELLS} from reports where ${where} order by id ${limit ? sql`limit ${limit}` : sql``}`,
    ),
  );
  return rows.map(shape);
}

/** One page of every report by id, for the initial load (keyset, so each page is an index range). */
export function analyticsPage(db: Db, afterId: number, limit: number): Promise<AnalyticsRow[]> {
  return select(db, sql`id > ${afterId}`, limit);
}

/** The current rows of reports an event batch touched. */
export function analyticsRowsByIds(db: Db, ids: number[]): Promise<AnalyticsRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return select(
    db,
    sql`id in (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )})`,
  );
}
