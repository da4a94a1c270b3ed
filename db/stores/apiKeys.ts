import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../connect';
import { apiKeys } from '../schema';

export type ApiKeyRow = typeof apiKeys.$inferSelect;

/** Open311 API keys (db/tables/open311.ts), keyed by the SHA-256 of the key (api/auth/secrets.ts). */
export interface ApiKeyStore {
  create(k: { name: string; keyHash: string; at: Date }): Promise<ApiKeyRow>;
  /** The live (unrevoked) key with this hash, or null. */
  findLive(keyHash: string): Promise<ApiKeyRow | null>;
  /** The live key of a client name, or null: one live key per name. */
  liveOf(name: string): Promise<ApiKeyRow | null>;
  touch(id: number, at: Date): Promise<void>;
  /** Revokes the live key of `name`; returns how many (0 or 1). */
  revoke(name: string, at: Date): Promise<number>;
  list(): Promise<ApiKeyRow[]>;
}

export function createApiKeyStore(db: Db): ApiKeyStore {
  return {
    async create(k) {
      const [row] = await db.insert(apiKeys).values({ name: k.name, keyHash: k.keyHash, createdAt: k.at }).returning();
      return row!;
    },
    async findLive(keyHash) {
      const [row] = await db
        .select()
        .from(apiKeys)
        .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)));
      return row ?? null;
    },
    async liveOf(name) {
      const [row] = await db
        .select()
        .from(apiKeys)
        .where(and(eq(apiKeys.name, name), isNull(apiKeys.revokedAt)));
      return row ?? null;
    },
    async touch(id, at) {
      await db.update(apiKeys).set({ lastUsedAt: at }).where(eq(apiKeys.id, id));
    },
    async revoke(name, at) {
      const done = await db
        .update(apiKeys)
        .set({ revokedAt: at })
        .where(and(eq(apiKeys.name, name), isNull(apiKeys.revokedAt)))
        .returning({ id: apiKeys.id });
      return done.length;
    },
    list: () => db.select().from(apiKeys).orderBy(asc(apiKeys.name), asc(apiKeys.id)),
  };
}
