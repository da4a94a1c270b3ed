import { sql } from 'drizzle-orm';
import type { Connection } from '../connect';
import { rowsOf, toDate } from '../rows';
import { events, reports } from '../schema';
import type { NewEvent, ReportRow } from '../types';
import { OPEN_STATUS_SQL } from './filters';
import { reportSummary } from './reportSummary';

/** At most this many per sweep, so one transaction stays short after a long outage. */
const MAX_FLAGGED_PER_SWEEP = 2_000;

/**
 * Flags open reports whose deadline has passed and appends one `report.overdue` event each.
 * The conditional update makes it safe with several API processes: each report is flagged once.
 */
export async function flagOverdue(conn: Connection, now: Date): Promise<number> {
  return conn.eventTransaction(async (tx, wrote) => {
    const flagged = rowsOf<{ id: number }>(
      await tx.execute(sql`
        update reports set overdue_at = ${now.toISOString()}::timestamptz
        where id in (
          select id from reports
          where ${OPEN_STATUS_SQL} and due_at < ${now.toISOString()}::timestamptz and overdue_at is null
          order by due_at limit ${MAX_FLAGGED_PER_SWEEP}
          for update skip locked)
        returning id`),
    );
    if (flagged.length === 0) return 0;
    const rows = await tx
      .select()
      .from(reports)
      .where(
        sql`${reports.id} in (${sql.join(
          flagged.map((f) => sql`${f.id}`),
          sql`, `,
        )})`,
      );
    const inserted = await tx
      .insert(events)
      .values(
        rows.map(
          (r: ReportRow): NewEvent => ({
            at: now,
            type: 'report.overdue',
            reportId: r.id,
            districtCode: r.districtCode,
            communeCode: r.communeCode,
            payload: { dueAt: toDate(r.dueAt)?.toISOString() ?? null, report: reportSummary(r) },
          }),
        ),
      )
      .returning({ id: events.id });
    wrote(Math.max(...inserted.map((e) => e.id)));
    return rows.length;
  });
}
