/**
 * Fan-out: many SSE clients on one API process while reports are written at a steady rate.
 *
 * ours     — bench/apiServer.ts (the real app: Postgres LISTEN → hub → nodeSink) in a child
 *            process on a fresh Postgres database. A writer in this process submits one report at
 *            a time at the rate (10 or 100/s) through the API's own IngestBatcher over the store,
 *            as POST /api/reports does (one transaction + NOTIFY per commit; reports arriving
 *            while a commit is in flight share the next). Latency is measured from the moment the
 *            submit resolves (the commit is acknowledged) to the moment a client process reads the
 *            event's `id:` line off its socket: commit-to-client.
 * baseline — bench/bareBroadcaster.ts: bare node:http, no database; it generates events itself at
 *            the same rate with the same SSE framing and payload size and writes them straight to
 *            every response. Latency from generation to client.
 * Clients  — N connections spread over 4 child processes (bench/fanoutClients.ts), node:http
 *            keep-alive agent, parsing only `id:` lines. Everything shares the same 2 cores:
 *            the clients compete with the server, so at high load the figures are the machine's
 *            ceiling as much as the server's.
 * Per point (N clients × R events/s, 20 s of writes, then up to 10 s for the tail to arrive):
 *   delivered events/s = events received by all clients / (last arrival − first event);
 *   delivered/expected = received / (events written × clients connected at the start);
 *   clients dropped    = connections the server closed during the point;
 * Per client count N:
 *   RSS per client     = (VmRSS of the server with N clients − with N/2) / (N/2), from
 *                        /proc/<pid>/status after forced GCs once readings settle; clients connect
 *                        in two halves, each followed by 2 s of events, so both readings are of a
 *                        warm, broadcasting process. The notes also give the plain
 *                        (RSS after the point − RSS before any client) / N, and with the peak RSS.
 * Notes per point: CPU by process (other tenants included), and for ours a trace of the stream
 * path (commit → NOTIFY received → rows read → broadcast) from bench/apiServer.ts.
 */
import postgres from 'postgres';
import type { CitydeskEvent } from '../core/events';
import { buildNewReport, type IntakeContext } from '../api/domain/intake';
import { slaDueAt } from '../api/runtime';
import { reportSummary } from '../db/queries/reportSummary';
import type { Store } from '../db/store';
import type { NewReport, ReportRow } from '../db/types';
import { IngestBatcher } from '../api/domain/ingestBatcher';
import { buildAreaIndex } from '../geo/areaIndex';
import { loadCityPack } from '../seeds/packs';
import { Child } from './lib/child';
import { benchDatabase } from './lib/db';
import { cpuByCommand, cpuMs, machineCpu, rssBytes, snapshotAll } from './lib/proc';
import { type ReportBody, reportPool } from './lib/reportPool';
import { type BenchResult, type Figure, machineInfo, ratioOf } from './lib/results';
import { type Histogram, histCount, histMerge, histPercentile, percentile, round, sleep, wallNow } from './lib/stats';

const QUICK = process.env.BENCH_QUICK === '1';
const CLIENT_COUNTS = (process.env.BENCH_FANOUT_CLIENTS ?? '1000,5000,10000').split(',').map(Number);
const RATES = (process.env.BENCH_FANOUT_RATES ?? '10,100').split(',').map(Number);
const CLIENT_PROCS = 4;
const DURATION_MS = (Number(process.env.BENCH_FANOUT_SECONDS) || (QUICK ? 5 : 20)) * 1000;
const DRAIN_MAX_MS = 10_000;

const TARGET_THROUGHPUT_RATIO = 0.8;
const TARGET_POINT = { clients: 5000, rate: 10 };
const TARGET_P99_MS = 150;
const TARGET_KIB_PER_CLIENT = 20;

type Impl = 'ours' | 'bare';

