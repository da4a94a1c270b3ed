import { sql } from 'drizzle-orm';
import { pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Open311 API keys (`npm run apikey`): one per client application that files reports through
 * /open311/v2 (a partner's app, a kiosk). A key is not a staff account: it opens no staff route
 * (its prefix is not a bearer token's and the authenticator never reads this table), it only lets
 * its holder file, rate-limited per key. Stored as the SHA-256 of the key, as API tokens are.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: serial('id').primaryKey(),
    // The client's name as `npm run apikey -- add NAME` gave it; one live key per name.
    name: text('name').notNull(),
    keyHash: text('key_hash').notNull().unique(),
    createdAt: tstz('created_at').notNull(),
    lastUsedAt: tstz('last_used_at'),
    revokedAt: tstz('revoked_at'),
  },
  // One live key per client name, however many `apikey add` run at once.
  (t) => [uniqueIndex('api_keys_live_name_idx').on(t.name).where(sql`${t.revokedAt} is null`)],
);
