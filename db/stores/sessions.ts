import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '../connect';
import { sessions, users } from '../schema';
import type { UserRow } from './users';

export type SessionRow = typeof sessions.$inferSelect;

/** Browser sessions, keyed by the SHA-256 of the cookie's secret (api/auth/secrets.ts). */
export interface SessionStore {
  create(s: SessionRow): Promise<void>;
  /** The session and its user, whatever their state: the caller judges expiry and disabling. */
  find(id: string): Promise<{ session: SessionRow; user: UserRow } | null>;
  /** Moves last_seen_at forward (the idle clock). */
  touch(id: string, at: Date): Promise<void>;
  delete(id: string): Promise<void>;
  /** Removes sessions whose absolute end is before `at`; returns how many. */
  deleteExpired(at: Date): Promise<number>;
}

export function createSessionStore(db: Db): SessionStore {
  return {
    async create(s) {
      await db.insert(sessions).values(s);
    },
    async find(id) {
      const [row] = await db
        .select({ session: sessions, user: users })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(eq(sessions.id, id));
      return row ?? null;
    },
    async touch(id, at) {
      await db
        .update(sessions)
        .set({ lastSeenAt: at })
        .where(and(eq(sessions.id, id), lt(sessions.lastSeenAt, at)));
    },
    async delete(id) {
      await db.delete(sessions).where(eq(sessions.id, id));
    },
    async deleteExpired(at) {
      const gone = await db.delete(sessions).where(lt(sessions.expiresAt, at)).returning({ id: sessions.id });
      return gone.length;
    },
  };
}
