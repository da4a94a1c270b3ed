/**
 * The raw baselines of bench/dashboard.ts, built with the project's own Vite:
 * - `size`: a minimal entry with only what the dashboard takes from maplibre-gl and deck.gl (Map and
 *   its two controls, the worker URL set as ours sets it, MapboxOverlay, H3HexagonLayer,
 *   GeoJsonLayer, ScatterplotLayer, TextLayer): what those libraries alone weigh, built the same way.
 * - `hexpage`: a bare page that fetches /api/hexes once and draws it with deck.gl's H3HexagonLayer
 *   alone (a standalone Deck, no basemap, no framework), exposing the same
 *   `window.__citydeskMap.renderedHexCount()` (a picking pass over the canvas) as the dashboard.
 * Builds go to a folder under node_modules/.cache (so that imports resolve from the project's
 * node_modules), removed by the caller. Also: the gzip size of the JS an index.html loads first, and
 * a tiny static server for the bare page that proxies /api and /healthz to the API (same origin, as
 * the dashboard has it).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const SIZE_ENTRY = `
import { AttributionControl, Map, NavigationControl, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { MapboxOverlay } from '@deck.gl/mapbox';
import { H3HexagonLayer } from '@deck.gl/geo-layers';
import { GeoJsonLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';

setWorkerUrl(workerUrl);
const map = new Map({ container: 'map', style: { version: 8, sources: {}, layers: [] }, center: [105.84, 21.02], zoom: 10 });
map.addControl(new AttributionControl({ compact: true }));
map.addControl(new NavigationControl({ showCompass: false }));
map.addControl(new MapboxOverlay({ interleaved: false, layers: [
  new H3HexagonLayer({ id: 'hexes', data: [], getHexagon: (d) => d.cell }),
  new GeoJsonLayer({ id: 'areas', data: { type: 'FeatureCollection', features: [] } }),
  new ScatterplotLayer({ id: 'pulses', data: [] }),
  new TextLayer({ id: 'labels', data: [] }),
] }));
`;

const HEXPAGE_ENTRY = `
import { Deck } from '@deck.gl/core';
import { H3HexagonLayer } from '@deck.gl/geo-layers';

const q = new URLSearchParams(location.search);
const parent = document.getElementById('map');
let draws = 0;
const deck = new Deck({
  parent,
  initialViewState: { longitude: Number(q.get('lng')), latitude: Number(q.get('lat')), zoom: Number(q.get('zoom')), pitch: 0, bearing: 0 },
  controller: false,
  layers: [],
  // As the dashboard's overlay: no MSAA, no preserved buffer (software GL).
  deviceProps: { webgl: { antialias: false, preserveDrawingBuffer: false } },
  onAfterRender: () => void draws++,
});
const colour = (n, max) => {
  const t = max > 0 ? Math.log1p(n) / Math.log1p(max) : 0;
  return [Math.round(255 * t), Math.round(80 + 100 * (1 - t)), Math.round(200 * (1 - t)), 200];
};
fetch('/api/hexes?res=' + q.get('res') + '&since=' + encodeURIComponent(q.get('since')), { headers: { Accept: 'application/json' } })
  .then((r) => r.json())
  .then(({ cells }) => {
    let max = 0;
    for (const c of cells) max = Math.max(max, c.open);
    deck.setProps({ layers: [new H3HexagonLayer({
      id: 'hexes', data: cells, highPrecision: false, extruded: false, filled: true, stroked: false, coverage: 0.94,
      pickable: true, getHexagon: (d) => d.cell, getFillColor: (d) => colour(d.open, max),
    })] });
  });
// The dashboard's test handle, same rule: recount after a new draw, at most every 200 ms.
let cache = null;
const count = () => {
  if (!deck.props.layers.length) return 0;
  try {
    return deck.pickObjects({ x: 0, y: 0, width: parent.clientWidth, height: parent.clientHeight, layerIds: ['hexes'] }).length;
  } catch {
    return 0;
  }
};
window.__citydeskMap = {
  renderedHexCount() {
    const now = performance.now();
    if (!cache || (cache.draw !== draws && now - cache.at >= 200)) cache = { draw: draws, at: now, value: count() };
    return cache.value;
  },
};
`;

const html = (title: string) => `<!doctype html>
<html><head><meta charset="utf-8"><title>${title}</title>
<style>html,body{margin:0;height:100%;overflow:hidden;background:#111}#map{position:absolute;inset:0}</style>
<script type="module" src="./main.js"></script></head><body><div id="map"></div></body></html>`;

export interface BaselineBuilds {
  dir: string;
  sizeDist: string;
  hexpageDist: string;
  seconds: number;
}

async function buildOne(dir: string, entry: string, title: string): Promise<string> {
  const { build } = await import('vite');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.html'), html(title));
  writeFileSync(join(dir, 'main.js'), entry);
  const outDir = join(dir, 'dist');
  await build({
    root: dir,
    configFile: false,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 10_000 },
  });
  return outDir;
}

export async function buildBaselines(): Promise<BaselineBuilds> {
  const t0 = performance.now();
  const dir = join(ROOT, 'node_modules/.cache', `citydesk-bench-dashboard-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  try {
    const sizeDist = await buildOne(join(dir, 'size'), SIZE_ENTRY, 'maplibre-gl + deck.gl alone');
    const hexpageDist = await buildOne(join(dir, 'hexpage'), HEXPAGE_ENTRY, 'bare deck.gl hex page');
    return { dir, sizeDist, hexpageDist, seconds: (performance.now() - t0) / 1000 };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

export interface InitialJs {
  files: Array<{ file: string; bytes: number; gzip: number }>;
  bytes: number;
  gzip: number;
}

export const gzipSize = (buf: Buffer) => gzipSync(buf, { level: 9 }).length;

/**
 * The JavaScript an index.html loads before anything runs: every `<script src>` and
 * `<link rel="modulepreload">` (not chunks imported lazily, not workers), each gzipped at level 9.
 */
