import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_BOUNDS } from '../../db/pool';
import { findPgBin, startThrowawayCluster, type ThrowawayCluster } from '../../db/throwawayCluster';
import { eventIds, openSse, reachedId, type SseMessage, type SseStream } from '../sseClient';
import { reportBody } from '../testing';
import {
  type ApiProcess,
  operatorHeaders,
  startApiProcess,
  stopApiProcess,
  type Timed,
  timed,
  truth,
  until,
} from './harness';

/** How long Postgres stays down: 5 s in CI; CITYDESK_FAULT_OUTAGE_MS=10000 for the 10 s. */
const OUTAGE_MS = Number(process.env.CITYDESK_FAULT_OUTAGE_MS ?? 5_000);
/** No request may take longer than our acquire bound plus scheduling slack while Postgres is down. */
const REQUEST_BOUND_MS = DB_BOUNDS.acquireTimeoutMs + 2_000;
/** /healthz is liveness and answers from memory (the bound allows for 2 busy shared cores). */
const HEALTHZ_BOUND_MS = 2_000;
/** A request that has not answered by now is a hang (and fails the bound above with room to spare). */
const HANG_MS = 30_000;
/** Writers in parallel, like a few citizens' apps filing at once. */
const WRITERS = 3;
/** Reports filed before the outage, and after recovery, before the test moves on. */
const REPORTS_AROUND_OUTAGE = 20;

type Phase = 'before' | 'down' | 'after';

interface Answer {
  phase: Phase;
  /** When it was sent (ms since epoch). */
  at: number;
  ms: number;
  status?: number;
  code?: string;
  retryAfter?: string | null;
  id?: number;
  error?: string;
}

