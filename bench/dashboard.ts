/**
 * Dashboard: the operator desk (`/`) and the wall (`/wall`) in headless Chromium, with 1,000,000
 * reports (and their ~2,000,000 events) in real Postgres.
 *
 * Setup — a fresh Postgres database loaded by bench/lib/dashboardData.ts (reports through
 * bench/analyticsData.ts, events in SQL); the dashboard built if stale (scripts/ensureDashboard.ts);
 * the API as its own process, as `npm start` runs it (`node --import tsx api/server.ts`,
 * SIMULATE=off, PORT=0); Debian's Chromium launched exactly as the browser tests launch it
 * (dashboard/e2e/browser.ts: headless, --disable-gpu, WebGL on SwiftShader). The database is
 * dropped and every child stopped at the end, also on failure.
 *
 * 1. First hexes — one cold load = a new browser context (empty cache and storage), navigation to
 *    the page, then `window.__citydeskMap.renderedHexCount()` (a picking pass over the canvas: only
 *    hexes really drawn count) polled every 100 ms; the figure is `performance.now()` in the page
 *    (ms since navigation start) at the first poll above zero. Median of 3 per page, `/` at
 *    1440×1000 and `/wall` at 1920×1080, loads interleaved with the baseline's; one unrecorded load
 *    of each first (warms Chromium's GPU process and the API). Baseline: a bare page
 *    (bench/lib/dashboardBaseline.ts, built with Vite) that fetches /api/hexes?res=7 for the same
 *    window from the same API (through a tiny static server that proxies /api) and draws it with
 *    deck.gl's H3HexagonLayer alone over no basemap, same viewport and camera, same counting rule.
 *    Each load also records the page's long tasks before its first hexes and its API requests.
 * 2. Initial JS — gzip -9 (node:zlib) of every file the built index.html loads first (`<script
 *    src>` and `<link rel=modulepreload>`; not lazy chunks, not the MapLibre worker), summed.
 *    Baseline: the same rule over a minimal Vite build of just what we use of maplibre-gl and
 *    deck.gl. Informational: all JS the desk fetched by its first hexes (lazy chunks and worker too).
 * 3. Frame times — `/` (1440×1000) loaded, first hexes, 10 s to settle; then requestAnimationFrame
 *    deltas recorded in the page (a rAF loop added by addInitScript, plus long tasks) for 60 s with
 *    no writes (baseline: idle), then for 60 s while this process POSTs 50 reports/s to
 *    /api/reports (open loop, realistic bodies) — each a `report.created` event on the page's
 *    stream. Figures: max, p99, p50, frames over 100 ms. Then, writer still on, a 5 s Chromium
 *    trace says where the main thread went (compositor readback of the WebGL canvas, script, layout).
 * 4. Memory — a fresh `/` (1440×1000), first hexes, then POSTs at BENCH_DASHBOARD_MEMORY_RATE
 *    (default 50/s) for 10 min; every 30 s a full GC in the page (CDP HeapProfiler.collectGarbage)
 *    and the renderer's counters (CDP Performance.getMetrics: JSHeapUsedSize, Nodes). Figures: heap
 *    at 1 and 10 min, slope from minute 1 to 10 (least squares), DOM nodes at 1 and 10 min.
 *    "Flat after the first minute" = that slope below 0.25 MiB/min (~360 MiB a day: a wall left on
 *    for days would show it). Baseline: the same page idle for BENCH_DASHBOARD_IDLE_MINUTES
 *    (default 2), same sampling.
 * BENCH_QUICK=1 shortens everything (1 load each, 15 s frame windows, 2 + 1 min memory).
 * For working on the bench only (not for recorded runs): BENCH_DASHBOARD_DB=URL uses an already
 * loaded database (kept), BENCH_DASHBOARD_PHASES=1,3 runs only those phases.
 * BENCH_PROFILE=DIR writes a CPU profile of the desk page during the 50/s frame window.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import postgres from 'postgres';
import { launchChromium } from '../dashboard/e2e/browser';
import { loadCityPack } from '../seeds/packs';
import { benchDatabase } from './lib/db';
import { loadDashboardDataset } from './lib/dashboardData';
import { buildBaselines, gzipSize, initialJs, staticWithProxy } from './lib/dashboardBaseline';
import {
  type ApiProcess,
  FRAME_RECORDER,
  type FirstHexes,
  type FrameStats,
  type MainThreadSplit,
  type MemorySample,
  TRACE_CATEGORIES,
  firstHexes,
  sampleMemory,
  slopePerMinute,
  startApiProcess,
  startFrames,
  startWriter,
  stopFrames,
  summariseTrace,
  waitForHexes,
} from './lib/dashboardBrowser';
import { cpuByCommand, machineCpu, snapshotAll } from './lib/proc';
import { reportPool } from './lib/reportPool';
import { type BenchResult, type Figure, machineInfo, ratioOf } from './lib/results';
import { round, sleep } from './lib/stats';

const QUICK = process.env.BENCH_QUICK === '1';
const REPORTS = Number(process.env.BENCH_DASHBOARD_REPORTS) || 1_000_000;
const LOADS = QUICK ? 1 : 3;
const FRAME_SECONDS = QUICK ? 15 : 60;
const SETTLE_MS = 10_000;
const TRACE_SECONDS = 5;
const EVENT_RATE = 50;
const MEMORY_RATE = Number(process.env.BENCH_DASHBOARD_MEMORY_RATE) || 50;
const MEMORY_MINUTES = QUICK ? 2 : Number(process.env.BENCH_DASHBOARD_MEMORY_MINUTES) || 10;
const IDLE_MINUTES = QUICK ? 1 : Number(process.env.BENCH_DASHBOARD_IDLE_MINUTES) || 2;
const SAMPLE_MS = 30_000;
const PHASES = new Set((process.env.BENCH_DASHBOARD_PHASES ?? '1,2,3,4').split(',').map((p) => p.trim()));

const TARGET_FIRST_HEXES_MS = 3_000;
const TARGET_INITIAL_JS_KB = 700;
const TARGET_FRAME_MS = 100;
/** "Flat": under this growth per minute of the GC'd JS heap, from minute 1 on. */
const TARGET_SLOPE_MIB_PER_MIN = 0.25;