export function initialJs(distDir: string): InitialJs {
  const page = readFileSync(join(distDir, 'index.html'), 'utf8');
  const urls = new Set<string>();
  for (const m of page.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) urls.add(m[1]!);
  for (const m of page.matchAll(/<link\b[^>]*>/g)) {
    if (/\brel="modulepreload"/.test(m[0])) {
      const href = /\bhref="([^"]+)"/.exec(m[0]);
      if (href) urls.add(href[1]!);
    }
  }
  const files = [...urls].map((u) => {
    const buf = readFileSync(join(distDir, u.replace(/^\.?\//, '')));
    return { file: u, bytes: buf.length, gzip: gzipSize(buf) };
  });
  return { files, bytes: files.reduce((a, f) => a + f.bytes, 0), gzip: files.reduce((a, f) => a + f.gzip, 0) };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
};

/**
 * Serves `dir` and passes /api/* and /healthz through to the API on apiPort, with `authHeaders`
 * added (the staff routes want a signed-in viewer; the bare page has no sign-in of its own).
 */
export async function staticWithProxy(
  dir: string,
  apiPort: number,
  authHeaders: Record<string, string> = {},
): Promise<{ base: string; close(): Promise<void> }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith('/api/') || url.startsWith('/healthz')) {
      const up = http.request(
        {
          host: '127.0.0.1',
          port: apiPort,
          path: url,
          method: req.method,
          headers: { ...req.headers, ...authHeaders },
          agent,
        },
        (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
        },
      );
      up.on('error', () => {
        res.writeHead(502);
        res.end();
      });
      req.pipe(up);
      return;
    }
    const path = url.split('?')[0]!;
    const file = normalize(join(dir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dir)) {
      res.writeHead(403);
      res.end();
      return;
    }
    try {
      const body = readFileSync(file);
      res.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': 'no-cache',
      });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      agent.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}
