import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPgBin, startThrowawayCluster, type ThrowawayCluster } from '../../db/throwawayCluster';
import { eventIds, openSse, reachedId, type SseMessage } from '../sseClient';
import { reportBody } from '../testing';
import { type ApiProcess, operatorHeaders, startApiProcess, stopApiProcess, truth, until } from './harness';

/** The ingest the API is killed in the middle of. */
const REPORTS = 1_000;
/** Submissions in flight at once, like the city's app relaying many citizens. */
const CONCURRENCY = 16;
/** Killed once this many reports have been acknowledged: mid-ingest, with batches in flight. */
const KILL_AFTER_ACKED = 400;

describe.skipIf(!findPgBin())('kill -9 of the API during an ingest', () => {
  let cluster: ThrowawayCluster;
  const apis: ApiProcess[] = [];
  beforeAll(async () => {
    cluster = await startThrowawayCluster();
  }, 60_000);
  afterAll(async () => {
    for (const a of apis) await stopApiProcess(a);
    await cluster?.remove();
  });

  it('keeps every acknowledged report with its one event, and a resuming client gets every later event once', async () => {
    const db = truth(cluster.url);
    try {
      const t = performance.now();
      const phases: Record<string, number> = {};
      const mark = (name: string) => (phases[name] = Math.round(performance.now() - t));
      let api = await startApiProcess(cluster.url);
      mark('started');
      apis.push(api);
      const headers = await operatorHeaders(cluster.url, 'kill-nine-operator');
      const stream = await openSse(`${api.base}/api/stream`, { headers });
      const joinedAt = stream.joinedAt;
      // Read as it comes, so what arrived before the kill is kept when the stream breaks off.
      const before: SseMessage[] = [];
      const reading = (async () => {
        try {
          for (;;) {
            const got = await stream.collect((all) => all.length > 0, 60_000);
            if (!got.length) return; // the stream ended
            before.push(...got);
          }
        } catch {
          // The process died mid-chunk: its stream is cut ("other side closed").
        }
      })();

      // Each submission has its own title, so a report stored twice would show as a repeated title.
      const acked = new Map<number, number>(); // submission → report id
      const failed: number[] = [];
      let next = 0;
      let killed = false;
      const submit = async (base: string, n: number) => {
        try {
          const res = await fetch(`${base}/api/reports`, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json' },
            body: JSON.stringify(reportBody({ title: `Báo cáo số ${n} trước khi tắt máy` })),
          });
          if (res.status === 201) acked.set(n, (await res.json()).id);
          else failed.push(n);
        } catch {
          failed.push(n); // the connection died with the process: not acknowledged
        }
      };
      const ingest = (base: string, upTo: number) =>
        Promise.all(
          Array.from({ length: CONCURRENCY }, async () => {
            // Submissions stop with the process; the rest go to its successor.
            while (next < upTo && !(killed && base === first.base)) await submit(base, next++);
          }),
        );

      // Kill it mid-ingest, the moment the ack count passes the mark.
      const first = { base: api.base, done: ingest(api.base, REPORTS) };
      await until(async () => acked.size >= KILL_AFTER_ACKED, 30_000, `${KILL_AFTER_ACKED} reports acknowledged`);
      api.child.kill('SIGKILL');
      killed = true;
      await api.exited;
      await first.done;
      mark('killed');
      const ackedBeforeKill = acked.size;

      // The client saw events until the process died; it resumes from the last id it got.
      await reading;
      stream.close();
      const lastSeen = eventIds(before).at(-1) ?? joinedAt;

      const t0 = performance.now();
      api = await startApiProcess(cluster.url);
      const startMs = performance.now() - t0;
      apis.push(api);
      mark('restarted');
      // The rest of the ingest, on the new process.
      await ingest(api.base, REPORTS);
      mark('ingested');

      const resumed = await openSse(`${api.base}/api/stream`, { headers, lastEventId: lastSeen });
      const lastId = await db.maxEventId();
      const after = await resumed.collect(reachedId(lastId), 20_000);
      resumed.close();
      mark('resumed');

      // Every acknowledged report is there, with exactly one report.created event; none stored twice.
      const reports = await db.reportIds();
      const created = await db.createdEvents();
      const ids = [...acked.values()];
      expect(ids.filter((id) => !reports.has(id))).toEqual([]);
      expect(ids.filter((id) => created.get(id) !== 1)).toEqual([]);
      expect([...created.values()].filter((n) => n !== 1)).toEqual([]);
      expect([...reports].filter((id) => !created.has(id))).toEqual([]);
      expect(await db.duplicateTitles()).toEqual([]);
      expect(new Set(ids).size).toBe(ids.length);

      // The resumed client got every event after its Last-Event-ID, once, in order; with what it
      // had before the kill, the log from when it joined, without a gap or a repeat.
      expect(eventIds(after)).toEqual(await db.eventIdsAfter(lastSeen));
      expect([...eventIds(before), ...eventIds(after)]).toEqual(await db.eventIdsAfter(joinedAt));

      console.log(
        `kill -9 figures: ${JSON.stringify({
          submitted: next,
          startMs: Math.round(startMs),
          ackedBeforeKill,
          unacknowledged: failed.length,
          acked: acked.size,
          stored: reports.size,
          eventsBeforeKill: eventIds(before).length,
          eventsAfterResume: eventIds(after).length,
          eventsLost: 0,
          phasesMs: phases,
        })}`,
      );
    } finally {
      await db.close();
    }
    // ~55 s on a quiet 2-core machine; the margin is for one shared with other test runs.
  }, 180_000);
});
