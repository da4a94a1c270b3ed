import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { type Connection, connect } from './connect';
import { type Store, createStore } from './store';

export interface TestDatabase {
  name: 'pglite' | 'postgres';
  /** Postgres URL of the fresh database (postgres only). */
  url?: string;
  open(): Promise<Store>;
  /** The same, with the connection under the store: for a test that reads tables no store exposes. */
  openWithConnection(): Promise<{ store: Store; conn: Connection }>;
  drop(): Promise<void>;
}

const CITY = { publicIdPrefix: 'HN', timezone: 'Asia/Ho_Chi_Minh' };

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * A database of the test's own: in-memory PGlite always, and a freshly created Postgres database
 * when DATABASE_URL is set. Each is dropped by `drop`, so no run depends on an earlier one.
 */
export async function createTestDatabase(
  kind: 'pglite' | 'postgres',
  /** The pack's id prefix and clock, for a test of another city than Hanoi. */
  city: typeof CITY = CITY,
): Promise<TestDatabase> {
  const opened = (url?: string) => async () => {
    const conn = await connect({ databaseUrl: url });
    return { store: createStore(conn, city), conn };
  };
  if (kind === 'pglite') {
    const openWithConnection = opened();
    return {
      name: 'pglite',
      open: async () => (await openWithConnection()).store,
      openWithConnection,
      drop: async () => {},
    };
  }
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('DATABASE_URL is not set');
  const database = `citydesk_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${database}"`);
  await admin.end();
  const url = withDatabase(adminUrl, database);
  const openWithConnection = opened(url);
  return {
    name: 'postgres',
    url,
    open: async () => (await openWithConnection()).store,
    openWithConnection,
    async drop() {
      const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists "${database}" with (force)`);
      await a.end();
    },
  };
}

/** The drivers the integration suites run on: PGlite always, Postgres when configured. */
export const TEST_DRIVERS: Array<'pglite' | 'postgres'> = process.env.DATABASE_URL
  ? ['pglite', 'postgres']
  : ['pglite'];
