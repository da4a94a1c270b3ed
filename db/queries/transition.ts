import { eq } from 'drizzle-orm';
import type { Connection } from '../connect';
import { events, reports } from '../schema';
import type { TransitionChange, TransitionEventType } from '../../core/events';
import type { NewEvent, ReportRow } from '../types';
import { reportSummary } from './reportSummary';

export interface TransitionDecision {
  patch: Partial<Omit<ReportRow, 'id' | 'publicId'>>;
  eventType: TransitionEventType;
  eventPayload: TransitionChange;
  at: Date;
}

/**
 * Applies one lifecycle change under a row lock. `decide` holds the domain rules and may throw
 * (an illegal transition); then nothing is written.
 */
export async function applyTransition(
  conn: Connection,
  reportId: number,
  decide: (current: ReportRow) => TransitionDecision | Promise<TransitionDecision>,
): Promise<{ report: ReportRow; eventId: number } | null> {
  return conn.eventTransaction(async (tx, wrote) => {
    const [current] = await tx.select().from(reports).where(eq(reports.id, reportId)).for('update');
    if (!current) return null;
    const d = await decide(current);
    const [updated] = await tx
      .update(reports)
      .set({ ...d.patch, updatedAt: d.at })
      .where(eq(reports.id, reportId))
      .returning();
    const row: NewEvent = {
      at: d.at,
      type: d.eventType,
      reportId,
      districtCode: updated.districtCode,
      communeCode: updated.communeCode,
      payload: { ...d.eventPayload, report: reportSummary(updated) },
    };
    const [ev] = await tx.insert(events).values(row).returning({ id: events.id });
    wrote(ev.id);
    return { report: updated, eventId: ev.id };
  });
}
