import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import type { Db } from '../connect';
import { rowsOf } from '../rows';
import { events } from '../schema';
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
