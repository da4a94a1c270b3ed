/**
 * POI search over 25,000 points (ten times Hanoi's 2,662): the in-memory index (api/poi/searchIndex.ts)
 * against the naive scan it replaces (fold every name on every query). The points are the pack's real
 * ones, each repeated with "cơ sở N" appended, so names, lengths and word frequencies stay Hanoi's.
 *
 *   npx tsx bench/poiSearch.ts
 *
 * Prints, per query, the median and p99 wall time and the mean CPU time in ms; no database, no network.
 */
import { foldForSearch } from '../core/foldText';
import type { PoiProperties } from '../core/poi';
import { buildPoiIndex, type PoiEntry } from '../api/poi/searchIndex';
import { loadPoiLayers } from '../seeds/hanoi/poi';

const POINTS = 25_000;
const RUNS = 200;
const LIMIT = 10;
const QUERIES = ['benh vien', 'cho dong xuan', 'truong', 'nha van hoa', 'cong an phuong', 'a', 'xyz'];

const base = (await loadPoiLayers()).flatMap((l) =>
  (l.features ?? []).map((f) => ({ p: f.properties as unknown as PoiProperties, layer: l.code, g: f.geometry })),
);
const entries: PoiEntry[] = [];
for (let i = 0; entries.length < POINTS; i++) {
  const { p, layer, g } = base[i % base.length];
  const copy = Math.floor(i / base.length);
  const [lng, lat] = (g as { coordinates: number[] }).coordinates;
  entries.push({
    id: i + 1,
    layer,
    category: p.category,
    kind: p.kind,
    name: p.name && copy ? `${p.name} cơ sở ${copy + 1}` : p.name,
    address: p.address ?? null,
    phone: p.phone ?? null,
    website: p.website ?? null,
    osm: p.osm,
    lng,
    lat,
  });
}

function naive(q: string): PoiEntry[] {
  const words = foldForSearch(q)
    .split(' ')
    .map((w) => ` ${w}`);
  const found = entries.filter((e) => e.name && words.every((w) => ` ${foldForSearch(e.name!)}`.includes(w)));
  return found.slice(0, LIMIT);
}

/**
 * Wall time per call (median, p99) and CPU time per call (mean): on a machine shared with other work the
 * wall times carry its load, the CPU time is the search's own.
 */
function timeIt(fn: () => unknown): { median: number; p99: number; cpu: number } {
  for (let i = 0; i < 10; i++) fn();
  const t: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  const cpu = process.cpuUsage(cpu0);
  t.sort((a, b) => a - b);
  const at = (q: number) => Math.round(t[Math.min(t.length - 1, Math.floor(q * t.length))] * 1000) / 1000;
  return { median: at(0.5), p99: at(0.99), cpu: Math.round((cpu.user + cpu.system) / RUNS) / 1000 };
}

const built = performance.now();
const index = buildPoiIndex(entries);
console.log(`index of ${index.size} points built in ${Math.round(performance.now() - built)} ms`);
console.log('query              | matches | index median / p99 / cpu ms | naive median / p99 / cpu ms');
const cell = (r: { median: number; p99: number; cpu: number }) => `${r.median} / ${r.p99} / ${r.cpu}`.padStart(27);
// Every query through the index first: the naive scan's garbage would be collected inside its timings.
const ours = QUERIES.map((q) => timeIt(() => index.search({ q, limit: LIMIT })));
const scans = QUERIES.map((q) => timeIt(() => naive(q)));
QUERIES.forEach((q, i) => {
  const { total } = index.search({ q, limit: LIMIT });
  console.log(`${q.padEnd(18)} | ${String(total).padStart(7)} | ${cell(ours[i])} | ${cell(scans[i])}`);
});
