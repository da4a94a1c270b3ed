import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { Connection } from '../connect';
import type { DbHealthState } from '../pool';
import { rowsOf, toNumber } from '../rows';

/** The last migration in db/migrations, as drizzle's journal names it. */
export interface MigrationMark {
  tag: string;
  /** The journal's `when`: drizzle's migrator stores it as `created_at` once applied. */
  when: number;
}

const JOURNAL = new URL('../migrations/meta/_journal.json', import.meta.url);

/** Read once: the migrations shipped with this build do not change while it runs. */
export const LAST_MIGRATION: MigrationMark = (() => {
  const { entries } = JSON.parse(readFileSync(JOURNAL, 'utf8')) as { entries: MigrationMark[] };
  const last = entries[entries.length - 1];
  return { tag: last.tag, when: last.when };
})();

/** What GET /readyz asks of the database (api/readiness.ts bounds each call in time). */
export interface ReadinessStore {
  /** The `created_at` of the last migration applied, or 0 if none. */
  lastAppliedMigration(): Promise<number>;
  /** The largest committed event id (0 for an empty log). */
  maxEventId(): Promise<number>;
  /** What the process last knew of the database, without asking it (for /healthz). */
  health(): DbHealthState;
}

export function createReadinessStore(conn: Connection): ReadinessStore {
  const { db } = conn;
  return {
    async lastAppliedMigration() {
      const rows = rowsOf<{ at: unknown }>(
        await db.execute(sql`select coalesce(max(created_at), 0)::int8 as at from drizzle.__drizzle_migrations`),
      );
      return toNumber(rows[0]?.at);
    },
    async maxEventId() {
      const rows = rowsOf<{ id: unknown }>(await db.execute(sql`select coalesce(max(id), 0)::int8 as id from events`));
      return toNumber(rows[0]?.id);
    },
    health: () => conn.health(),
  };
}
