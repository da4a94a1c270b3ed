import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import type { PostgresJsSession } from 'drizzle-orm/postgres-js';
import { CommittedEvents } from './committedEvents';
import { preparingClient } from './preparedStatements';
import { DB_BOUNDS, type DbHealthState, initialHealth, PoolMonitor, reconnectBackoffS } from './pool';
import * as schema from './schema';
import type { EventRow } from './types';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** Channel that carries committed event ids (never payloads: NOTIFY is capped at 8000 bytes). */
export const EVENTS_CHANNEL = 'citydesk_events';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * A database connection with the one capability drizzle does not abstract: being told that
 * events up to some id have committed. Postgres does it with LISTEN/NOTIFY so that every API
 * process hears every writer; PGlite lives in this process, so an in-process emitter does.
 */
export interface Connection {
  kind: 'pglite' | 'postgres';
  db: Db;
  /**
   * Runs fn in a transaction that may append events. Event-writing transactions serialise on one
   * advisory lock taken first, so ids become visible in id order (a reader resuming after id N
   * can never later see a smaller id commit) and no row lock is ever held while waiting for it.
   * fn reports the largest event id it wrote; subscribers hear it only after commit.
   */
  eventTransaction<T>(fn: (tx: Db, wrote: (maxEventId: number) => void) => Promise<T>): Promise<T>;
  /**
   * The hot path's event transaction (ingest): statements known in full beforehand, so that
   * begin, each statement, the lock, the NOTIFY and commit go out together in one round trip.
   * `before` runs ahead of the lock (rows no other writer touches: the reports, their contacts),
   * `underLock` after it (the events, whose ids must commit in order): every event writer waits
   * for that lock, so the less a batch does while it holds it, the more batches per second.
   * Each statement's text is the same every time and runs as a named prepared statement (drizzle
   * sends every statement unnamed, and postgres.js then waits a describe round trip before it
   * can bind). The last statement inserts events and returns their `id`s. Resolves to each
   * statement's rows, in order (`before` then `underLock`); the first failure rolls all back.
   * `logged` turns them into the events as the log holds them, told to `committed` after commit.
   */
  eventPipeline(
    before: Statement[],
    underLock: Statement[],
    logged?: (results: Array<Array<Record<string, unknown>>>) => EventRow[],
  ): Promise<Array<Array<Record<string, unknown>>>>;
  /** Events this process committed, for its own follower (db/committedEvents.ts). */
  readonly committed: CommittedEvents;
  /** Subscribe to committed-event signals; returns the unsubscribe function. */
  onEvents(listener: (maxId: number) => void): Promise<() => Promise<void>>;
  /** What this process last knew of the database, without asking it (see db/pool.ts). */
  health(): DbHealthState;
  close(): Promise<void>;
}

/** A statement as the driver takes it: text with $n placeholders, and their values. */
export interface Statement {
  text: string;
  params: unknown[];
}

export async function connectPglite(
  dataDir?: string,
  /**
   * A data directory to start from (a `dumpDataDir` tarball) instead of running initdb: the tests'
   * cached freshly-migrated database (db/testing.ts). Migrations still run after it.
   */
  seed?: { loadDataDir: Blob },
): Promise<Connection> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = new PGlite({ dataDir, ...seed });
  await client.waitReady;
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  await migratePglite(db as never, { migrationsFolder: MIGRATIONS_DIR });
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  // Emit only after commit: the transaction registers the id, the wrapper fires it.
  const committed = new CommittedEvents();
  return {
    kind: 'pglite',
    db,
    committed,
    async eventTransaction(fn) {
      let maxId = 0;
      const result = await db.transaction(async (tx) => {
        await tx.execute(sqlLockEvents());
        return fn(tx as unknown as Db, (id) => (maxId = Math.max(maxId, id)));
      });
      if (maxId) emitter.emit('events', maxId);
      return result;
    },
    // In this process there is no round trip to save: the same transaction, statement by statement.
    async eventPipeline(before, underLock, logged) {
      const results = await db.transaction(async (tx) => {
        // drizzle's pglite session holds PGlite's transaction.
        const raw = (tx as unknown as { session: { client: Transaction } }).session.client;
        const out: Array<Array<Record<string, unknown>>> = [];
        for (const q of before) out.push((await raw.query<Record<string, unknown>>(q.text, q.params)).rows);
        await tx.execute(sqlLockEvents());
        for (const q of underLock) out.push((await raw.query<Record<string, unknown>>(q.text, q.params)).rows);
        return out;
      });
      const maxId = Math.max(0, ...(results.at(-1) ?? []).map((r) => Number(r.id)));
      // Handed over before the signal, so the follower finds them read already.
      if (logged) committed.tell(logged(results));
      if (maxId) emitter.emit('events', maxId);
      return results;
    },
    async onEvents(listener) {
      emitter.on('events', listener);
      return async () => void emitter.off('events', listener);
    },
    // In this process: it is reachable as long as the process runs.
    health: () => ({ ...EMBEDDED_HEALTH, lastOkAt: Date.now() }),
    async close() {
      emitter.removeAllListeners();
      await client.close();
    },
  };
}

/** Connections in the pool: ingest batches serialise on one lock, so a few suffice. */
const POSTGRES_POOL_SIZE = 10;

/** PGlite runs in this process: one connection, always reachable while the process is. */
const EMBEDDED_HEALTH: DbHealthState = initialHealth(1);

