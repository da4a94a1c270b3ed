/**
 * Hotspot statistics on a Hanoi-sized grid: `npx tsx geo/bench/hotspots.bench.ts` prints a table;
 * `runHotspotsBench()` returns the figures (same shape as bench/lib/results.ts `Figure`) for the
 * bench runner to record. Each figure is the median of several runs after a warm-up.
 *
 * Baseline: the textbook Gi* walking gridDisk for every cell on every run (naiveGiStar), and for
 * the emerging-hotspot run that baseline per slice followed by the same trend tests.
 */
import { pathToFileURL } from 'node:url';
import { binOfZ } from '../confidence';
import { classifyEhsa } from '../ehsaPatterns';
import { EmergingHotspotState, emergingHotspots, DEFAULT_EHSA_DAYS } from '../emergingHotspots';
import { GiStarState } from '../giStarState';
import { getisOrdGiStar } from '../hotspots';
import { mannKendall } from '../mannKendall';
import { alignValues, buildNeighbourIndex } from '../neighbourIndex';
import { naiveGiStar } from './naiveGiStar';
import { hanoiDisk, seeded, syntheticCounts } from './syntheticGrid';

export interface HotspotFigure {
  figure: string;
  unit: string;
  ours: number;
  baseline: number | null;
  ratio: number | null;
  target: string | null;
  met: boolean | null;
}

const K = 1;
const GI_TARGET_MS = 200;
const EHSA_TARGET_MS = 1000;

/** Median wall time of `fn` in ms over `runs` runs, after `warm` unrecorded ones. */
function time(fn: () => unknown, runs: number, warm = 2): number {
  for (let i = 0; i < warm; i++) fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(t.length / 2)]!;
}

/** Median per-call time in ms of a cheap operation, measured in batches of `batch` calls. */
function timePerCall(fn: (i: number) => unknown, batch: number, runs: number): number {
  let i = 0;
  return (
    time(() => {
      for (let b = 0; b < batch; b++) fn(i++);
    }, runs) / batch
  );
}