interface Point {
  impl: Impl;
  clients: number;
  rate: number;
  connected: number;
  events: number;
  expected: number;
  delivered: number;
  throughput: number;
  p50: number | null;
  p99: number | null;
  dropped: number;
  rssBefore: number;
  /** After every client of this server has gone again (GC'd): the other end of the baseline. */
  rssGone: number;
  rssIdle: number;
  rssHalf: number;
  /** (settled RSS with N clients − settled RSS with N/2) / (N/2), both warm: the per-client figure. */
  marginalKib: number;
  /** (RSS after the point − RSS before any client) / N: the plain formula, fixed warm-up cost included. */
  plainKib: number;
  rssPeak: number;
  rssAfter: number;
  /** (peak RSS during the point, no GC − RSS before any client) / N: buffers in flight included. */
  peakKibPerClient: number;
  drainMs: number;
  cpu: { server: number; clients: number; machine: number };
  /** Server CPU time per delivered event, µs: less sensitive to other tenants than wall-clock figures. */
  cpuUsPerEvent: number | null;
  writer?: string;
  whoUsedCpu: Array<[string, number]>;
  hubDropped?: number;
  stages?: string;
}

interface Trace {
  notified: Array<[number, number]>;
  broadcasts: Array<{ firstId: number; lastId: number; events: number; start: number; end: number; clients: number }>;
  loop: { p50: number; p99: number; max: number };
}

/** Where ours spends commit-to-client time, from the API's trace (bench/apiServer.ts). */
function stageBreakdown(table: Array<[number, number]>, trace: Trace): string {
  const notifiedAt = new Map(trace.notified);
  const bs = [...trace.broadcasts].sort((a, b) => a.firstId - b.firstId);
  const find = (id: number) => {
    let lo = 0;
    let hi = bs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (bs[mid].lastId < id) lo = mid + 1;
      else if (bs[mid].firstId > id) hi = mid - 1;
      else return bs[mid];
    }
    return undefined;
  };
  const toNotify: number[] = [];
  const toBroadcast: number[] = [];
  for (const [id, t0] of table) {
    const n = notifiedAt.get(id);
    const b = find(id);
    if (n !== undefined) toNotify.push(n - t0);
    if (n !== undefined && b) toBroadcast.push(b.start - n);
  }
  const durations = bs.map((b) => b.end - b.start);
  const perBroadcast = bs.map((b) => b.events);
  const f = (xs: number[]) => `p50 ${round(percentile(xs, 50), 1)} / p99 ${round(percentile(xs, 99), 1)} ms`;
  return (
    `commit→NOTIFY received ${f(toNotify)}; NOTIFY→broadcast start (query the rows) ${f(toBroadcast)}; ` +
    `broadcast (write to every client) ${f(durations)}; ${bs.length} broadcasts, ${round(percentile(perBroadcast, 50), 0)} event(s) each (p50), max ${Math.max(0, ...perBroadcast)}; ` +
    `API event-loop delay p50 ${round(trace.loop.p50, 1)} / p99 ${round(trace.loop.p99, 1)} / max ${round(trace.loop.max, 1)} ms`
  );
}

/**
 * Submits one report at a time at `rate`/s for `durationMs` through the API's own IngestBatcher
 * over the store (as POST /api/reports does: reports arriving while a commit is in flight share
 * the next one); returns [reportId, committedAt] with the time each submit resolved.
 */
async function writeAtRate(batcher: IngestBatcher, next: () => NewReport, rate: number, durationMs: number) {
  const commits: Array<[number, number]> = [];
  const pending = new Set<Promise<void>>();
  let failures = 0;
  const start = wallNow();
  let written = 0;
  let maxLag = 0;
  while (wallNow() - start < durationMs) {
    maxLag = Math.max(maxLag, wallNow() - (start + (written * 1000) / rate));
    const due = Math.floor(((wallNow() - start) / 1000) * rate) + 1;
    while (written < due) {
      written++;
      const p: Promise<void> = batcher.submit(next()).then(
        (row) => void commits.push([row.id, wallNow()]),
        () => void failures++,
      );
      pending.add(p);
      void p.finally(() => pending.delete(p));
    }
    await sleep(Math.max(0, start + (written * 1000) / rate - wallNow()));
  }
  await Promise.all(pending);
  const lastCommit = Math.max(...commits.map(([, t]) => t));
  return { commits, failures, maxLag, commitSpanMs: lastCommit - start };
}