export async function connectPostgres(url: string): Promise<Connection> {
  const monitor = new PoolMonitor(POSTGRES_POOL_SIZE);
  const client = postgres(url, {
    max: POSTGRES_POOL_SIZE,
    onnotice: () => {},
    // Every wait bounded (db/pool.ts): an outage answers 503 in seconds, and service resumes
    // within a second of Postgres coming back. The LISTEN connection inherits these too.
    connect_timeout: DB_BOUNDS.connectTimeoutS,
    backoff: reconnectBackoffS,
    connection: {
      statement_timeout: DB_BOUNDS.statementTimeoutMs,
      idle_in_transaction_session_timeout: DB_BOUNDS.idleInTransactionTimeoutMs,
    },
    // int8 as JS number, as PGlite gives it: ids and counts stay far below 2^53.
    types: {
      bigint: { to: 20, from: [20], serialize: (x: number) => String(x), parse: (x: string) => Number(x) },
    },
  });
  // Parameterised statements run named, described once per connection (db/preparedStatements.ts).
  const db = drizzlePostgres(monitor.wrap(preparingClient(client)), { schema }) as unknown as Db;
  await migratePostgres(db as never, { migrationsFolder: MIGRATIONS_DIR });
  const listeners = new Set<(maxId: number) => void>();
  let listening: Promise<{ unlisten: () => Promise<void> }> | null = null;
  const committed = new CommittedEvents();
  return {
    kind: 'postgres',
    db,
    committed,
    async eventTransaction(fn) {
      return db.transaction(async (tx) => {
        // drizzle's postgres-js session holds the transaction's reserved postgres.js connection.
        const raw = (tx as unknown as { session: PostgresJsSession<postgres.Sql, never, never> }).session.client;
        // Without parameters, so unnamed but sent in one write with no describe round trip.
        await raw.unsafe(LOCK_EVENTS_TEXT);
        let maxId = 0;
        const result = await fn(tx as unknown as Db, (id) => (maxId = Math.max(maxId, id)));
        // Delivered at commit, one per transaction: each notifying commit takes a cluster-wide lock.
        // The id is our own integer, inlined for the same reason as the lock's key.
        if (maxId) await raw.unsafe(`select pg_notify('${EVENTS_CHANNEL}', '${Math.trunc(maxId)}')`);
        return result;
      });
    },
    eventPipeline(before, underLock, logged) {
      return monitor.watch(
        committed.track(
          (async () => {
            const c = await client.reserve();
            try {
              // Issued in order without awaiting: postgres.js pipelines them on the one connection.
              // After a failure Postgres answers each later statement "transaction aborted" and the
              // commit with ROLLBACK, so the first rejection in issue order is the cause.
              const run = (q: Statement) => c.unsafe(q.text, q.params as never[], { prepare: true });
              const issued = [
                c.unsafe('begin'),
                ...before.map(run),
                c.unsafe(LOCK_EVENTS_TEXT),
                ...underLock.map(run),
                // Under the lock the log's largest id is this transaction's last event.
                c.unsafe(NOTIFY_LOG_END_TEXT),
                c.unsafe('commit'),
              ];
              const settled = await Promise.allSettled(issued);
              const failed = settled.find((r) => r.status === 'rejected');
              if (failed) throw (failed as PromiseRejectedResult).reason;
              const rows = settled.slice(1, 1 + before.length).concat(settled.slice(2 + before.length, -2));
              const results = rows.map((r) => [...(r as PromiseFulfilledResult<Array<Record<string, unknown>>>).value]);
              if (logged) committed.tell(logged(results));
              return results;
            } finally {
              c.release();
            }
          })(),
        ),
      );
    },
    async onEvents(listener) {
      listeners.add(listener);
      // One LISTEN connection per process, shared by every subscriber.
      const tell = (maxId: number) => {
        for (const l of listeners) l(maxId);
      };
      // postgres.js re-runs LISTEN on a new connection after it loses one (retrying with the
      // backoff above until Postgres is back); NOTIFYs sent meanwhile are lost, so each time it
      // is listening again, subscribers are told the log's end and read what they missed.
      let relisten = false;
      listening ??= client.listen(
        EVENTS_CHANNEL,
        (payload) => tell(Number(payload)),
        () => {
          if (relisten) void maxEventId(client).then(tell, (e) => monitor.failed(e));
          relisten = true;
        },
      );
      await listening;
      return async () => void listeners.delete(listener);
    },
    health: () => monitor.state(),
    async close() {
      listeners.clear();
      await client.end({ timeout: 5 });
    },
  };
}

async function maxEventId(client: postgres.Sql): Promise<number> {
  const [row] = await client.unsafe('select coalesce(max(id), 0)::int8 as max_id from events');
  return Number(row.max_id);
}

/** Any constant works; it only has to be the same in every process writing events. */
const EVENTS_LOCK_KEY = 7_301_993;

/** Every event-writing transaction takes it before its events (exported for the import's COPY transactions, scripts/import/). */
export const LOCK_EVENTS_TEXT = `select pg_advisory_xact_lock(${EVENTS_LOCK_KEY})`;

/** Sent under the lock, just before commit: the log's end is then the transaction's last event. */
export const NOTIFY_LOG_END_TEXT = `select pg_notify('${EVENTS_CHANNEL}', (select max(id) from events)::text)`;

function sqlLockEvents() {
  return sql.raw(LOCK_EVENTS_TEXT);
}

export async function connect(opts: { databaseUrl?: string; dataDir?: string }): Promise<Connection> {
  return opts.databaseUrl ? connectPostgres(opts.databaseUrl) : connectPglite(opts.dataDir);
}
