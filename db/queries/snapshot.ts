import { sql } from 'drizzle-orm';
import type { Db } from '../connect';
import { rowsOf } from '../rows';

/** A read and the last event it reflects: a client that resumes the stream after `asOfEventId` neither misses nor double-counts. */
export interface AsOf<T> {
  asOfEventId: number;
  value: T;
}

/**
 * Runs `read` in one read-only REPEATABLE READ transaction, after reading max(events.id) in the
 * same snapshot. Event writers commit one at a time in id order (the advisory lock in
 * db/connect.ts), each with the report rows it changes, so a snapshot that holds event N holds
 * every change of events ≤ N and none of a later one: the read is exactly the log up to N.
 * On PGlite (one connection) the transaction also keeps writers out while it runs.
 */
export async function readSnapshot<T>(db: Db, read: (tx: Db) => Promise<T>): Promise<AsOf<T>> {
  return db.transaction(
    async (tx) => {
      const [row] = rowsOf<{ max_id: unknown }>(
        await tx.execute(sql`select coalesce(max(id), 0)::int8 as max_id from events`),
      );
      const value = await read(tx as unknown as Db);
      return { asOfEventId: Number(row?.max_id ?? 0), value };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