function naiveEhsa(slices: Map<string, number>[], cells: string[]): Map<string, string> {
  const zs = slices.map((s) => naiveGiStar(s, cells, K));
  const out = new Map<string, string>();
  for (const cell of cells) {
    const series = zs.map((z) => z.get(cell)!);
    out.set(
      cell,
      classifyEhsa(
        series.map((z) => Math.sign(binOfZ(z))),
        mannKendall(series),
      ),
    );
  }
  return out;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

function figure(name: string, unit: string, ours: number, baseline: number | null, targetMs?: number): HotspotFigure {
  return {
    figure: name,
    unit,
    ours: round(ours, 2),
    baseline: baseline === null ? null : round(baseline, 2),
    ratio: baseline ? Number((ours / baseline).toPrecision(2)) : null,
    target: targetMs === undefined ? null : `≤ ${targetMs}`,
    met: targetMs === undefined ? null : ours <= targetMs,
  };
}

export function runHotspotsBench(quick = process.env.BENCH_QUICK === '1'): HotspotFigure[] {
  const runs = quick ? 3 : 9;
  const cells = hanoiDisk(40);
  const rng = seeded(2025);
  const values = syntheticCounts(cells, rng);
  const slices = Array.from({ length: DEFAULT_EHSA_DAYS }, () => syntheticCounts(cells, rng));
  const figures: HotspotFigure[] = [];
  const label = `${cells.length} res-8 cells, k=${K}`;

  const tIndex = time(() => buildNeighbourIndex(cells, K), runs);
  figures.push(figure(`neighbour index build (${label})`, 'ms', tIndex, null));

  const tNaive = time(() => naiveGiStar(values, cells, K), runs);
  const tCold = time(() => getisOrdGiStar(values, { k: K, studyCells: cells }), runs);
  figures.push(figure('Gi* all cells, incl. index build', 'ms', tCold, tNaive, GI_TARGET_MS));
  const index = buildNeighbourIndex(cells, K);
  const tWarm = time(() => getisOrdGiStar(values, { index }), runs);
  figures.push(figure('Gi* all cells, prebuilt index', 'ms', tWarm, tNaive, GI_TARGET_MS));
  const tFdr = time(() => getisOrdGiStar(values, { index, fdr: true }), runs);
  figures.push(figure('Gi* all cells + BH FDR, prebuilt index', 'ms', tFdr, tNaive, GI_TARGET_MS));
  const index2 = buildNeighbourIndex(cells, 2);
  const tNaive2 = time(() => naiveGiStar(values, cells, 2), runs);
  const tWarm2 = time(() => getisOrdGiStar(values, { index: index2 }), runs);
  figures.push(figure('Gi* all cells, prebuilt index, k=2', 'ms', tWarm2, tNaive2, GI_TARGET_MS));

  const tEhsaNaive = time(() => naiveEhsa(slices, cells), quick ? 1 : 3, 1);
  const tEhsaCold = time(() => emergingHotspots(slices, { k: K, studyCells: cells }), runs);
  figures.push(
    figure(
      `emerging hotspots, ${DEFAULT_EHSA_DAYS} days, incl. index build`,
      'ms',
      tEhsaCold,
      tEhsaNaive,
      EHSA_TARGET_MS,
    ),
  );
  const tEhsaWarm = time(() => emergingHotspots(slices, { index }), runs);
  figures.push(
    figure(`emerging hotspots, ${DEFAULT_EHSA_DAYS} days, prebuilt index`, 'ms', tEhsaWarm, tEhsaNaive, EHSA_TARGET_MS),
  );
  const tEhsaCube = time(() => emergingHotspots(slices, { index, window: 'cube', fdr: true }), runs);
  figures.push(figure('… with cube window + FDR', 'ms', tEhsaCube, tEhsaNaive, EHSA_TARGET_MS));

  // One event (a report opens in a cell, or closes: +1 then −1, so the state stays put).
  const state = new GiStarState(index, alignValues(index, values).x);
  const pick = (i: number) => index.cells[(i * 7919) % index.cells.length]!;
  const tOne = timePerCall(
    (i) => {
      state.add(pick(i), i % 2 === 0 ? 1 : -1);
      return state.zFor(pick(i));
    },
    10_000,
    runs,
  );
  figures.push(figure('incremental: one event + z of its cell', 'µs', tOne * 1000, tNaive * 1000));
  const z = new Float64Array(index.cells.length);
  const tAll = timePerCall(
    (i) => {
      state.add(pick(i), i % 2 === 0 ? 1 : -1);
      return state.zScores(z);
    },
    100,
    runs,
  );
  figures.push(figure('incremental: one event + every z', 'µs', tAll * 1000, tNaive * 1000));

  const ehsa = new EmergingHotspotState(
    index,
    slices.map((s) => alignValues(index, s).x),
  );
  ehsa.results();
  const tEhsaOne = timePerCall(
    (i) => {
      ehsa.add(DEFAULT_EHSA_DAYS - 1, pick(i), i % 2 === 0 ? 1 : -1);
      return ehsa.results();
    },
    5,
    runs,
  );
  figures.push(figure('incremental: one event today + all emerging patterns', 'ms', tEhsaOne, tEhsaNaive));
  return figures;
}

function print(figures: HotspotFigure[]): void {
  const head = ['figure', 'unit', 'ours', 'naive', 'ours/naive', 'target', ''];
  const rows = figures.map((f) => [
    f.figure,
    f.unit,
    String(f.ours),
    f.baseline === null ? '—' : String(f.baseline),
    f.ratio === null ? '—' : String(f.ratio),
    f.target ?? '',
    f.met === null ? '' : f.met ? 'met' : 'MISSED',
  ]);
  const widths = head.map((_, i) => Math.max(...[head, ...rows].map((r) => r[i]!.length)));
  for (const [i, r] of [head, ...rows].entries()) {
    console.log(r.map((c, j) => (j >= 2 && j <= 4 ? c.padStart(widths[j]!) : c.padEnd(widths[j]!))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  print(runHotspotsBench());
}