describe.skipIf(!findPgBin())('Postgres stopped while clients stream and file', () => {
  let cluster: ThrowawayCluster;
  let api: ApiProcess;
  let headers: Record<string, string>;
  beforeAll(async () => {
    cluster = await startThrowawayCluster();
    api = await startApiProcess(cluster.url);
    headers = await operatorHeaders(cluster.url, 'outage-operator');
  }, 120_000);
  afterAll(async () => {
    if (api) await stopApiProcess(api);
    await cluster?.remove();
  });

  it('answers 503 within a bound while it is down, keeps /healthz, and recovers with every event streamed once', async () => {
    const db = truth(cluster.url);
    const streams: SseStream[] = [];
    try {
      // Two operations-centre clients that stay connected through the outage.
      for (let i = 0; i < 2; i++) streams.push(await openSse(`${api.base}/api/stream`, { headers }));

      let phase: Phase = 'before';
      let stopAt = 0;
      let startAt = 0;
      const posts: Answer[] = [];
      const healthz: Array<Timed<number>> = [];
      const readyz: Answer[] = [];
      let writing = true;
      let n = 0;
      const file = async () => {
        while (writing) {
          const p = phase;
          const at = Date.now();
          const r = await timed(async () => {
            const res = await fetch(`${api.base}/api/reports`, {
              method: 'POST',
              headers: { ...headers, 'content-type': 'application/json' },
              body: JSON.stringify(reportBody({ title: `Sự cố khi mất CSDL ${n++}` })),
              signal: AbortSignal.timeout(HANG_MS),
            });
            const body = await res.json();
            return { status: res.status, body, retryAfter: res.headers.get('retry-after') };
          });
          posts.push({
            phase: p,
            at,
            ms: r.ms,
            status: r.value?.status,
            code: r.value?.body?.error?.code,
            retryAfter: r.value?.retryAfter,
            id: r.value?.status === 201 ? r.value.body.id : undefined,
            error: r.error,
          });
          // Paced, so the outage is a few hundred requests, not a busy loop of instant 503s.
          await new Promise((res) => setTimeout(res, 20));
        }
      };
      const probe = async () => {
        while (writing) {
          healthz.push(
            await timed(
              async () => (await fetch(`${api.base}/healthz`, { signal: AbortSignal.timeout(HANG_MS) })).status,
            ),
          );
          const p = phase;
          const at = Date.now();
          const r = await timed(async () => {
            const res = await fetch(`${api.base}/readyz`, { signal: AbortSignal.timeout(HANG_MS) });
            return { status: res.status, body: await res.json() };
          });
          readyz.push({
            phase: p,
            at,
            ms: r.ms,
            status: r.value?.status,
            code: r.value?.body?.failing?.join(','),
            error: r.error,
          });
          await new Promise((res) => setTimeout(res, 50));
        }
      };
      const work = Promise.all([...Array.from({ length: WRITERS }, file), probe()]);
      const created = (after: number) => posts.filter((p) => p.status === 201 && p.at >= after).length;

      await until(async () => created(0) >= REPORTS_AROUND_OUTAGE, 20_000, 'reports filed before the outage');
      stopAt = Date.now();
      await cluster.stop();
      phase = 'down';
      // Facts, not time: a write refused with database_unavailable, and /readyz saying not ready.
      await until(
        async () =>
          posts.some((p) => p.at >= stopAt && p.status === 503) &&
          readyz.some((r) => r.at >= stopAt && r.status === 503),
        REQUEST_BOUND_MS * 2,
        'a 503 from POST and from /readyz after Postgres stopped',
      );
      // The outage's own duration is the one wait on time.
      await new Promise((r) => setTimeout(r, Math.max(0, OUTAGE_MS - (Date.now() - stopAt))));
      await cluster.start();
      startAt = Date.now();
      phase = 'after';
      await until(async () => created(startAt) >= 1, 30_000, 'a 201 after Postgres came back');
      const recoveredAt = Math.min(...posts.filter((p) => p.status === 201 && p.at >= startAt).map((p) => p.at + p.ms));
      await until(async () => created(startAt) >= REPORTS_AROUND_OUTAGE, 30_000, 'reports filed after recovery');
      writing = false;
      await work;
      await until(
        async () => (await fetch(`${api.base}/readyz`)).status === 200,
        30_000,
        '/readyz back to 200 after recovery',
      );

      // Its LISTEN connection is back (NOTIFYs reach it again, not only the follower's poll).
      await until(async () => (await db.listeners()) === 1, 10_000, 'the API listening again');

      // The process never died.
      expect(api.child.exitCode, api.output()).toBeNull();
      expect(api.child.signalCode).toBeNull();

      // Every request answered, none past the bound; while down, writes got a clear 503.
      expect(posts.filter((p) => p.error)).toEqual([]);
      const down = posts.filter((p) => p.phase === 'down');
      const maxDownMs = Math.max(...down.map((p) => p.ms));
      expect(maxDownMs).toBeLessThan(REQUEST_BOUND_MS);
      const refused = down.filter((p) => p.status !== 201);
      expect(refused.length).toBeGreaterThan(0);
      for (const p of refused) {
        expect(p).toMatchObject({ status: 503, code: 'database_unavailable' });
        expect(Number(p.retryAfter)).toBeGreaterThan(0);
      }
      expect(posts.filter((p) => p.status !== undefined && p.status >= 500 && p.status !== 503)).toEqual([]);

      // /healthz answered every time, fast; /readyz said 503 (naming the database) while down.
      expect(healthz.filter((h) => h.error || h.value !== 200)).toEqual([]);
      const maxHealthzMs = Math.max(...healthz.map((h) => h.ms));
      expect(maxHealthzMs).toBeLessThan(HEALTHZ_BOUND_MS);
      expect(readyz.filter((r) => r.error)).toEqual([]);
      const readyDown = readyz.filter((r) => r.phase === 'down');
      expect(readyDown.some((r) => r.status === 503 && r.code?.includes('database'))).toBe(true);
      const maxReadyzMs = Math.max(...readyz.map((r) => r.ms));
      expect(maxReadyzMs).toBeLessThan(REQUEST_BOUND_MS);

      // Every acknowledged report is stored with its one report.created event.
      const acked = posts.filter((p) => p.status === 201).map((p) => p.id!);
      const createdEvents = await db.createdEvents();
      expect(acked.filter((id) => createdEvents.get(id) !== 1)).toEqual([]);

      // Both clients kept their stream and got every event of the log after they joined, once, in order.
      const lastId = await db.maxEventId();
      for (const s of streams) {
        const got: SseMessage[] = await s.collect(reachedId(lastId), 20_000);
        expect(eventIds(got)).toEqual(await db.eventIdsAfter(s.joinedAt));
        const streamedCreated = new Set(
          got.filter((m) => m.event === 'report.created').map((m) => JSON.parse(m.data).report.id),
        );
        expect(acked.filter((id) => !streamedCreated.has(id))).toEqual([]);
      }

      const figures = {
        outageMs: startAt - stopAt,
        recoveryMs: recoveredAt - startAt,
        requestsWhileDown: down.length,
        maxPostMsWhileDown: Math.round(maxDownMs),
        maxReadyzMs: Math.round(maxReadyzMs),
        maxHealthzMs: Math.round(maxHealthzMs),
        acked: acked.length,
        eventsLost: 0,
      };
      console.log(`pg outage figures: ${JSON.stringify(figures)}`);
    } finally {
      for (const s of streams) s.close();
      await db.close();
    }
  }, 90_000);
});
