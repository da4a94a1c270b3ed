/**
 * Ingest: `POST /api/reports` at concurrency 32 through a real HTTP server on real Postgres.
 *
 * ours     — the API (bench/apiServer.ts) in a child process on a fresh Postgres database; this
 *            process is the load generator: 32 workers over a node:http keep-alive Agent with 32
 *            sockets, each posting a valid report (random point inside a random Hanoi commune,
 *            random category) and waiting for the 201 before the next. 2 s warm-up, then 20 s
 *            measured: reports/s = 201s completed in the window / window; latency = request
 *            start → response end, as the client sees it.
 * baseline — the same report rows (built by the same intake code ahead of time) written by
 *            postgres.js as single-row autocommit INSERTs into the real `reports` table of a second
 *            fresh database, 32 connections, 32 workers, same warm-up and window. No HTTP, no
 *            validation, no event, no NOTIFY: what Postgres alone does with these rows.
 * After the run: every report must have its `report.created` event, and as many reports as 201s.
 */
import http from 'node:http';
import postgres from 'postgres';
import { slaDueAt } from '../api/runtime';
import { buildNewReport } from '../api/domain/intake';
import type { IntakeContext } from '../api/domain/intake';
import { buildAreaIndex } from '../geo/areaIndex';
import { loadCityPack } from '../seeds/packs';
import { Child } from './lib/child';
import { benchDatabase } from './lib/db';
import { closedLoop, type LoadResult } from './lib/load';
import { cpuMs, machineCpu } from './lib/proc';
import { reportPool } from './lib/reportPool';
import { type BenchResult, type Figure, machineInfo, ratioOf } from './lib/results';
import { percentile, round } from './lib/stats';

const CONCURRENCY = 32;
const QUICK = process.env.BENCH_QUICK === '1';
const WARMUP_MS = QUICK ? 1_000 : 2_000;
const DURATION_MS = (Number(process.env.BENCH_INGEST_SECONDS) || (QUICK ? 5 : 20)) * 1000;
const POOL = 5_000;

const TARGET_RPS = 2_000;
const TARGET_P99_MS = 50;

function post(agent: http.Agent, port: number, body: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/reports',
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': body.length },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function summary(r: LoadResult) {
  return {
    perSecond: round(r.completed - r.failed > 0 ? ((r.completed - r.failed) * 1000) / r.windowMs : 0, 0)!,
    p50: round(percentile(r.latencies, 50), 2),
    p99: round(percentile(r.latencies, 99), 2),
  };
}

/** Runs fn and reports the CPU share it used of the whole machine and of the given processes. */
async function withCpu<T>(pids: Record<string, number>, fn: () => Promise<T>) {
  const m0 = machineCpu();
  const p0 = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuMs(pid)]));
  const t0 = performance.now();
  const result = await fn();
  const wall = performance.now() - t0;
  const m1 = machineCpu();
  const machine = Math.round(((m1.busyMs - m0.busyMs) / (m1.totalMs - m0.totalMs)) * 100);
  const procs = Object.fromEntries(
    Object.entries(pids).map(([k, pid]) => [k, Math.round(((cpuMs(pid) - p0[k]) / wall) * 100)]),
  );
  return { result, machine, procs };
}

async function runOurs(bodies: Buffer[]) {
  const db = await benchDatabase();
  const api = new Child('apiServer.ts', { DATABASE_URL: db.url! }, 'api');
  try {
    const { port } = await api.next<{ port: number }>('ready');
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const statuses = new Map<number, number>();
    // BENCH_PROFILE=dir: a CPU profile of the API during the run (warm-up included, startup not).
    const profileDir = process.env.BENCH_PROFILE;
    if (profileDir) await api.ask({ cmd: 'profile-start' }, 'profiling');
    const cpu = await withCpu({ api: api.pid, loadgen: process.pid }, () =>
      closedLoop({
        concurrency: CONCURRENCY,
        warmupMs: WARMUP_MS,
        durationMs: DURATION_MS,
        op: async (i) => {
          const status = await post(agent, port, bodies[i % bodies.length]);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          return status === 201;
        },
      }),
    );
    agent.destroy();
    if (profileDir) {
      const file = `${profileDir}/ingest-api-${Date.now()}.cpuprofile`;
      await api.ask({ cmd: 'profile-stop', file }, 'profiled');
      console.log(`ingest: API CPU profile in ${file}`);
    }
    const sql = postgres(db.url!, { max: 1, onnotice: () => {} });
    const [check] = await sql<{ reports: string; created: string; missing: string; commits: string }[]>`
      select (select count(*) from reports) as reports,
             (select count(distinct xmin::text) from reports) as commits,
             (select count(*) from events where type = 'report.created') as created,
             (select count(*) from reports r where not exists (
                select 1 from events e where e.report_id = r.id and e.type = 'report.created')) as missing`;
    await sql.end();
    const reports = Number(check.reports);
    const everyReportWithEvent =
      reports === Number(check.created) && Number(check.missing) === 0 && reports === cpu.result.total.ok;
    return {
      load: cpu.result,
      cpu,
      statuses,
      reports,
      created: Number(check.created),
      commits: Number(check.commits),
      everyReportWithEvent,
    };
  } finally {
    await api.stop();
    await db.drop();
  }
}

