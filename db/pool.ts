import type postgres from 'postgres';
import { ACQUIRE_TIMEOUT_CODE, describeDatabaseError, isDatabaseUnavailable } from './unavailable';

/**
 * The bounds on every Postgres query, so that an outage answers 503 in seconds instead of hanging
 * requests (the probe saw 21.5 s: postgres.js backs off up to 20 s between reconnects by default,
 * and waits 30 s for a connect).
 */
export const DB_BOUNDS = {
  /** A connect that has not completed by then fails (postgres.js `connect_timeout`, seconds). */
  connectTimeoutS: 5,
  /** Longest statement, enforced by the server (`statement_timeout`); backfill pages stay far below. */
  statementTimeoutMs: 30_000,
  /** A transaction left open and idle by a vanished client releases its locks (the event lock). */
  idleInTransactionTimeoutMs: 30_000,
  /** A query still queued for a connection after this is cancelled and answered 503. */
  acquireTimeoutMs: 5_000,
  /** Longest wait between reconnect attempts (seconds), so service resumes within ~1 s of Postgres. */
  maxBackoffS: 0.5,
} as const;

/** Reconnect delay after `retries` failed connects: 50 ms doubling, at most maxBackoffS. */
export function reconnectBackoffS(retries: number): number {
  return Math.min(0.05 * 2 ** Math.max(0, retries - 1), DB_BOUNDS.maxBackoffS);
}

/** What this process knows of its database without asking it (for /healthz and /metrics). */
export interface DbHealthState {
  /** False from the first connection failure until a query succeeds again. */
  reachable: boolean;
  /** When a query last succeeded / last failed for unavailability (ms since epoch, 0 = never). */
  lastOkAt: number;
  lastFailureAt: number;
  lastError: string | null;
  /** Queries sent and not settled; of them, those still queued for a connection. */
  inFlight: number;
  waiting: number;
  /** Queries answered 503 because they waited longer than acquireTimeoutMs for a connection. */
  acquireTimeouts: number;
  poolSize: number;
}

type Pending = postgres.PendingQuery<postgres.Row[]> & { state?: unknown };

/** A database that has answered and failed nothing yet (the embedded one always looks so). */
export function initialHealth(poolSize: number): DbHealthState {
  return {
    reachable: true,
    lastOkAt: 0,
    lastFailureAt: 0,
    lastError: null,
    inFlight: 0,
    waiting: 0,
    acquireTimeouts: 0,
    poolSize,
  };
}

/**
 * Watches every query through the pool: counts those in flight and queued, cancels one that waits
 * for a connection longer than the acquire bound (postgres.js has no such bound), and remembers
 * whether the database last answered, so /healthz can report it without waiting on it.
 */
export class PoolMonitor {
  private readonly s: DbHealthState;

  constructor(poolSize: number) {
    this.s = initialHealth(poolSize);
  }

  state(): Readonly<DbHealthState> {
    return { ...this.s };
  }

  ok(): void {
    this.s.reachable = true;
    this.s.lastOkAt = Date.now();
  }

  failed(e: unknown): void {
    if (!isDatabaseUnavailable(e)) return;
    this.s.reachable = false;
    this.s.lastFailureAt = Date.now();
    this.s.lastError = describeDatabaseError(e);
  }

  /**
   * The client drizzle is given: the same postgres.js client, with `unsafe` (every drizzle query
   * outside a transaction) and `begin` (each transaction) watched.
   */
  wrap(client: postgres.Sql): postgres.Sql {
    return new Proxy(client, {
      get: (target, prop, receiver) => {
        if (prop === 'unsafe') {
          return (...args: Parameters<postgres.Sql['unsafe']>) => this.watchQuery(target.unsafe(...args) as Pending);
        }
        if (prop === 'begin') {
          return (...args: unknown[]) =>
            this.watch((target.begin as (...a: unknown[]) => Promise<unknown>).apply(target, args));
        }
        return Reflect.get(target, prop, receiver);
      },
    });
  }

  /** Counts a transaction (or any promise of a query) while it runs, and its outcome. */
  watch<T>(p: Promise<T>): Promise<T> {
    this.s.inFlight++;
    return p.then(
      (v) => {
        this.s.inFlight--;
        this.ok();
        return v;
      },
      (e) => {
        this.s.inFlight--;
        this.failed(e);
        throw e;
      },
    );
  }

  /**
   * Watches a postgres.js query without replacing it (drizzle calls `.values()` on it after this
   * returns; the query only starts on the next microtask, so chaining here does not start it early).
   */
  private watchQuery(q: Pending): Pending {
    this.s.inFlight++;
    this.s.waiting++;
    let queued = true;
    const dequeued = () => {
      if (queued) this.s.waiting--;
      queued = false;
    };
    // A query is queued until postgres.js hands it to a connection, which sets its `state`.
    const timer = setTimeout(() => {
      if (q.state) return dequeued();
      dequeued();
      this.s.acquireTimeouts++;
      // Removes it from the pool's queue and rejects it with 57014, which isDatabaseUnavailable knows.
      void q.cancel();
    }, DB_BOUNDS.acquireTimeoutMs);
    timer.unref();
    const settle = () => {
      clearTimeout(timer);
      dequeued();
      this.s.inFlight--;
    };
    void Promise.prototype.then.call(
      q,
      () => {
        settle();
        this.ok();
      },
      (e: unknown) => {
        settle();
        this.failed(e);
      },
    );
    return q;
  }
}

/** An error of our own acquire bound, for callers that wait on something other than a query. */
export class AcquireTimeout extends Error {
  readonly code = ACQUIRE_TIMEOUT_CODE;
}
