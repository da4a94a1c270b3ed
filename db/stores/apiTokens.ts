import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../connect';
import { apiTokens, users } from '../schema';
import type { UserRow } from './users';

export type ApiTokenRow = typeof apiTokens.$inferSelect;

/** Bearer tokens of API clients, keyed by the SHA-256 of the token (api/auth/secrets.ts). */
export interface ApiTokenStore {
  create(t: { userId: number; label: string | null; tokenHash: string; at: Date }): Promise<ApiTokenRow>;
  /** The token and its user, whatever their state: the caller judges revocation and disabling. */
  find(tokenHash: string): Promise<{ token: ApiTokenRow; user: UserRow } | null>;
  touch(id: number, at: Date): Promise<void>;
  /** Revokes one token, or every live token of a user when `id` is omitted; returns how many. */
  revoke(userId: number, at: Date, id?: number): Promise<number>;
  listOf(userId: number): Promise<ApiTokenRow[]>;
}

export function createApiTokenStore(db: Db): ApiTokenStore {
  return {
    async create(t) {
      const [row] = await db
        .insert(apiTokens)
        .values({ userId: t.userId, label: t.label, tokenHash: t.tokenHash, createdAt: t.at })
        .returning();
      return row!;
    },
    async find(tokenHash) {
      const [row] = await db
        .select({ token: apiTokens, user: users })
        .from(apiTokens)
        .innerJoin(users, eq(users.id, apiTokens.userId))
        .where(eq(apiTokens.tokenHash, tokenHash));
      return row ?? null;
    },
    async touch(id, at) {
      await db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id));
    },
    async revoke(userId, at, id) {
      const done = await db
        .update(apiTokens)
        .set({ revokedAt: at })
        .where(
          and(
            eq(apiTokens.userId, userId),
            isNull(apiTokens.revokedAt),
            id === undefined ? undefined : eq(apiTokens.id, id),
          ),
        )
        .returning({ id: apiTokens.id });
      return done.length;
    },
    listOf: (userId) => db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(asc(apiTokens.id)),
  };
}