const DESK = {
  path: '/',
  viewport: { width: 1440, height: 1000 },
  view: { lng: 105.84, lat: 21.02, zoom: 10.6 },
  windowMs: 7 * 86_400_000,
};
const WALL = {
  path: '/wall',
  viewport: { width: 1920, height: 1080 },
  view: { lng: 105.7, lat: 21.0, zoom: 9.2 },
  windowMs: 86_400_000,
};

const median = (xs: number[]) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** CPU used over a stretch: whole machine, and by process group (% of one core). */
function cpuWindow(api: ApiProcess) {
  const m0 = machineCpu();
  const s0 = snapshotAll();
  const t0 = performance.now();
  return () => {
    const m1 = machineCpu();
    const wall = performance.now() - t0;
    const by = cpuByCommand(s0, snapshotAll(), wall, { [api.pid]: 'api', [process.pid]: 'bench+writer' });
    const machine = Math.round(((m1.busyMs - m0.busyMs) / (m1.totalMs - m0.totalMs)) * 100);
    return {
      machine,
      by,
      text: `machine ${machine}% busy; by process (% of one core): ${by.map(([k, v]) => `${k} ${v}`).join(', ')}`,
    };
  };
}

async function eventCount(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [{ n }] = await sql<{ n: string }[]>`select coalesce(max(id), 0) as n from events`;
    return Number(n);
  } finally {
    await sql.end();
  }
}

async function countRows(url: string): Promise<{ reports: number; events: number }> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [r] = await sql<{ reports: string; events: string }[]>`
      select (select count(*) from reports) as reports, (select count(*) from events) as events`;
    return { reports: Number(r.reports), events: Number(r.events) };
  } finally {
    await sql.end();
  }
}

function baselineUrl(base: string, v: typeof DESK) {
  const since = new Date(Date.now() - v.windowMs).toISOString();
  return `${base}/?res=7&since=${encodeURIComponent(since)}&lng=${v.view.lng}&lat=${v.view.lat}&zoom=${v.view.zoom}`;
}

