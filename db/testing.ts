import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import postgres from 'postgres';
import { type Connection, connect, connectPglite, MIGRATIONS_DIR } from './connect';
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
    const conn = url ? await connect({ databaseUrl: url }) : await connectPglite(undefined, await migratedPglite());
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

let migrated: Promise<{ loadDataDir: Blob }> | undefined;

/**
 * An empty PGlite database with every migration applied, as a `dumpDataDir` tarball to start an
 * in-memory PGlite from: booting PGlite from scratch runs initdb (a second WASM Postgres) and then
 * the migrations, about twice the time of loading their result. Made once per machine and kept in
 * the OS temp directory under a key of the PGlite version and the migrations' text, so a changed
 * migration (or PGlite) makes a new one; connectPglite still runs the migrations after loading it.
 */
export function migratedPglite(): Promise<{ loadDataDir: Blob }> {
  migrated ??= (async () => {
    const file = join(tmpdir(), `citydesk-test-pglite-${migrationsKey()}.tar`);
    if (existsSync(file)) return { loadDataDir: new Blob([readFileSync(file)]) };
    const client = new PGlite();
    await migrate(drizzle(client) as never, { migrationsFolder: MIGRATIONS_DIR });
    await client.query('checkpoint');
    const dump = await client.dumpDataDir('none');
    await client.close();
    // Another worker may be writing it too: each writes its own file and renames it into place whole.
    const partial = `${file}.${process.pid}.${randomBytes(3).toString('hex')}`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, file);
    // Dumps of earlier migrations (42 MB each) go: a process still wanting one makes it again.
    for (const old of readdirSync(tmpdir()))
      if (/^citydesk-test-pglite-[0-9a-f]{16}\.tar$/.test(old) && join(tmpdir(), old) !== file)
        rmSync(join(tmpdir(), old), { force: true });
    return { loadDataDir: dump };
  })();
  return migrated;
}

function migrationsKey(): string {
  const hash = createHash('sha256');
  // dist/index.cjs → the package's own package.json, whose version names the PGlite build.
  const pglite = join(dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')), '..', 'package.json');
  hash.update(`pglite ${(JSON.parse(readFileSync(pglite, 'utf8')) as { version: string }).version}\n`);
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]))
      .sort();
  for (const f of files(MIGRATIONS_DIR)) hash.update(f.slice(MIGRATIONS_DIR.length)).update(readFileSync(f));
  return hash.digest('hex').slice(0, 16);
}
