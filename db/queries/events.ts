import { and, asc, eq, gt, like, lte, sql } from 'drizzle-orm';
import type { Db } from '../connect';
import { rowsOf } from '../rows';
import { events, users } from '../schema';
import type { EventRow } from '../types';

export async function eventsAfter(db: Db, afterId: number, upToId: number, limit: number): Promise<EventRow[]> {
  return db
    .select()
    .from(events)
    .where(and(gt(events.id, afterId), lte(events.id, upToId)))
    .orderBy(asc(events.id))
    .limit(limit);
}

export async function eventBounds(db: Db): Promise<{ minId: number; maxId: number }> {
  const [row] = rowsOf<{ min_id: number | null; max_id: number | null }>(
    await db.execute(sql`select min(id)::int8 as min_id, max(id)::int8 as max_id from events`),
  );
  return { minId: Number(row?.min_id ?? 0), maxId: Number(row?.max_id ?? 0) };
}

export async function eventsOfReport(db: Db, reportId: number): Promise<EventRow[]> {
  return db.select().from(events).where(eq(events.reportId, reportId)).orderBy(asc(events.id));
}

/** An event of a report's history with the name of the staff member who caused it (null: the public or the system). */
export type HistoryRow = EventRow & { actorName: string | null };

/**
 * A report's lifecycle events, oldest first, each with its actor's name (the report's history for
 * staff). Other events filed under the report (its chat's messages and receipts) have their own
 * reads, and a history entry is a `report.*` event by type (api/views.ts).
 */
export async function historyOfReport(db: Db, reportId: number): Promise<HistoryRow[]> {
  const rows = await db
    .select({ event: events, actorName: users.name })
    .from(events)
    .leftJoin(users, eq(users.id, events.actorUserId))
    .where(and(eq(events.reportId, reportId), like(events.type, 'report.%')))
    .orderBy(asc(events.id));
  return rows.map((r) => ({ ...r.event, actorName: r.actorName }));
}