export async function runDashboard(): Promise<BenchResult> {
  process.env.DATABASE_URL ||= 'postgres://postgres@127.0.0.1:5432/test';
  const machine = await machineInfo(process.env.DATABASE_URL);
  const notes: string[] = [];
  const figures: Figure[] = [];
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  const onSignal = () => {
    void (async () => {
      for (const c of cleanups.reverse())
        await Promise.resolve()
          .then(c)
          .catch(() => {});
      process.exit(130);
    })();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    // ---------- setup ----------
    console.log('dashboard: building the dashboard (if stale) and the baselines …');
    await import('../scripts/ensureDashboard');
    const builds = await buildBaselines();
    cleanups.push(() => rmSync(builds.dir, { recursive: true, force: true }));

    let db: { url?: string };
    let data: Awaited<ReturnType<typeof loadDashboardDataset>>;
    if (process.env.BENCH_DASHBOARD_DB) {
      db = { url: process.env.BENCH_DASHBOARD_DB };
      data = { ...(await countRows(db.url!)), reportSeconds: 0, eventSeconds: 0 };
      notes.push(`DEVELOPMENT RUN on an existing database (BENCH_DASHBOARD_DB), not a recorded result.`);
    } else {
      const fresh = await benchDatabase();
      cleanups.push(() => fresh.drop());
      db = fresh;
      console.log(`dashboard: loading ${REPORTS.toLocaleString('en')} reports and their events into ${fresh.url} …`);
      data = await loadDashboardDataset(fresh, REPORTS);
    }
    console.log(
      `dashboard: ${data.reports} reports in ${round(data.reportSeconds, 0)} s, ${data.events} events in ${round(data.eventSeconds, 0)} s`,
    );

    const t0 = performance.now();
    const api = await startApiProcess(db.url!);
    cleanups.push(() => api.stop());
    const apiStartS = round((performance.now() - t0) / 1000, 1);
    const bare = await staticWithProxy(builds.hexpageDist, api.port, api.session.headers);
    cleanups.push(() => bare.close());
    const { browser, close } = await launchChromium();
    cleanups.push(close);
    const pack = await loadCityPack('hanoi');
    const bodies = reportPool(pack, 5_000, 20_260_301).map((b) => Buffer.from(JSON.stringify(b)));
    let bodyOffset = 0;
    notes.push(
      `Data: ${data.reports.toLocaleString('en')} reports over 30 days (bench/analyticsData.ts, ${round(data.reportSeconds, 0)} s) and ${data.events.toLocaleString('en')} events (one report.created each + the latest transition, bench/lib/dashboardData.ts, ${round(data.eventSeconds, 0)} s). API (node --import tsx api/server.ts, SIMULATE=off) listening ${apiStartS} s after spawn (its analytics mirror loads every report first).`,
    );

    if (PHASES.size < 4)
      notes.push(`Only phases ${[...PHASES].join(', ')} run (BENCH_DASHBOARD_PHASES): not a recorded result.`);
    // ---------- 1. first hexes ----------
    if (PHASES.has('1')) await phaseFirstHexes(browser, api, bare.base, figures, notes);
    // ---------- 2. initial JS ----------
    if (PHASES.has('2')) phaseSize(builds.sizeDist, figures, notes);
    // ---------- 3. frames ----------
    if (PHASES.has('3')) bodyOffset = await phaseFrames(browser, api, bodies, bodyOffset, db.url!, figures, notes);
    // ---------- 4. memory ----------
    if (PHASES.has('4')) await phaseMemory(browser, api, bodies, bodyOffset, db.url!, figures, notes);

    notes.push(
      `Machine: ${machine.cores} cores shared with other tenants, no GPU: Chromium draws WebGL on SwiftShader (software), so every deck.gl/MapLibre redraw costs main-thread and raster CPU that a wall PC with any GPU would not pay; the API, Postgres, Chromium and this bench share the same cores.`,
    );
    return { name: 'dashboard', date: new Date().toISOString(), machine, figures, notes };
  } finally {
    for (const c of cleanups.reverse()) {
      try {
        await c();
      } catch (e) {
        console.error(`dashboard: cleanup failed: ${e instanceof Error ? e.message : e}`);
      }
    }
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

const loadText = (x: FirstHexes) =>
  `${x.ms} ms (${x.hexes} hexes; main thread in ${x.longTasks.count} long tasks for ${x.longTasks.total} ms, longest ${x.longTasks.max} ms)`;

async function phaseFirstHexes(
  browser: Browser,
  api: ApiProcess,
  bareBase: string,
  figures: Figure[],
  notes: string[],
) {
  const views = [
    { name: '/', v: DESK },
    { name: '/wall', v: WALL },
  ];
  const results = new Map<string, { ours: FirstHexes[]; base: FirstHexes[]; errors: string[] }>();
  for (const { name } of views) results.set(name, { ours: [], base: [], errors: [] });
  const cpu = cpuWindow(api);
  console.log('dashboard: first hexes (warm-up loads) …');
  for (const { v } of views) {
    await firstHexes(browser, api.base + v.path, v.viewport, undefined, [api.session.cookie]).catch(() => null);
    await firstHexes(browser, baselineUrl(bareBase, v), v.viewport).catch(() => null);
  }
  for (let i = 0; i < LOADS; i++) {
    for (const { name, v } of views) {
      const r = results.get(name)!;
      console.log(`dashboard: first hexes ${name} load ${i + 1}/${LOADS} …`);
      try {
        r.ours.push(await firstHexes(browser, api.base + v.path, v.viewport, undefined, [api.session.cookie]));
      } catch (e) {
        r.errors.push(`ours: ${e instanceof Error ? e.message : e}`);
      }
      try {
        r.base.push(await firstHexes(browser, baselineUrl(bareBase, v), v.viewport));
      } catch (e) {
        r.errors.push(`baseline: ${e instanceof Error ? e.message : e}`);
      }
    }
  }
  const used = cpu();
  for (const { name, v } of views) {
    const r = results.get(name)!;
    const ours = median(r.ours.map((x) => x.ms));
    const base = median(r.base.map((x) => x.ms));
    figures.push({
      figure: `first hexes ${name} (${v.viewport.width}×${v.viewport.height}), median of ${LOADS} cold loads (of those that drew)`,
      unit: 'ms',
      ours,
      baseline: base,
      ratio: ratioOf(ours, base),
      target: `≤ ${TARGET_FIRST_HEXES_MS}`,
      met: ours !== null && r.ours.length === LOADS && ours <= TARGET_FIRST_HEXES_MS,
    });
    const failed = r.errors.filter((e) => e.startsWith('ours')).length;
    figures.push({
      figure: `first hexes ${name}: cold loads with no hexes drawn within 60 s`,
      unit: 'loads',
      ours: failed,
      baseline: r.errors.length - failed,
      ratio: null,
      target: '0',
      met: failed === 0,
    });
    const slowest = [...r.ours].sort((a, b) => a.ms - b.ms)[Math.floor(r.ours.length / 2)];
    const reqs = slowest ? slowest.requests.map((q) => `${q.url} ${q.start}→${q.end}`).join(', ') : '';
    notes.push(
      `First hexes ${name}: ours ${r.ours.map(loadText).join(', ')}; baseline ${r.base.map(loadText).join(', ')}.` +
        (reqs ? ` Median load's API requests before its first hexes (ms from navigation start): ${reqs}.` : '') +
        (r.errors.length ? ` Failures: ${r.errors.join('; ')}` : '') +
        (r.ours.some((x) => x.errors.length)
          ? ` Page errors: ${[...new Set(r.ours.flatMap((x) => x.errors))].slice(0, 3).join(' | ')}.`
          : ''),
    );
  }
  notes.push(`CPU during the first-hexes loads: ${used.text}.`);
  // All JS the desk fetched by its first hexes (lazy chunks and the worker included).
  const desk = results.get('/')!.ours[0];
  if (desk) {
    const dist = join(process.cwd(), 'dist/dashboard');
    const files = [...new Set(desk.js.filter((p) => p.startsWith('/assets/')))];
    const gz = files.reduce((a, f) => {
      try {
        return a + gzipSize(readFileSync(join(dist, f)));
      } catch {
        return a;
      }
    }, 0);
    figures.push({
      figure: 'JS fetched by the desk before its first hexes (incl. lazy chunks and MapLibre worker), gzip',
      unit: 'KB',
      ours: round(gz / 1000, 1),
      baseline: null,
      ratio: null,
      target: null,
      met: null,
    });
    notes.push(`JS the desk fetched before its first hexes: ${files.join(', ')}.`);
  }
}

function phaseSize(sizeDist: string, figures: Figure[], notes: string[]) {
  const ours = initialJs(join(process.cwd(), 'dist/dashboard'));
  const base = initialJs(sizeDist);
  const kb = (b: number) => round(b / 1000, 1)!;
  figures.push({
    figure: 'initial JS (script + modulepreload), gzip -9',
    unit: 'KB',
    ours: kb(ours.gzip),
    baseline: kb(base.gzip),
    ratio: ratioOf(ours.gzip, base.gzip),
    target: `≤ ${TARGET_INITIAL_JS_KB}`,
    met: ours.gzip / 1000 <= TARGET_INITIAL_JS_KB,
  });
  notes.push(
    `Initial JS, ours: ${ours.files.map((f) => `${f.file} ${kb(f.bytes)} KB → ${kb(f.gzip)} KB`).join(', ')}. ` +
      `Baseline (maplibre-gl Map + controls + worker URL, deck.gl MapboxOverlay + H3HexagonLayer, GeoJsonLayer, ScatterplotLayer, TextLayer, nothing else; Vite build, same rule): ${base.files
        .map((f) => `${f.file} ${kb(f.bytes)} KB → ${kb(f.gzip)} KB`)
        .join(', ')}. KB = 1000 bytes.`,
  );
}

async function openSettled(
  browser: Browser,
  api: ApiProcess,
  recorder: boolean,
): Promise<{ page: Page; close(): Promise<void> }> {
  const context = await browser.newContext({ viewport: DESK.viewport });
  await context.addCookies([api.session.cookie]);
  if (recorder) await context.addInitScript(FRAME_RECORDER);
  const page = await context.newPage();
  await page.goto(api.base + DESK.path, { waitUntil: 'commit', timeout: 60_000 });
  await waitForHexes(page, 120_000);
  await sleep(SETTLE_MS);
  return { page, close: () => context.close() };
}

function frameFigures(label: string, ours: FrameStats | null, base: FrameStats | null, figures: Figure[]) {
  const pick = (s: FrameStats | null, k: keyof FrameStats) => (s ? (s[k] as number | null) : null);
  for (const [k, name, target] of [
    ['max', 'max frame time', true],
    ['p99', 'p99 frame time', false],
    ['p50', 'p50 frame time', false],
    ['over100', 'frames over 100 ms', true],
  ] as const) {
    const o = pick(ours, k);
    const b = pick(base, k);
    figures.push({
      figure: `${label}: ${name}`,
      unit: k === 'over100' ? 'frames' : 'ms',
      ours: o,
      baseline: b,
      ratio: ratioOf(o, b),
      target: target ? (k === 'max' ? `≤ ${TARGET_FRAME_MS}` : '0') : null,
      met: target ? o !== null && (k === 'max' ? o <= TARGET_FRAME_MS : o === 0) : null,
    });
  }
}

const framesText = (s: FrameStats) =>
  `${s.frames} frames in ${s.seconds} s, p50 ${s.p50} / p99 ${s.p99} / max ${s.max} ms, ${s.over100} over 100 ms (${round((s.jankShare ?? 0) * 100, 1)}% of the time), ${s.longTasks} long tasks (p50 ${s.longTaskP50}, max ${s.longTaskMax} ms)`;

async function phaseFrames(
  browser: Browser,
  api: ApiProcess,
  bodies: Buffer[],
  offset: number,
  dbUrl: string,
  figures: Figure[],
  notes: string[],
): Promise<number> {
  const label = `/ while ${EVENT_RATE} events/s arrive for ${FRAME_SECONDS} s`;
  let idle: FrameStats | null = null;
  let busy: FrameStats | null = null;
  let page: Awaited<ReturnType<typeof openSettled>> | null = null;
  try {
    console.log('dashboard: frames — loading / …');
    page = await openSettled(browser, api, true);
    console.log(`dashboard: frames — ${FRAME_SECONDS} s idle (baseline) …`);
    let ev0 = await eventCount(dbUrl);
    let cpu = cpuWindow(api);
    await startFrames(page.page);
    await sleep(FRAME_SECONDS * 1000);
    idle = await stopFrames(page.page);
    const idleCpu = cpu();
    const idleEvents = (await eventCount(dbUrl)) - ev0;
    console.log(`dashboard: frames — ${FRAME_SECONDS} s at ${EVENT_RATE} reports/s …`);
    ev0 = await eventCount(dbUrl);
    const profileDir = process.env.BENCH_PROFILE;
    const cdp = profileDir ? await page.page.context().newCDPSession(page.page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    cpu = cpuWindow(api);
    const writer = startWriter(api.port, bodies, EVENT_RATE, offset);
    await startFrames(page.page);
    await sleep(FRAME_SECONDS * 1000);
    busy = await stopFrames(page.page);
    // Where the main thread goes with events flowing: a short Chromium trace after the window.
    let split: MainThreadSplit | null = null;
    try {
      await browser.startTracing(page.page, { categories: TRACE_CATEGORIES });
      await sleep(TRACE_SECONDS * 1000);
      split = summariseTrace(await browser.stopTracing(), TRACE_SECONDS);
    } catch (e) {
      console.error(`dashboard: trace failed: ${e instanceof Error ? e.message : e}`);
    }
    const w = await writer.stop();
    const busyCpu = cpu();
    offset += w.sent;
    if (cdp && profileDir) {
      const { profile } = await cdp.send('Profiler.stop');
      mkdirSync(profileDir, { recursive: true });
      const file = join(profileDir, `dashboard-desk-${Date.now()}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      console.log(`dashboard: page CPU profile in ${file}`);
    }
    const busyEvents = (await eventCount(dbUrl)) - ev0;
    if (split) {
      notes.push(
        `Main thread of / during a ${split.seconds} s Chromium trace right after the ${EVENT_RATE}/s window (writer still on): busy ${split.busyMs} ms, of which ${split.readbackMs} ms waiting in the compositor commit for the GPU process (GLES2::ReadPixels: the software compositor reads the WebGL canvas back, so it waits for SwiftShader to finish drawing the frame), ${split.scriptMs} ms running JavaScript, ${split.layoutPaintMs} ms style/layout/paint; ${split.commits} commits.`,
      );
    }
    notes.push(
      `Frames, / idle (baseline, ${idleEvents} events from the overdue sweep): ${framesText(idle)}; CPU ${idleCpu.text}.`,
      `Frames, / at ${EVENT_RATE}/s: ${framesText(busy)}; writer ${w.created}/${w.sent} POSTs 201 (${w.perSecond}/s, latency p50 ${w.p50} / p99 ${w.p99} ms${w.firstError ? `, first error ${w.firstError}` : ''}), ${busyEvents} events logged; CPU ${busyCpu.text}.`,
    );
  } catch (e) {
    notes.push(`Frames phase failed: ${e instanceof Error ? e.message.split('\n')[0] : e}.`);
  } finally {
    await page?.close().catch(() => {});
  }
  frameFigures(label, busy, idle, figures);
  return offset;
}

async function memoryRun(
  browser: Browser,
  api: ApiProcess,
  minutes: number,
  write: { bodies: Buffer[]; offset: number; rate: number } | null,
) {
  const page = await openSettled(browser, api, false);
  try {
    const cdp = await page.page.context().newCDPSession(page.page);
    await cdp.send('Performance.enable');
    const writer = write ? startWriter(api.port, write.bodies, write.rate, write.offset) : null;
    const t0 = performance.now();
    const samples: MemorySample[] = [];
    try {
      samples.push(await sampleMemory(cdp, 0));
      for (let k = 1; k <= (minutes * 60_000) / SAMPLE_MS; k++) {
        const wait = t0 + k * SAMPLE_MS - performance.now();
        if (wait > 0) await sleep(wait);
        samples.push(await sampleMemory(cdp, (performance.now() - t0) / 1000));
        const s = samples[samples.length - 1]!;
        console.log(
          `dashboard: memory ${write ? `${write.rate}/s` : 'idle'} t=${s.t}s heap ${s.heapUsedMiB} MiB, ${s.nodes} nodes`,
        );
      }
    } catch (e) {
      await writer?.stop();
      throw e;
    }
    return { samples, writer: writer ? await writer.stop() : null };
  } finally {
    await page.close().catch(() => {});
  }
}

function memorySummary(samples: MemorySample[]) {
  const at = (sec: number) =>
    samples.reduce((best, s) => (Math.abs(s.t - sec) < Math.abs(best.t - sec) ? s : best), samples[0]!);
  const last = samples[samples.length - 1]!;
  const after1 = samples.filter((s) => s.t >= 55);
  const slope = slopePerMinute(after1.map((s) => ({ t: s.t, y: s.heapUsedMiB })));
  return { one: at(60), last, slope: round(slope, 3) };
}

async function phaseMemory(
  browser: Browser,
  api: ApiProcess,
  bodies: Buffer[],
  offset: number,
  dbUrl: string,
  figures: Figure[],
  notes: string[],
) {
  let ours: Awaited<ReturnType<typeof memoryRun>> | null = null;
  let idle: Awaited<ReturnType<typeof memoryRun>> | null = null;
  const label = `/ after ${MEMORY_MINUTES} min of ${MEMORY_RATE} events/s`;
  let oursCpu = '';
  let idleCpu = '';
  let oursEvents = 0;
  try {
    console.log(`dashboard: memory — ${MEMORY_MINUTES} min at ${MEMORY_RATE} reports/s …`);
    const ev0 = await eventCount(dbUrl);
    const cpu = cpuWindow(api);
    ours = await memoryRun(browser, api, MEMORY_MINUTES, { bodies, offset, rate: MEMORY_RATE });
    oursCpu = cpu().text;
    oursEvents = (await eventCount(dbUrl)) - ev0;
  } catch (e) {
    notes.push(`Memory phase (events) failed: ${e instanceof Error ? e.message.split('\n')[0] : e}.`);
  }
  try {
    console.log(`dashboard: memory — ${IDLE_MINUTES} min idle (baseline) …`);
    const cpu = cpuWindow(api);
    idle = await memoryRun(browser, api, IDLE_MINUTES, null);
    idleCpu = cpu().text;
  } catch (e) {
    notes.push(`Memory phase (idle) failed: ${e instanceof Error ? e.message.split('\n')[0] : e}.`);
  }
  const o = ours ? memorySummary(ours.samples) : null;
  const b = idle ? memorySummary(idle.samples) : null;
  const fig = (
    figure: string,
    unit: string,
    ov: number | null,
    bv: number | null,
    target: string | null = null,
    met: boolean | null = null,
  ) =>
    figures.push({ figure: `${label}: ${figure}`, unit, ours: ov, baseline: bv, ratio: ratioOf(ov, bv), target, met });
  fig('JS heap at 1 min (after GC)', 'MiB', o?.one.heapUsedMiB ?? null, b?.one.heapUsedMiB ?? null);
  fig(`JS heap at ${MEMORY_MINUTES} min (after GC)`, 'MiB', o?.last.heapUsedMiB ?? null, b?.last.heapUsedMiB ?? null);
  fig(
    'JS heap growth per minute after the first (least squares)',
    'MiB/min',
    o?.slope ?? null,
    b?.slope ?? null,
    `< ${TARGET_SLOPE_MIB_PER_MIN}`,
    o?.slope != null ? o.slope < TARGET_SLOPE_MIB_PER_MIN : false,
  );
  fig('DOM nodes at 1 min', 'nodes', o?.one.nodes ?? null, b?.one.nodes ?? null);
  fig(`DOM nodes at ${MEMORY_MINUTES} min`, 'nodes', o?.last.nodes ?? null, b?.last.nodes ?? null);
  const series = (r: Awaited<ReturnType<typeof memoryRun>> | null) =>
    r ? r.samples.map((s) => `${s.t}s ${s.heapUsedMiB}/${s.nodes}`).join(', ') : '—';
  notes.push(
    `Memory: a fresh / per run; every ${SAMPLE_MS / 1000} s a forced GC in the page (CDP HeapProfiler.collectGarbage), then CDP Performance.getMetrics (JSHeapUsedSize of the page's main isolate, Nodes = DOM nodes alive). ` +
      `Target "flat after the first minute": least-squares slope of the GC'd heap over the samples from 1 min on below ${TARGET_SLOPE_MIB_PER_MIN} MiB/min (at that rate a wall would gain ~360 MiB a day, noticeable within a week). ` +
      `Events run: ${MEMORY_MINUTES} min at ${MEMORY_RATE} POSTs/s${ours?.writer ? ` (${ours.writer.created}/${ours.writer.sent} 201, ${ours.writer.perSecond}/s)` : ''}, ${oursEvents} events logged; CPU ${oursCpu}. Samples (t heap MiB/nodes): ${series(ours)}. ` +
      `Baseline: the same page idle for ${IDLE_MINUTES} min (shorter, to keep the whole bench near 20 min), same sampling: ${series(idle)}; CPU ${idleCpu}.`,
  );
}
