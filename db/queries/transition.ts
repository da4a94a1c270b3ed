import { eq } from 'drizzle-orm';
import type { Role } from '../../core/roles';
import type { Connection } from '../connect';
import { events, reports } from '../schema';
import type { TransitionChange, TransitionEventType } from '../../core/events';
import type { NewEvent, ReportRow } from '../types';
import { type AreaScope, and, scopeSql } from './filters';
import { reportSummary } from './reportSummary';

export interface TransitionDecision {
  patch: Partial<Omit<ReportRow, 'id' | 'publicId'>>;
  eventType: TransitionEventType;
  eventPayload: TransitionChange;
  at: Date;
}

/** Who moves the report (events.actor_*; none for the system's own moves) and within which scope. */
export interface TransitionBy {
  actor?: { userId: number; role: Role };
  /** A report outside it is not found: null, as for one that does not exist. */
  scope?: AreaScope;
}

/**
 * Applies one lifecycle change under a row lock. `decide` holds the domain rules and may throw
 * (an illegal transition); then nothing is written.
 */
export async function applyTransition(
  conn: Connection,
  reportId: number,
  decide: (current: ReportRow) => TransitionDecision | Promise<TransitionDecision>,
  by: TransitionBy = {},
): Promise<{ report: ReportRow; eventId: number } | null> {
  return conn.eventTransaction(async (tx, wrote) => {
    const [current] = await tx
      .select()
      .from(reports)
      .where(and([eq(reports.id, reportId), scopeSql(by.scope)]))
      .for('update');
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
      actorUserId: by.actor?.userId ?? null,
      actorRole: by.actor?.role ?? null,
    };
    const [ev] = await tx.insert(events).values(row).returning({ id: events.id });
    wrote(ev.id);
    return { report: updated, eventId: ev.id };
  });
}
