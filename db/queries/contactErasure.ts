import { sql } from 'drizzle-orm';
import type { ReportStatus } from '../../core/statuses';
import type { Db } from '../connect';
import { rowsOf, toDate, toNumber } from '../rows';

/**
 * Erasing reporter contact data (Decree 13/2023/NĐ-CP): the report_contacts row goes, the report
 * and its statistics stay, and each erasure is an audit_log row ('contact.erased'). Each erasure is
 * one statement (a DELETE feeding an INSERT): the row and its log entry go together or not at all,
 * and API processes running it at once erase and log each contact exactly once, because a row
 * already deleted by one is simply not there for the other.
 */

/** No further answer is owed: the retention clock runs from closed_at (closed) or ended_at (the rest). */
export const FINISHED_STATUSES = ['closed', 'rejected', 'duplicate'] as const satisfies readonly ReportStatus[];

const finished = sql.raw(FINISHED_STATUSES.map((s) => `'${s}'`).join(', '));

/** Erases the contacts of reports finished before `closedBefore`; returns the report ids, ascending. */
export async function eraseExpiredContacts(
  db: Db,
  closedBefore: Date,
  at: Date,
  retentionDays: number,
): Promise<number[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`with erased as (
        delete from report_contacts c using reports r
        where c.report_id = r.id and r.status in (${finished})
          and coalesce(r.closed_at, r.ended_at) < ${closedBefore.toISOString()}::timestamptz
        returning c.report_id, coalesce(r.closed_at, r.ended_at) as closed_at
      )
      insert into audit_log (at, user_id, role, action, report_id, detail)
      select ${at.toISOString()}::timestamptz, null, null, 'contact.erased', report_id,
        jsonb_build_object('reason', 'retention', 'retentionDays', ${retentionDays}::int, 'closedAt', closed_at)
      from erased
      returning report_id`),
  );
  return rows.map((r) => toNumber(r.report_id)).sort((a, b) => a - b);
}

/** Erases one report's contact at the reporter's request; false if there was none (already erased, or never given). */
export async function eraseContact(db: Db, reportId: number, at: Date, by: string): Promise<boolean> {
  const rows = rowsOf(
    await db.execute(sql`with erased as (
        delete from report_contacts where report_id = ${reportId} returning report_id
      )
      insert into audit_log (at, user_id, role, action, report_id, detail)
      select ${at.toISOString()}::timestamptz, null, null, 'contact.erased', report_id,
        jsonb_build_object('reason', 'request', 'by', ${by}::text)
      from erased
      returning report_id`),
  );
  return rows.length > 0;
}

/** When the report's contact was erased, if it was. */
export async function contactErasedAt(db: Db, reportId: number): Promise<Date | null> {
  const [row] = rowsOf<Record<string, unknown>>(
    await db.execute(
      sql`select max(at) as at from audit_log where report_id = ${reportId} and action = 'contact.erased'`,
    ),
  );
  return toDate(row?.at ?? null);
}
