import { type SQL, sql } from 'drizzle-orm';
import type { Role } from '../../core/roles';
import type { Db } from '../connect';
import { rowsOf, toDate } from '../rows';
import { and } from './filters';

/**
 * The admin's audit view: what staff changed (events with an actor: the event log is the record
 * of state changes, so they are not copied) and what they read or erased (audit_log: contact
 * reads, erasures, sign-ins, account changes), newest first, in one list.
 */
export interface TrailEntry {
  /** Which record it comes from: an event of the log, or an audit_log entry. */
  source: 'event' | 'audit';
  id: number;
  at: Date;
  userId: number | null;
  userName: string | null;
  role: Role | null;
  /** The event type (`report.accepted` …) or the audit action (`contact.read` …). */
  action: string;
  reportId: number | null;
  publicId: string | null;
  detail: Record<string, unknown> | null;
}

export interface TrailFilter {
  userId?: number;
  reportId?: number;
  action?: string;
  since?: Date;
  until?: Date;
}

/** The position after an entry: time, then source, then id, all descending. */
export interface TrailCursor {
  /** The stored instant as Postgres prints it (microseconds and offset), so a page never skips or repeats. */
  at: string;
  source: 'event' | 'audit';
  id: number;
}

function branchWhere(f: TrailFilter, cols: { user: string; report: string; action: string; at: string }): SQL {
  const parts: SQL[] = [sql`true`];
  if (f.userId !== undefined) parts.push(sql`${sql.raw(cols.user)} = ${f.userId}`);
  if (f.reportId !== undefined) parts.push(sql`${sql.raw(cols.report)} = ${f.reportId}`);
  if (f.action !== undefined) parts.push(sql`${sql.raw(cols.action)} = ${f.action}`);
  if (f.since) parts.push(sql`${sql.raw(cols.at)} >= ${f.since.toISOString()}::timestamptz`);
  if (f.until) parts.push(sql`${sql.raw(cols.at)} < ${f.until.toISOString()}::timestamptz`);
  return and(parts);
}

export async function auditTrail(
  db: Db,
  f: TrailFilter,
  page: { limit: number; after?: TrailCursor },
): Promise<{ items: TrailEntry[]; next: TrailCursor | null }> {
  const after = page.after
    ? sql`(t.at, t.source, t.id) < (${page.after.at}::timestamptz, ${page.after.source}, ${page.after.id})`
    : sql`true`;
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select t.*, t.at::text as at_key, u.name as user_name, r.public_id from (
        select 'event' as source, e.id, e.at, e.actor_user_id as user_id, e.actor_role as role,
          e.type as action, e.report_id, null::jsonb as detail
        from events e
        where e.actor_user_id is not null
          and ${branchWhere(f, { user: 'e.actor_user_id', report: 'e.report_id', action: 'e.type', at: 'e.at' })}
        union all
        select 'audit', a.id, a.at, a.user_id, a.role, a.action, a.report_id, a.detail
        from audit_log a
        where ${branchWhere(f, { user: 'a.user_id', report: 'a.report_id', action: 'a.action', at: 'a.at' })}
      ) t
      left join users u on u.id = t.user_id
      left join reports r on r.id = t.report_id
      where ${after}
      order by t.at desc, t.source desc, t.id desc
      limit ${page.limit + 1}`),
  );
  const keys = rows.map((r) => String(r.at_key));
  const items = rows.map(
    (r): TrailEntry => ({
      source: r.source === 'event' ? 'event' : 'audit',
      id: Number(r.id),
      at: toDate(r.at)!,
      userId: r.user_id === null ? null : Number(r.user_id),
      userName: (r.user_name as string | null) ?? null,
      role: (r.role as Role | null) ?? null,
      action: String(r.action),
      reportId: r.report_id === null ? null : Number(r.report_id),
      publicId: (r.public_id as string | null) ?? null,
      detail:
        typeof r.detail === 'string' ? JSON.parse(r.detail) : ((r.detail as Record<string, unknown> | null) ?? null),
    }),
  );
  const more = items.length > page.limit;
  if (more) items.pop();
  const last = items[items.length - 1];
  return {
    items,
    next: more && last ? { at: keys[items.length - 1]!, source: last.source, id: last.id } : null,
  };
}
