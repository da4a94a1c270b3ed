import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { AppDeps } from '../context';

/** Request latency buckets (seconds): a cached snapshot's milliseconds up to the database bounds. */
const LATENCY_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Ingest batch sizes: one report alone up to MAX_BATCH_REPORTS (api/domain/ingestBatcher.ts). */
const BATCH_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128, 256, 500];

/**
 * The process's Prometheus metrics, one registry per app (tests start several in one process).
 * Request metrics are observed by the middleware (api/metrics/middleware.ts); the stream, the
 * database pool and the log are read at scrape time from the parts that already count them.
 */
export function createMetrics(deps: Pick<AppDeps, 'hub' | 'store' | 'batcher'>) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const { hub, store } = deps;

  const requests = new Counter({
    name: 'citydesk_http_requests_total',
    help: 'HTTP requests by route pattern, method and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'citydesk_http_request_duration_seconds',
    help: 'Time to the response headers, by route pattern and method (a stream: until it is attached)',
    labelNames: ['method', 'route'] as const,
    buckets: LATENCY_BUCKETS_S,
    registers: [registry],
  });

  new Gauge({
    name: 'citydesk_stream_clients',
    help: 'Connected stream clients by audience',
    labelNames: ['audience'] as const,
    registers: [registry],
    collect() {
      for (const [audience, n] of Object.entries(hub.clientsByAudience())) this.set({ audience }, n);
    },
  });
  // The broadcaster and the follower count these already; a scrape copies their totals.
  const fromTotal = (name: string, help: string, read: () => number) =>
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        this.reset();
        this.inc(read());
      },
    });
  fromTotal(
    'citydesk_stream_writes_total',
    'Event batches and replays written to stream clients',
    () => hub.stats().delivered,
  );
  fromTotal(
    'citydesk_stream_dropped_clients_total',
    'Stream clients dropped for reading too slowly',
    () => hub.stats().dropped,
  );
  fromTotal(
    'citydesk_stream_read_errors_total',
    'Failed reads of the event log by the stream follower',
    () => hub.stats().readErrors,
  );
  const followed = new Counter({
    name: 'citydesk_events_followed_total',
    help: 'Events read from the log by this process (rate() of it is events/s)',
    registers: [registry],
  });
  // A listener's returned promise would hold the follower (see BatchListener): return nothing.
  hub.log.onBatch((rows) => {
    followed.inc(rows.length);
  });
  new Gauge({
    name: 'citydesk_stream_lag_events',
    help: 'Committed events this process has heard of and not read yet',
    registers: [registry],
    collect() {
      this.set(Math.max(0, hub.log.knownCommitted - hub.log.position));
    },
  });

  const db = () => store.readiness.health();
  const gauge = (name: string, help: string, read: () => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read());
      },
    });
  gauge('citydesk_db_pool_size', 'Connections the database pool may open (1: embedded PGlite)', () => db().poolSize);
  gauge('citydesk_db_queries_in_flight', 'Queries and transactions sent and not settled', () => db().inFlight);
  gauge('citydesk_db_queries_waiting', 'Queries queued for a pool connection', () => db().waiting);
  gauge('citydesk_db_reachable', '1 while the database last answered, 0 since a connection failure', () =>
    db().reachable ? 1 : 0,
  );
  fromTotal(
    'citydesk_db_acquire_timeouts_total',
    'Queries answered 503 after waiting too long for a connection',
    () => db().acquireTimeouts,
  );

  const batches = new Histogram({
    name: 'citydesk_ingest_batch_size',
    help: 'Reports per ingest transaction',
    buckets: BATCH_BUCKETS,
    registers: [registry],
  });
  deps.batcher.onBatchSize((n) => batches.observe(n));

  return {
    registry,
    /** One finished request: `route` is the Hono route pattern, never the raw path. */
    observe(method: string, route: string, status: number, seconds: number) {
      requests.inc({ method, route, status: String(status) });
      latency.observe({ method, route }, seconds);
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
