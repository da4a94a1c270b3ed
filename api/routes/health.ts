import { Hono } from 'hono';
import { LAST_MIGRATION } from '../../db/stores/readiness';
import { describeDatabaseError } from '../../db/unavailable';
import type { AppDeps } from '../context';
import { DATABASE_RETRY_AFTER_S } from '../errors';
import { describeRoute } from '../openapi/describe';

/** Each /readyz question to the database gets this long; a load balancer's probe waits no longer. */
export const READY_CHECK_MS = 2_000;
/**
 * The stream follower counts as current if it has read up to the database's last event, or had
 * read everything it knew of this recently (under steady writes it is always a NOTIFY behind).
 * Twice the follower's 2 s poll, so one missed poll does not flap readiness.
 */
export const READY_STREAM_LAG_MS = 5_000;

class CheckTimeout extends Error {
  readonly code = 'CHECK_TIMEOUT';
}

/** The value, or a CheckTimeout after `ms` (the query itself goes on and ends within DB_BOUNDS). */
function bounded<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckTimeout(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

type Outcome<T> = { ok: true; value: T; ms: number } | { ok: false; error: string; ms: number };

async function attempt<T>(p: () => Promise<T>): Promise<Outcome<T>> {
  const t0 = performance.now();
  const ms = () => Math.round(performance.now() - t0);
  try {
    const value = await bounded(p(), READY_CHECK_MS);
    return { ok: true, value, ms: ms() };
  } catch (e) {
    return { ok: false, error: describeDatabaseError(e), ms: ms() };
  }
}

/**
 * `/healthz` is liveness: it answers from memory (what the process last knew of its database), so
 * a load balancer never kills a healthy process during a database outage. `/readyz` is readiness:
 * database reachable, migrations applied, stream follower current, each bounded in time.
 */
export function healthRoutes(deps: AppDeps) {
  const { store, hub } = deps;
  return new Hono()
    .get(
      '/healthz',
      describeRoute({
        summary: 'Liveness',
        tags: ['operations'],
        description:
          'Answers from memory (what the process last knew of its database), so a load balancer never kills a healthy process during a database outage.',
        responses: { 200: 'The process is alive' },
      }),
      (c) => {
        const db = store.readiness.health();
        return c.json({
          ok: true,
          database: store.kind,
          city: deps.pack.code,
          /** The last event id this process has heard committed (not asked of the database). */
          lastEventId: hub.log.knownCommitted,
          stream: hub.stats(),
          db: {
            reachable: db.reachable,
            lastOkAt: db.lastOkAt ? new Date(db.lastOkAt).toISOString() : null,
            lastFailureAt: db.lastFailureAt ? new Date(db.lastFailureAt).toISOString() : null,
            lastError: db.lastError,
            inFlight: db.inFlight,
            waiting: db.waiting,
          },
        });
      },
    )
    .get(
      '/readyz',
      describeRoute({
        summary: 'Readiness',
        tags: ['operations'],
        description: 'Database reachable, migrations applied, stream follower current, each bounded in time.',
        responses: { 200: 'Ready', 503: 'Not ready: `failing` names the checks; Retry-After' },
      }),
      async (c) => {
        const [maxId, migration] = await Promise.all([
          attempt(() => store.readiness.maxEventId()),
          attempt(() => store.readiness.lastAppliedMigration()),
        ]);
        const database =
          maxId.ok && migration.ok ? { ok: true, ms: Math.max(maxId.ms, migration.ms) } : failed(maxId, migration);
        const migrations = migration.ok
          ? { ok: migration.value >= LAST_MIGRATION.when, expected: LAST_MIGRATION.tag }
          : { ok: false, expected: LAST_MIGRATION.tag, error: 'database unreachable' };
        const position = hub.log.position;
        const sinceCaughtUpMs = Date.now() - hub.log.caughtUpAt;
        const stream = maxId.ok
          ? {
              ok: position >= maxId.value || sinceCaughtUpMs <= READY_STREAM_LAG_MS,
              position,
              lastEventId: maxId.value,
              sinceCaughtUpMs,
            }
          : { ok: false, position, sinceCaughtUpMs, error: 'database unreachable' };
        const checks = { database, migrations, stream };
        const failing = Object.entries(checks)
          .filter(([, v]) => !v.ok)
          .map(([k]) => k);
        if (!failing.length) return c.json({ ok: true, checks });
        return c.json(
          {
            ok: false,
            failing,
            checks,
            error: {
              code: 'not_ready',
              message: `Not ready: ${failing.join(', ')} / Chưa sẵn sàng: ${failing.join(', ')}`,
            },
          },
          503,
          { 'Retry-After': String(DATABASE_RETRY_AFTER_S) },
        );
      },
    );
}

function failed(...outcomes: Array<Outcome<unknown>>) {
  const bad = outcomes.find((o) => !o.ok) as { error: string; ms: number };
  return { ok: false, ms: bad.ms, error: bad.error };
}
