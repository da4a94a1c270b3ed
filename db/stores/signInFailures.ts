import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../connect';
import { signInFailures } from '../schema';

/**
 * Failed sign-ins counted per key ('account:NAME', 'client:IP') in the database, so the slowdown
 * holds across API processes. The policy (how long a count locks) is the caller's
 * (api/auth/throttle.ts); the store only counts atomically.
 */
export interface SignInFailureStore {
  /** The latest lock among the keys, or null when none is locked at `at`. */
  lockedUntil(keys: string[], at: Date): Promise<Date | null>;
  /**
   * Counts one failure under `key` (starting again from 1 when the last one is older than
   * `forgetAfterMs`) and locks the key for `lockMsFor(count)` from `at`; returns the count and lock.
   */
  fail(
    key: string,
    at: Date,
    forgetAfterMs: number,
    lockMsFor: (failures: number) => number,
  ): Promise<{ failures: number; lockedUntil: Date | null }>;
  clear(key: string): Promise<void>;
  /** Forgets keys whose last failure is before `before` and that hold no lock then; returns how many. */
  prune(before: Date): Promise<number>;
}

export function createSignInFailureStore(db: Db): SignInFailureStore {
  return {
    async lockedUntil(keys, at) {
      if (!keys.length) return null;
      const rows = await db
        .select({ lockedUntil: signInFailures.lockedUntil })
        .from(signInFailures)
        .where(inArray(signInFailures.key, keys));
      const latest = Math.max(0, ...rows.map((r) => r.lockedUntil?.getTime() ?? 0));
      return latest > at.getTime() ? new Date(latest) : null;
    },
    async fail(key, at, forgetAfterMs, lockMsFor) {
      const forgetBefore = new Date(at.getTime() - forgetAfterMs);
      // One atomic upsert, so concurrent failures in several processes each count.
      const [row] = await db
        .insert(signInFailures)
        .values({ key, failures: 1, lastFailedAt: at })
        .onConflictDoUpdate({
          target: signInFailures.key,
          set: {
            failures: sql`case when ${signInFailures.lastFailedAt} < ${forgetBefore.toISOString()}::timestamptz then 1 else ${signInFailures.failures} + 1 end`,
            lastFailedAt: at,
          },
        })
        .returning({ failures: signInFailures.failures });
      const failures = row?.failures ?? 1;
      const lockMs = lockMsFor(failures);
      if (lockMs <= 0) return { failures, lockedUntil: null };
      const until = new Date(at.getTime() + lockMs);
      // greatest(): a slower concurrent failure with a lower count never shortens a lock.
      await db
        .update(signInFailures)
        .set({
          lockedUntil: sql`greatest(${signInFailures.lockedUntil}, ${until.toISOString()}::timestamptz)`,
        })
        .where(eq(signInFailures.key, key));
      return { failures, lockedUntil: until };
    },
    async clear(key) {
      await db.delete(signInFailures).where(eq(signInFailures.key, key));
    },
    async prune(before) {
      const gone = await db
        .delete(signInFailures)
        .where(
          and(
            lt(signInFailures.lastFailedAt, before),
            or(isNull(signInFailures.lockedUntil), lt(signInFailures.lockedUntil, before)),
          ),
        )
        .returning({ key: signInFailures.key });
      return gone.length;
    },
  };
}