async function runBaseline(rows: Record<string, unknown>[]) {
  const db = await benchDatabase();
  try {
    // Migrations and the pack (categories are a foreign key of reports) through the real store.
    const store = await db.open();
    await store.catalog.loadPack(await loadCityPack('hanoi'));
    await store.close();
    const sql = postgres(db.url!, { max: CONCURRENCY, onnotice: () => {} });
    await sql`select 1`;
    let unique = 0;
    const cpu = await withCpu({ loadgen: process.pid }, () =>
      closedLoop({
        concurrency: CONCURRENCY,
        warmupMs: WARMUP_MS,
        durationMs: DURATION_MS,
        op: async (i) => {
          const row = { ...rows[i % rows.length], public_id: `HN-B-${++unique}` };
          await sql`insert into reports ${sql(row)}`;
          return true;
        },
      }),
    );
    const [{ n }] = await sql<{ n: string }[]>`select count(*) as n from reports`;
    await sql.end();
    return { load: cpu.result, cpu, stored: Number(n) };
  } finally {
    await db.drop();
  }
}

function snakeRow(r: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) {
    if (k === 'media') continue; // jsonb default '[]', as the bodies carry none
    out[k.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`)] = v;
  }
  return out;
}

export async function runIngest(): Promise<BenchResult> {
  process.env.DATABASE_URL ||= 'postgres://postgres@127.0.0.1:5432/test';
  const pack = await loadCityPack('hanoi');
  const pool = reportPool(pack, POOL, 20_250_701);
  const bodies = pool.map((b) => Buffer.from(JSON.stringify(b)));
  const intake: IntakeContext = {
    cityName: pack.nameEn,
    categories: new Map(pack.categories.map((c) => [c.code, c])),
    districts: buildAreaIndex(pack.areas, 'district'),
    communes: buildAreaIndex(pack.areas, 'commune'),
    dueAt: slaDueAt(pack),
  };
  const now = new Date();
  const rows = pool.map((b) => snakeRow(buildNewReport(b, intake, now, 'web').report as never));
  const machine = await machineInfo(process.env.DATABASE_URL);

  console.log(`ingest: ours (HTTP → API → Postgres), ${CONCURRENCY} concurrent, ${DURATION_MS / 1000} s …`);
  const ours = await runOurs(bodies);
  console.log(`ingest: baseline (postgres.js single-row INSERT), ${CONCURRENCY} concurrent, ${DURATION_MS / 1000} s …`);
  const base = await runBaseline(rows);

  const o = summary(ours.load);
  const b = summary(base.load);
  const figures: Figure[] = [
    {
      figure: 'reports/s (POST /api/reports, concurrency 32)',
      unit: 'reports/s',
      ours: o.perSecond,
      baseline: b.perSecond,
      ratio: ratioOf(o.perSecond, b.perSecond),
      target: `≥ ${TARGET_RPS}`,
      met: o.perSecond >= TARGET_RPS,
    },
    {
      figure: 'latency p50',
      unit: 'ms',
      ours: o.p50,
      baseline: b.p50,
      ratio: ratioOf(o.p50, b.p50),
      target: null,
      met: null,
    },
    {
      figure: 'latency p99',
      unit: 'ms',
      ours: o.p99,
      baseline: b.p99,
      ratio: ratioOf(o.p99, b.p99),
      target: `≤ ${TARGET_P99_MS}`,
      met: o.p99 !== null && o.p99 <= TARGET_P99_MS,
    },
    {
      figure: 'failed requests in window',
      unit: 'requests',
      ours: ours.load.failed,
      baseline: base.load.failed,
      ratio: null,
      target: '0',
      met: ours.load.failed === 0,
    },
    {
      figure: 'every report with its event',
      unit: 'bool',
      ours: ours.everyReportWithEvent,
      baseline: null,
      ratio: null,
      target: 'yes',
      met: ours.everyReportWithEvent,
    },
  ];
  const statusList = [...ours.statuses].map(([s, n]) => `${s}×${n}`).join(', ');
  const notes = [
    `Window ${DURATION_MS / 1000} s after ${WARMUP_MS / 1000} s warm-up; latency is request start → response end at the client. ` +
      `Load generator: this process, node:http keep-alive Agent with ${CONCURRENCY} sockets; API: bench/apiServer.ts in a child process; Postgres on the same 2 cores.`,
    `Baseline: the same report rows as postgres.js single-row autocommit INSERTs into a fresh database's reports table (no HTTP, validation, events or NOTIFY).`,
    `Consistency (ours, warm-up included): ${ours.load.total.ok} responses 201, ${ours.reports} reports stored, ${ours.created} report.created events, in ${ours.commits} transactions (${round(ours.reports / Math.max(1, ours.commits), 1)} reports per commit); statuses: ${statusList}.` +
      (ours.load.firstError ? ` First client error: ${ours.load.firstError}.` : ''),
    `CPU during ours: machine ${ours.cpu.machine}% busy; API process ${ours.cpu.procs.api}% of one core, load generator ${ours.cpu.procs.loadgen}%. ` +
      `During baseline: machine ${base.cpu.machine}% busy, client ${base.cpu.procs.loadgen}%.` +
      (base.load.firstError ? ` Baseline first error: ${base.load.firstError}.` : ''),
  ];
  return { name: 'ingest', date: new Date().toISOString(), machine, figures, notes };
}