async function startClients(): Promise<Child[]> {
  const procs = Array.from({ length: CLIENT_PROCS }, (_, i) => new Child('fanoutClients.ts', {}, `clients-${i}`));
  await Promise.all(procs.map((p) => p.next('ready')));
  return procs;
}

async function drain(clients: Child[], expectedTotal: number): Promise<number> {
  const t0 = performance.now();
  let last = -1;
  let stable = 0;
  while (performance.now() - t0 < DRAIN_MAX_MS) {
    const counts = await Promise.all(clients.map((c) => c.ask<{ received: number }>({ cmd: 'count' }, 'count')));
    const total = counts.reduce((a, c) => a + c.received, 0);
    if (total >= expectedTotal) break;
    if (total === last) {
      if (++stable >= 3) break;
    } else stable = 0;
    last = total;
    await sleep(500);
  }
  return Math.round(performance.now() - t0);
}

interface Ctx {
  dbUrl: string;
  store: Store;
  batcher: IngestBatcher;
  nextReport: () => NewReport;
  payload: string;
  sql: postgres.Sql;
}

async function runServer(impl: Impl, n: number, ctx: Ctx): Promise<Point[]> {
  const server =
    impl === 'ours'
      ? new Child('apiServer.ts', { DATABASE_URL: ctx.dbUrl }, 'api')
      : new Child('bareBroadcaster.ts', { BENCH_PAYLOAD: ctx.payload }, 'bare');
  let clients: Child[] = [];
  const points: Point[] = [];
  try {
    // Ours answers the stream to signed-in staff only; the bare broadcaster needs nothing.
    const { port, headers } = await server.next<{ port: number; headers?: Record<string, string> }>('ready');
    clients = await startClients();
    await sleep(1000);
    // V8 and malloc hand freed pages back lazily: a fresh API process shrinks by ~70 MiB over its
    // first ~15 s (startup garbage), in steps. Collect every second and read until the last
    // `window` readings agree within 1 MiB.
    const settledRss = async (window: number, maxReadings: number) => {
      const readings: number[] = [];
      for (let i = 0; i < maxReadings; i++) {
        await server.ask({ cmd: 'gc' }, 'gc');
        await sleep(1000);
        readings.push(rssBytes(server.pid));
        const last = readings.slice(-window);
        if (last.length === window && Math.max(...last) - Math.min(...last) < 2 ** 20) break;
      }
      return readings[readings.length - 1];
    };
    const rssBefore = await settledRss(5, 20);
    const url = `http://127.0.0.1:${port}/api/stream`;
    // Connect in two halves, each followed by a short burst of events (so that both readings are
    // of a server that is connected, broadcasting and warm), and read the settled RSS after each:
    // the slope between them is the memory each client costs, without the fixed cost of a warm
    // process (V8's young generation regrows to ~30 MiB as soon as there is traffic).
    const burst = async () => {
      if (impl === 'ours') await writeAtRate(ctx.batcher, ctx.nextReport, 10, 2000);
      else await server.ask({ cmd: 'run', rate: 10, durationMs: 2000 }, 'ran');
      await sleep(500);
    };
    const connectPart = async (count: number) => {
      const per = Math.ceil(count / CLIENT_PROCS);
      const conns = await Promise.all(
        clients.map((c, i) =>
          c.ask<{ ok: number; failed: number }>(
            { cmd: 'connect', url, headers, count: Math.max(0, Math.min(per, count - i * per)) },
            'connected',
            300_000,
          ),
        ),
      );
      return conns.reduce((a, c) => a + c.ok, 0);
    };
    const t0 = performance.now();
    const half = Math.floor(n / 2);
    const connectedHalf = await connectPart(half);
    await burst();
    const rssHalf = await settledRss(3, 10);
    let connected = connectedHalf + (await connectPart(n - half));
    console.log(
      `fanout: ${impl} ${connected}/${n} clients connected in ${Math.round(performance.now() - t0)} ms (in two halves)` +
        (connected < n ? ` (${n - connected} failed)` : ''),
    );
    await burst();
    const rssIdle = await settledRss(3, 10);
    const marginalKib = round((rssIdle - rssHalf) / 1024 / Math.max(1, connected - connectedHalf), 1)!;
    console.log(
      `fanout: ${impl} RSS settled: before any client ${round(rssBefore / 2 ** 20, 1)} MiB, ${connectedHalf} clients ${round(rssHalf / 2 ** 20, 1)} MiB, ` +
        `${connected} clients ${round(rssIdle / 2 ** 20, 1)} MiB → ${marginalKib} KiB per client (marginal)`,
    );

    for (const rate of RATES) {
      const resets = await Promise.all(clients.map((c) => c.ask<{ open: number }>({ cmd: 'reset' }, 'reset')));
      connected = resets.reduce((a, r) => a + r.open, 0);
      let rssPeak = rssBytes(server.pid);
      const sampler = setInterval(() => {
        try {
          rssPeak = Math.max(rssPeak, rssBytes(server.pid));
        } catch {}
      }, 250);
      const all0 = snapshotAll();
      const cpu0 = { server: cpuMs(server.pid), clients: clients.map((c) => cpuMs(c.pid)), machine: machineCpu() };
      const wall0 = performance.now();
      const hubBefore =
        impl === 'ours' ? (await server.ask<{ hub: { dropped: number } }>({ cmd: 'stats' }, 'stats')).hub : null;
      if (impl === 'ours') await server.ask({ cmd: 'trace' }, 'trace');
      // BENCH_PROFILE=dir: a CPU profile of the server during each point.
      const profileDir = process.env.BENCH_PROFILE;
      if (profileDir) await server.ask({ cmd: 'profile-start' }, 'profiling');

      let table: Array<[number, number]>;
      let writer: string | undefined;
      if (impl === 'ours') {
        const [{ max }] = await ctx.sql<{ max: string | null }[]>`select max(id) as max from events`;
        const { commits, failures, commitSpanMs } = await writeAtRate(ctx.batcher, ctx.nextReport, rate, DURATION_MS);
        if (failures) console.warn(`fanout: ${failures} writes failed`);
        const [{ txns }] = await ctx.sql<{ txns: string }[]>`
          select count(distinct xmin::text) as txns from events where id > ${Number(max ?? 0)}`;
        writer = `writer committed ${commits.length} reports in ${round(commitSpanMs / 1000, 1)} s, ${txns} transactions (${failures} failed)`;
        const committedAt = new Map(commits);
        const rows = await ctx.sql<{ id: string; report_id: string }[]>`
          select id, report_id from events where id > ${Number(max ?? 0)} order by id`;
        table = rows.flatMap((r) => {
          const t = committedAt.get(Number(r.report_id));
          return t === undefined ? [] : [[Number(r.id), t] as [number, number]];
        });
      } else {
        table = (
          await server.ask<{ table: Array<[number, number]> }>(
            { cmd: 'run', rate, durationMs: DURATION_MS },
            'ran',
            DURATION_MS + 60_000,
          )
        ).table;
      }
      const expected = table.length * connected;
      const drainMs = await drain(clients, expected);
      if (profileDir) {
        const file = `${profileDir}/fanout-${impl}-${n}x${rate}-${Date.now()}.cpuprofile`;
        await server.ask({ cmd: 'profile-stop', file }, 'profiled');
        console.log(`fanout: API CPU profile in ${file}`);
      }
      const wall = performance.now() - wall0;
      const m1 = machineCpu();
      const serverCpuMs = cpuMs(server.pid) - cpu0.server;
      const cpu = {
        server: Math.round((serverCpuMs / wall) * 100),
        clients: Math.round(
          ((clients.reduce((a, c) => a + cpuMs(c.pid), 0) - cpu0.clients.reduce((a, b) => a + b, 0)) / wall) * 100,
        ),
        machine: Math.round(((m1.busyMs - cpu0.machine.busyMs) / (m1.totalMs - cpu0.machine.totalMs)) * 100),
      };
      clearInterval(sampler);
      const mine: Record<number, string> = {
        [server.pid]: `${impl} server`,
        [process.pid]: impl === 'ours' ? 'writer (bench)' : 'bench',
      };
      for (const c of clients) mine[c.pid] = 'clients';
      const whoUsedCpu = cpuByCommand(all0, snapshotAll(), wall, mine);
      const hubAfter =
        impl === 'ours' ? (await server.ask<{ hub: { dropped: number } }>({ cmd: 'stats' }, 'stats')).hub : null;
      const rssAfter = await settledRss(2, 4);
      const stages =
        impl === 'ours' ? stageBreakdown(table, await server.ask<Trace>({ cmd: 'trace' }, 'trace')) : undefined;

      const results = await Promise.all(
        clients.map((c) =>
          c.ask<{ delivered: number; hist: Histogram; lastArrival: number; dropped: number }>(
            { cmd: 'collect', table },
            'collected',
            120_000,
          ),
        ),
      );
      const hist: Histogram = {};
      let delivered = 0;
      let lastArrival = 0;
      let dropped = 0;
      for (const r of results) {
        histMerge(hist, r.hist);
        delivered += r.delivered;
        lastArrival = Math.max(lastArrival, r.lastArrival);
        dropped += r.dropped;
      }
      if (histCount(hist) !== delivered) console.warn('fanout: histogram count mismatch');
      const firstEvent = table.length ? Math.min(...table.map(([, t]) => t)) : 0;
      const spanS = Math.max(DURATION_MS, lastArrival - firstEvent) / 1000;
      const point: Point = {
        impl,
        clients: n,
        rate,
        connected,
        events: table.length,
        expected,
        delivered,
        throughput: Math.round(delivered / spanS),
        p50: round(histPercentile(hist, 50), 1),
        p99: round(histPercentile(hist, 99), 1),
        dropped,
        rssBefore,
        rssGone: 0,
        rssIdle,
        rssHalf,
        marginalKib,
        plainKib: 0,
        rssPeak,
        rssAfter,
        peakKibPerClient: 0,
        drainMs,
        cpu,
        cpuUsPerEvent: delivered ? round((serverCpuMs * 1000) / delivered, 2) : null,
        writer,
        whoUsedCpu,
        hubDropped: hubAfter && hubBefore ? hubAfter.dropped - hubBefore.dropped : undefined,
        stages,
      };
      points.push(point);
      console.log(
        `fanout: ${impl} ${n}×${rate}/s: ${point.throughput} ev/s delivered, ${delivered}/${expected}, p50 ${point.p50} p99 ${point.p99} ms, ` +
          `dropped ${dropped}, RSS +${round((rssAfter - rssBefore) / 2 ** 20, 1)} MiB, ${point.cpuUsPerEvent} µs CPU/event, cpu server ${cpu.server}% clients ${cpu.clients}% machine ${cpu.machine}%`,
      );
      if (writer) console.log(`  ${writer}`);
      console.log(`  CPU % of a core: ${whoUsedCpu.map(([k, v]) => `${k} ${v}`).join(', ')}`);
      if (stages) console.log(`  ${stages}`);
    }
    // For the notes: what is left once every client has gone again.
    await Promise.all(clients.map((c) => c.ask({ cmd: 'close' }, 'closed')));
    const rssGone = await settledRss(2, 4);
    for (const p of points) {
      p.rssGone = rssGone;
      p.plainKib = round((p.rssAfter - rssBefore) / 1024 / n, 1)!;
      p.peakKibPerClient = round((p.rssPeak - rssBefore) / 1024 / n, 1)!;
    }
    console.log(
      `fanout: ${impl} ${n} clients: RSS after they left ${round(rssGone / 2 ** 20, 1)} MiB; plain (after − before)/N: ` +
        points.map((p) => `${p.rate}/s ${p.plainKib} KiB/client (peak ${p.peakKibPerClient})`).join(', '),
    );
  } finally {
    await Promise.all(clients.map((c) => c.stop()));
    await server.stop();
  }
  return points;
}

