/**
 * The moving parts of bench/dashboard.ts: the product's API as its own process (`node --import tsx
 * api/server.ts`, as `npm start` runs it), a steady writer of reports through POST /api/reports,
 * and what the bench reads from pages in headless Chromium (first drawn hexes, frame times, heap).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { hashPassword } from '../../api/auth/password';
import { headersForNewAccount } from '../../api/auth/testAccounts';
import { openStore } from '../../db/store';
import { loadCityPack } from '../../seeds/packs';
import { percentile, round } from './stats';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ApiProcess {
  base: string;
  port: number;
  pid: number;
  /** An operator's session cookie (for the browser) and bearer token (for anything else). */
  session: { cookie: { name: string; value: string; url: string }; headers: Record<string, string> };
  child: ChildProcess;
  log(): string;
  stop(): Promise<void>;
}

/** Starts the API as `npm start` does (built dashboard served too), on Postgres, no simulation. */
export async function startApiProcess(databaseUrl: string, timeoutMs = 180_000): Promise<ApiProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'citydesk-bench-dash-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, DATABASE_URL: databaseUrl, SIMULATE: 'off' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const onData = (d: Buffer) => {
    log = (log + d.toString()).slice(-20_000);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(t);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`API did not start in ${timeoutMs / 1000} s: ${log}`)),
        timeoutMs,
      );
      const check = () => {
        const m = /http:\/\/localhost:(\d+)/.exec(log);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      };
      child.stdout!.on('data', check);
      child.stderr!.on('data', check);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`API exited (${code}) before listening: ${log}`));
      });
    });
    const base = `http://127.0.0.1:${port}`;
    const session = await signInOperator(base, databaseUrl);
    return { base, port, pid: child.pid!, session, child, log: () => log, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

const BENCH_USER = 'bench-operator';

/**
 * The desk is for signed-in staff: an operator made in the bench's database (with a password and
 * a token), signed in through POST /api/auth/signin as the dashboard's form does.
 */
async function signInOperator(base: string, databaseUrl: string): Promise<ApiProcess['session']> {
  const pack = await loadCityPack('hanoi');
  const store = await openStore({ databaseUrl, publicIdPrefix: pack.publicIdPrefix, timezone: pack.timezone });
  const password = randomBytes(18).toString('base64url');
  let headers: Record<string, string>;
  try {
    await store.users.add({
      name: BENCH_USER,
      role: 'operator',
      passwordHash: await hashPassword(password),
      at: new Date(),
    });
    headers = await headersForNewAccount(store, pack, 'operator');
  } finally {
    await store.close();
  }
  const res = await fetch(`${base}/api/auth/signin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: BENCH_USER, password }),
  });
  const m = /^([^=;]+)=([^;]*)/.exec(res.headers.get('set-cookie') ?? '');
  if (res.status !== 200 || !m) throw new Error(`bench sign-in failed: ${res.status} ${await res.text()}`);
  return { cookie: { name: m[1]!, value: m[2]!, url: base }, headers };
}

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
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.end(body);
  });
}

export interface WriterStats {
  sent: number;
  created: number;
  failed: number;
  seconds: number;
  /** Achieved rate of 201s over the writer's life. */
  perSecond: number;
  p50: number | null;
  p99: number | null;
  firstError?: string;
}

/**
 * Open loop: POSTs at `perSecond` on schedule (a tick every 10 ms sends what is due), whatever the
 * responses do, as citizens' phones would. Bodies are realistic reports (bench/lib/reportPool.ts).
 */
export function startWriter(port: number, bodies: Buffer[], perSecond: number, offset = 0) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const t0 = performance.now();
  let sent = 0;
  let created = 0;
  let failed = 0;
  let firstError: string | undefined;
  const latencies: number[] = [];
  const inflight = new Set<Promise<void>>();
  const timer = setInterval(() => {
    const due = Math.floor(((performance.now() - t0) / 1000) * perSecond);
    while (sent < due) {
      const body = bodies[(offset + sent++) % bodies.length]!;
      const s = performance.now();
      const p: Promise<void> = post(agent, port, body).then(
        (status) => {
          if (status === 201) created++;
          else {
            failed++;
            firstError ??= `HTTP ${status}`;
          }
          latencies.push(performance.now() - s);
        },
        (e) => {
          failed++;
          firstError ??= String(e);
        },
      );
      inflight.add(p);
      void p.finally(() => inflight.delete(p));
    }
  }, 10);
  return {
    get sent() {
      return sent;
    },
    async stop(): Promise<WriterStats> {
      clearInterval(timer);
      const seconds = (performance.now() - t0) / 1000;
      await Promise.race([Promise.all([...inflight]), new Promise((r) => setTimeout(r, 15_000))]);
      agent.destroy();
      return {
        sent,
        created,
        failed,
        seconds,
        perSecond: round(created / seconds, 1)!,
        p50: round(percentile(latencies, 50), 1),
        p99: round(percentile(latencies, 99), 1),
        firstError,
      };
    },
  };
}

export interface FirstHexes {
  /** Navigation start → the first poll that counted drawn hexes, ms. */
  ms: number;
  hexes: number;
  /** API requests the page made before that, with their start and end (ms from navigation start). */
  requests: Array<{ url: string; start: number; end: number }>;
  /** Same-origin JS files fetched before that (assets path). */
  js: string[];
  errors: string[];
  /** Main-thread long tasks (over 50 ms) before the first hexes: count, longest and total ms. */
  longTasks: { count: number; max: number; total: number };
}

/** What a page that drew no hexes had: for the failure message. */
const PAGE_STATE = `(() => {
  const h = window.__citydeskMap;
  if (!h) return JSON.stringify({ map: false, body: document.body.innerText.slice(0, 200) });
  const layers = h.deck ? h.deck.props.layers.filter(Boolean) : [];
  const hex = layers.find((l) => l.id === 'hexes');
  return JSON.stringify({
    map: true, mapLoaded: h.map.loaded(), deck: !!h.deck,
    hexLayer: hex ? { data: hex.props.data.length, visible: hex.props.visible } : null,
    count: h.renderedHexCount(),
    canvas: h.deck && h.deck.canvas ? [h.deck.canvas.width, h.deck.canvas.height] : null,
  });
})()`;

const LONG_TASKS = `(() => {
  window.__longTasks = [];
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longTasks.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true });
  } catch {}
})();`;

/**
 * One cold load in a fresh browser context (no cache, no storage): from navigation start to the
 * first time `window.__citydeskMap.renderedHexCount()` — a picking pass over the whole canvas, so
 * only hexes really drawn count — is above zero, polled every 100 ms.
 */
export async function firstHexes(
  browser: Browser,
  url: string,
  viewport: { width: number; height: number },
  timeoutMs = 60_000,
  /** The session cookie of a signed-in user, for pages behind the sign-in. */
  cookies: Array<{ name: string; value: string; url: string }> = [],
): Promise<FirstHexes> {
  const context = await browser.newContext({ viewport });
  try {
    if (cookies.length) await context.addCookies(cookies);
    await context.addInitScript(LONG_TASKS);
    const page = await context.newPage();
    const js: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => {
      if (/\.m?js(\?|$)/.test(r.url())) js.push(new URL(r.url()).pathname);
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(url, { waitUntil: 'commit', timeout: timeoutMs });
    const handle = await page
      .waitForFunction(
        () => {
          const n = (window as any).__citydeskMap?.renderedHexCount?.() ?? 0;
          return n > 0 ? { t: performance.now(), n } : false;
        },
        null,
        { polling: 100, timeout: timeoutMs },
      )
      .catch(async (e) => {
        // Say what the page had when it gave up: a map? a hex layer with data? errors?
        const state = await page.evaluate(PAGE_STATE).catch((x) => `unreadable: ${x}`);
        throw new Error(
          `no hexes drawn in ${timeoutMs / 1000} s (${String(e).split('\n')[0]}); page: ${state}; errors: ${errors.slice(0, 3).join(' | ') || 'none'}`,
        );
      });
    const { t, n } = (await handle.jsonValue()) as { t: number; n: number };
    const requests = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((e) => /\/api\/|\/healthz/.test(e.name))
        .map((e) => {
          const u = new URL(e.name);
          return {
            url: u.pathname + u.search.replace(/since=[^&]*&?/, '').replace(/[?&]$/, ''),
            start: Math.round(e.startTime),
            end: Math.round((e as PerformanceResourceTiming).responseEnd),
          };
        }),
    );
    const tasks = ((await page.evaluate('window.__longTasks')) as Array<[number, number]>).filter(([s]) => s <= t);
    const longTasks = {
      count: tasks.length,
      max: Math.round(Math.max(0, ...tasks.map(([, d]) => d))),
      total: Math.round(tasks.reduce((a, [, d]) => a + d, 0)),
    };
    return { ms: Math.round(t), hexes: n, requests: requests.filter((r) => r.start <= t), js, errors, longTasks };
  } finally {
    await context.close();
  }
}

/** Waits for the first drawn hexes of an already open page. */
export async function waitForHexes(page: Page, timeoutMs = 60_000): Promise<number> {
  const h = await page.waitForFunction(() => ((window as any).__citydeskMap?.renderedHexCount?.() ?? 0) > 0, null, {
    polling: 250,
    timeout: timeoutMs,
  });
  await h.dispose();
  return page.evaluate(() => (window as any).__citydeskMap.renderedHexCount() as number);
}

/**
 * Installed before the page's own scripts: a requestAnimationFrame loop that records the time
 * between frames while `__frames.recording`, and the page's long tasks (PerformanceObserver).
 */
export const FRAME_RECORDER = `(() => {
  const f = (window.__frames = { recording: false, last: 0, deltas: [], longtasks: [] });
  const loop = (t) => {
    if (f.recording) {
      if (f.last) f.deltas.push(t - f.last);
      f.last = t;
    }
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  try {
    new PerformanceObserver((list) => {
      if (!f.recording) return;
      for (const e of list.getEntries()) f.longtasks.push([Math.round(e.startTime), Math.round(e.duration)]);
    }).observe({ type: 'longtask' });
  } catch {}
})();`;

export async function startFrames(page: Page) {
  await page.evaluate(() => {
    const f = (window as any).__frames;
    f.deltas = [];
    f.longtasks = [];
    f.last = 0;
    f.recording = true;
  });
}

export interface FrameStats {
  frames: number;
  seconds: number;
  p50: number | null;
  p99: number | null;
  max: number | null;
  over100: number;
  /** Time spent in frames over 100 ms, as a share of the window. */
  jankShare: number | null;
  longTasks: number;
  longTaskMax: number | null;
  longTaskP50: number | null;
}

export async function stopFrames(page: Page): Promise<FrameStats> {
  const { deltas, longtasks } = await page.evaluate(() => {
    const f = (window as any).__frames;
    f.recording = false;
    return { deltas: f.deltas as number[], longtasks: f.longtasks as Array<[number, number]> };
  });
  const total = deltas.reduce((a, b) => a + b, 0);
  const over = deltas.filter((d) => d > 100);
  const lt = longtasks.map(([, d]) => d);
  return {
    frames: deltas.length,
    seconds: round(total / 1000, 1)!,
    p50: round(percentile(deltas, 50), 1),
    p99: round(percentile(deltas, 99), 1),
    max: round(deltas.length ? Math.max(...deltas) : null, 1),
    over100: over.length,
    jankShare: total > 0 ? round(over.reduce((a, b) => a + b, 0) / total, 3) : null,
    longTasks: lt.length,
    longTaskMax: lt.length ? Math.max(...lt) : null,
    longTaskP50: round(percentile(lt, 50), 0),
  };
}

export interface MemorySample {
  /** Seconds since the window started. */
  t: number;
  heapUsedMiB: number;
  heapTotalMiB: number;
  nodes: number;
  listeners: number;
}

/** A forced full GC in the page, then the renderer's own counters (CDP Performance.getMetrics). */
export async function sampleMemory(cdp: CDPSession, t: number): Promise<MemorySample> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  return {
    t: Math.round(t),
    heapUsedMiB: round((m.JSHeapUsedSize ?? 0) / 2 ** 20, 2)!,
    heapTotalMiB: round((m.JSHeapTotalSize ?? 0) / 2 ** 20, 2)!,
    nodes: m.Nodes ?? 0,
    listeners: m.JSEventListeners ?? 0,
  };
}

/** Least-squares slope of y over t (seconds), per minute. */
export function slopePerMinute(points: Array<{ t: number; y: number }>): number | null {
  if (points.length < 2) return null;
  const n = points.length;
  const mt = points.reduce((a, p) => a + p.t, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.t - mt) * (p.y - my);
    den += (p.t - mt) ** 2;
  }
  return den === 0 ? null : (num / den) * 60;
}

export interface MainThreadSplit {
  seconds: number;
  /** Main thread busy (top-level tasks), ms. */
  busyMs: number;
  /** Of which waiting in the compositor commit for the GPU process to read a WebGL canvas back (GLES2::ReadPixels). */
  readbackMs: number;
  /** Of which running JavaScript (top-level v8 calls: event handlers, rAF, timers). */
  scriptMs: number;
  /** Style, layout and paint. */
  layoutPaintMs: number;
  commits: number;
}

/**
 * Where the page's main thread went during a Chromium trace: a few seconds of
 * `browser.startTracing` (devtools.timeline, gpu) summarised for the renderer main thread that
 * was busiest. Nested events of the same name are counted once.
 */
export function summariseTrace(buf: Buffer, seconds: number): MainThreadSplit | null {
  const parsed = JSON.parse(buf.toString('utf8')) as { traceEvents?: any[] } | any[];
  const events: any[] = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const mains = new Set<string>();
  for (const e of events)
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain') mains.add(`${e.pid}:${e.tid}`);
  let best: { key: string; busy: number } | null = null;
  const byThread = new Map<string, any[]>();
  for (const e of events) {
    if (e.ph !== 'X' || typeof e.dur !== 'number') continue;
    const key = `${e.pid}:${e.tid}`;
    if (!mains.has(key)) continue;
    (byThread.get(key) ?? byThread.set(key, []).get(key)!).push(e);
  }
  const topLevel = (xs: any[], names: Set<string>) => {
    let end = -Infinity;
    let total = 0;
    for (const e of xs.filter((x) => names.has(x.name)).sort((a, b) => a.ts - b.ts)) {
      if (e.ts >= end) {
        total += e.dur;
        end = e.ts + e.dur;
      }
    }
    return total / 1000;
  };
  for (const [key, xs] of byThread) {
    const busy = topLevel(xs, new Set(['ThreadControllerImpl::RunTask', 'RunTask']));
    if (!best || busy > best.busy) best = { key, busy };
  }
  if (!best) return null;
  const xs = byThread.get(best.key)!;
  return {
    seconds,
    busyMs: Math.round(best.busy),
    readbackMs: Math.round(topLevel(xs, new Set(['GLES2::ReadPixels']))),
    scriptMs: Math.round(
      topLevel(xs, new Set(['FunctionCall', 'v8.callFunction', 'EventDispatch', 'TimerFire', 'FireAnimationFrame'])),
    ),
    layoutPaintMs: Math.round(topLevel(xs, new Set(['Layout', 'UpdateLayoutTree', 'Paint', 'PrePaint', 'Layerize']))),
    commits: xs.filter((e) => e.name === 'Commit').length,
  };
}

export const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'gpu',
  'toplevel',
  'v8',
  'cc',
];