function samplePayload(
  pack: Awaited<ReturnType<typeof loadCityPack>>,
  intake: IntakeContext,
  body: ReportBody,
): string {
  const item = buildNewReport(body, intake, new Date(), 'web');
  const row = {
    acceptedAt: null,
    resolvedAt: null,
    closedAt: null,
    endedAt: null,
    reopenedCount: 0,
    rating: null,
    duplicateOf: null,
    publishable: false,
    media: [],
    ...item.report,
    dueAt: item.report.dueAt ?? null,
    id: 123_456,
    publicId: `${pack.publicIdPrefix}-2026-123456`,
  } as ReportRow;
  const event: CitydeskEvent<'report.created'> = {
    id: 0,
    type: 'report.created',
    at: new Date().toISOString(),
    report: reportSummary(row),
  };
  return JSON.stringify(event);
}

export async function runFanout(): Promise<BenchResult> {
  process.env.DATABASE_URL ||= 'postgres://postgres@127.0.0.1:5432/test';
  const machine = await machineInfo(process.env.DATABASE_URL);
  const pack = await loadCityPack('hanoi');
  const pool = reportPool(pack, 5_000, 20_250_702);
  const intake: IntakeContext = {
    cityName: pack.nameEn,
    categories: new Map(pack.categories.map((c) => [c.code, c])),
    districts: buildAreaIndex(pack.areas, 'district'),
    communes: buildAreaIndex(pack.areas, 'commune'),
    dueAt: slaDueAt(pack),
  };
  let k = 0;
  const nextReport = () => buildNewReport(pool[k++ % pool.length], intake, new Date(), 'web');
  const payload = samplePayload(pack, intake, pool[0]);

  const db = await benchDatabase();
  const store = await db.open();
  await store.catalog.loadPack(pack);
  const sql = postgres(db.url!, { max: 2, onnotice: () => {} });
  const batcher = new IngestBatcher((items) => store.reports.insert(items));
  const ctx: Ctx = { dbUrl: db.url!, store, batcher, nextReport, payload, sql };
  const points: Point[] = [];
  try {
    for (const n of CLIENT_COUNTS) {
      for (const impl of ['ours', 'bare'] as const) points.push(...(await runServer(impl, n, ctx)));
    }
  } finally {
    await sql.end();
    await store.close();
    await db.drop();
  }

  const figures: Figure[] = [];
  const notes: string[] = [];
  for (const n of CLIENT_COUNTS) {
    for (const rate of RATES) {
      const o = points.find((p) => p.impl === 'ours' && p.clients === n && p.rate === rate)!;
      const b = points.find((p) => p.impl === 'bare' && p.clients === n && p.rate === rate)!;
      const label = `${n.toLocaleString('en')} clients × ${rate}/s`;
      const isTarget = n === TARGET_POINT.clients && rate === TARGET_POINT.rate;
      const tr = ratioOf(o.throughput, b.throughput);
      const lossless = o.delivered === o.expected && o.expected > 0;
      figures.push(
        {
          figure: `${label}: delivered events/s`,
          unit: 'events/s',
          ours: o.throughput,
          baseline: b.throughput,
          ratio: tr,
          target: `ratio ≥ ${TARGET_THROUGHPUT_RATIO}`,
          met: tr !== null && tr >= TARGET_THROUGHPUT_RATIO,
        },
        {
          figure: `${label}: delivered / expected`,
          unit: 'fraction',
          ours: round(o.expected ? o.delivered / o.expected : null, 4),
          baseline: round(b.expected ? b.delivered / b.expected : null, 4),
          ratio: null,
          target: isTarget ? '= 1 (nothing lost)' : null,
          met: isTarget ? lossless : null,
        },
        {
          figure: `${label}: latency p50`,
          unit: 'ms',
          ours: o.p50,
          baseline: b.p50,
          ratio: ratioOf(o.p50, b.p50),
          target: null,
          met: null,
        },
        {
          figure: `${label}: latency p99`,
          unit: 'ms',
          ours: o.p99,
          baseline: b.p99,
          ratio: ratioOf(o.p99, b.p99),
          target: isTarget ? `≤ ${TARGET_P99_MS}` : null,
          met: isTarget ? o.p99 !== null && o.p99 <= TARGET_P99_MS : null,
        },
        {
          figure: `${label}: clients dropped`,
          unit: 'clients',
          ours: o.dropped,
          baseline: b.dropped,
          ratio: null,
          target: isTarget ? '0' : null,
          met: isTarget ? o.dropped === 0 : null,
        },
      );
    }
    const o = points.find((p) => p.impl === 'ours' && p.clients === n)!;
    const b = points.find((p) => p.impl === 'bare' && p.clients === n)!;
    const isTarget = n === TARGET_POINT.clients;
    figures.push({
      figure: `${n.toLocaleString('en')} clients: server RSS per client (marginal)`,
      unit: 'KiB',
      ours: o.marginalKib,
      baseline: b.marginalKib,
      ratio: ratioOf(o.marginalKib, b.marginalKib),
      target: isTarget ? `≤ ${TARGET_KIB_PER_CLIENT}` : null,
      met: isTarget ? o.marginalKib <= TARGET_KIB_PER_CLIENT : null,
    });
  }
  notes.push(
    `Each point: ${DURATION_MS / 1000} s of writes at the rate, then up to ${DRAIN_MAX_MS / 1000} s for the tail; clients in ${CLIENT_PROCS} child processes (node:http, keep-alive agent) on the same 2 cores as the server and Postgres, so they compete for CPU.`,
    "ours: commit-to-client latency — from the writer's IngestBatcher.submit() resolving (reports submitted one at a time at the rate, batched as the API batches POSTs) to the client reading the id: line; bare: from generating the event to the client reading it. Payloads are the same size (a real report.created event).",
    'delivered events/s = events received by all clients / max(window, last arrival − first event).',
    'RSS per client (marginal) = (server VmRSS with N clients − VmRSS with N/2 clients) / (N/2): the clients connect in two halves, each followed by 2 s of events at 10/s, and each reading is from /proc/<pid>/status after forced GCs once 3 readings a second apart agree within 1 MiB. ' +
      'The plain formula (VmRSS after the point, clients connected − VmRSS before any client) / N is in the notes below, with the peak VmRSS sampled every 250 ms during the point: it also counts what any traffic costs a warm process whatever the number of clients (V8\'s young generation alone regrows by ~30 MiB), which at 1,000 clients is more than the clients themselves. "Before" is read once 5 readings agree (a fresh process gives back startup memory for ~15 s, so it may still read a little high). KiB = 1024 bytes.',
  );
  for (const p of points) {
    notes.push(
      `${p.impl} ${p.clients}×${p.rate}/s: ${p.events} events to ${p.connected} clients${p.writer ? ` (${p.writer})` : ''}, drain ${p.drainMs} ms; server CPU ${p.cpu.server}% of a core (${p.cpuUsPerEvent} µs per delivered event), ` +
        `client processes ${p.cpu.clients}%, machine ${p.cpu.machine}% busy; RSS (MiB) before any client ${Math.round(p.rssBefore / 2 ** 20)}, with half the clients ${Math.round(p.rssHalf / 2 ** 20)}, with all ${Math.round(p.rssIdle / 2 ** 20)}, ` +
        `peak during the point ${Math.round(p.rssPeak / 2 ** 20)}, after it ${Math.round(p.rssAfter / 2 ** 20)}, after the clients left ${Math.round(p.rssGone / 2 ** 20)}; plain (after − before)/N ${p.plainKib} KiB/client, with the peak ${p.peakKibPerClient}` +
        (p.hubDropped !== undefined ? `; hub counted ${p.hubDropped} slow clients dropped` : '') +
        `. CPU by process (% of one core): ${p.whoUsedCpu.map(([k, v]) => `${k} ${v}`).join(', ')}.` +
        (p.stages ? ` Stages: ${p.stages}.` : ''),
    );
  }
  return { name: 'fanout', date: new Date().toISOString(), machine, figures, notes };
}
