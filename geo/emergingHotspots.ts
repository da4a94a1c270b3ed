import { binOfP, binOfZ, type ConfidenceBin } from './confidence';
import { classifyEhsa, type EhsaPattern } from './ehsaPatterns';
import { bhAdjust } from './fdr';
import { giStarFromSums, GiStarState } from './giStarState';
import { mannKendall, type MannKendall } from './mannKendall';
import { alignValues, buildNeighbourIndex, DEFAULT_RING_K, type NeighbourIndex } from './neighbourIndex';
import { twoSidedP } from './normal';

/**
 * Emerging hot spots (ArcGIS Pro "Emerging Hot Spot Analysis", patterns in ehsaPatterns.ts):
 * Gi* on each daily slice, a Mann-Kendall test on each cell's series of Gi* z-scores, then the
 * pattern from the per-slice 90% significance and the trend.
 *
 * Neighbourhoods are spatial only (ArcGIS's `Neighborhood Time Step` = 0). Which mean and S a
 * bin is compared with is the `window` option, ArcGIS's `Define Global Window`:
 *   'slice' (default) — each day against that day's own mean and S ("Individual time step").
 *     A city-wide surge on one day does not light up every cell, and an event costs one slice.
 *     But z-scores are relative to the day's spread: a cluster growing elsewhere raises S and can
 *     make a steady hot spot "diminishing" (emergingHotspots.test.ts shows it).
 *   'cube' — every bin against the mean and S of all n·T bins ("Entire cube", ArcGIS's default).
 *     A steady cluster stays steady whatever grows elsewhere; an event moves every z of every
 *     slice (O(n·T) arithmetic, still no ring walks).
 * FDR, when asked, runs over the same family as the global window, whatever path reached the
 * data: with 'slice', each day's n cells are one Benjamini–Hochberg family (as if Hot Spot
 * Analysis ran on that day alone), so a day's bins depend on that day's values only and a live
 * event re-adjusts its own slice; with 'cube', all n·T bins are one family, re-adjusted on any
 * change. (Adjusting "the slices that changed" together would make the family depend on timing:
 * all 14 after a rebuild, the last one after an event — and the same data could read differently.)
 */

/** Days of history the backlog view looks back over; Mann-Kendall's normal approximation wants ≥ 10. */
export const DEFAULT_EHSA_DAYS = 14;

export interface EmergingCell {
  pattern: EhsaPattern;
  /** Mann-Kendall on the cell's z-scores, oldest → newest (tau > 0: clustering of highs growing). */
  trend: MannKendall;
  /** Gi* z of the final slice and its 90/95/99% bin (BH-corrected with `fdr`). */
  lastZ: number;
  lastBin: ConfidenceBin;
  /** Slices in which the cell was a significant (90%) hot / cold spot. */
  hotSteps: number;
  coldSteps: number;
}

export type EhsaWindow = 'slice' | 'cube';

export interface EhsaOptions {
  /** BH false-discovery-rate correction of the Gi* p-values (ArcGIS Pro 3.x applies it). */
  fdr?: boolean;
  /** Global window the Gi* mean and S come from (default 'slice'; see above). */
  window?: EhsaWindow;
}

/**
 * The analysis kept up to date: one GiStarState per slice, z-scores and significance cached per
 * slice. An event touches one slice (O(|k-ring|)); the next results() refreshes only that slice's
 * z-scores (O(n), plus an O(n log n) sort with FDR; every slice with the cube window) and then
 * re-runs the per-cell trend tests (O(n·T²) arithmetic: every cell's z in that slice moved with
 * the slice's mean and S). advance() rolls the window forward a day.
 */
export class EmergingHotspotState {
  readonly index: NeighbourIndex;
  private readonly fdr: boolean;
  private readonly window: EhsaWindow;
  private slices: GiStarState[];
  private z: Float64Array[];
  /** Signed confidence bin per slice and cell; ±1 and beyond is "significant" (90%). */
  private bins: Int8Array[];
  private stale: boolean[];

  /** `slices` oldest → newest, each laid out by index position (see alignValues); copied. */
  constructor(index: NeighbourIndex, slices: readonly Float64Array[], opts: EhsaOptions = {}) {
    if (slices.length === 0) throw new RangeError('emerging hotspots need at least one slice');
    const n = index.cells.length;
    this.index = index;
    this.fdr = opts.fdr ?? false;
    this.window = opts.window ?? 'slice';
    this.slices = slices.map((x) => new GiStarState(index, x));
    this.z = slices.map(() => new Float64Array(n));
    this.bins = slices.map(() => new Int8Array(n));
    this.stale = slices.map(() => true);
  }

  get steps(): number {
    return this.slices.length;
  }

  /** Add δ to a cell in slice `step` (0 = oldest). False if the cell is outside the study area. */
  add(step: number, cell: string, delta: number): boolean {
    const slice = this.slices[step];
    if (slice === undefined) throw new RangeError(`no slice ${step} (have ${this.steps})`);
    if (!slice.add(cell, delta)) return false;
    this.stale[step] = true;
    return true;
  }

  /** Start a new empty day: the oldest slice drops out (its z and bin buffers are reused). O(n). */
  advance(): void {
    this.slices.shift();
    this.slices.push(new GiStarState(this.index));
    this.z.push(this.z.shift()!);
    this.bins.push(this.bins.shift()!);
    this.stale.shift();
    this.stale.push(true);
  }

  /** Pattern, trend and final-slice z of the cell at position i. */
  resultAt(i: number): EmergingCell {
    this.refresh();
    return this.cellAt(i, new Float64Array(this.steps), new Int8Array(this.steps));
  }

  /** Every cell of the study area. */
  results(): Map<string, EmergingCell> {
    this.refresh();
    const series = new Float64Array(this.steps);
    const sig = new Int8Array(this.steps);
    const out = new Map<string, EmergingCell>();
    this.index.cells.forEach((cell, i) => out.set(cell, this.cellAt(i, series, sig)));
    return out;
  }

  private refresh(): void {
    if (!this.stale.includes(true)) return;
    if (this.window === 'cube') {
      // Any change moves every slice's z: all of them are refreshed, and adjusted as one family.
      this.cubeZ();
      this.binSlices(this.slices.map((_, t) => t));
    } else {
      for (const t of this.staleSteps()) {
        this.slices[t]!.zScores(this.z[t]);
        this.binSlices([t]);
      }
    }
    this.stale.fill(false);
  }

  /** Confidence bins of the given slices from their z; with FDR, the slices are one BH family. */
  private binSlices(steps: readonly number[]): void {
    const n = this.index.cells.length;
    if (!this.fdr) {
      for (const t of steps) {
        const z = this.z[t]!;
        for (let i = 0; i < n; i++) this.bins[t]![i] = binOfZ(z[i]!);
      }
      return;
    }
    const p = new Float64Array(n * steps.length);
    steps.forEach((t, k) => p.set(this.z[t]!.map(twoSidedP), k * n));
    const adjusted = bhAdjust(p);
    steps.forEach((t, k) => {
      const z = this.z[t]!;
      for (let i = 0; i < n; i++) this.bins[t]![i] = binOfP(z[i]!, adjusted[k * n + i]!);
    });
  }

  private staleSteps(): number[] {
    return this.slices.map((_, t) => t).filter((t) => this.stale[t]);
  }

  /** Gi* of every bin against the whole cube: N = n·T bins, cube-wide Σx and Σx². */
  private cubeZ(): void {
    const { start } = this.index;
    const n = this.index.cells.length;
    const bins = n * this.steps;
    let sum = 0;
    let sumSq = 0;
    for (const s of this.slices) {
      sum += s.sum;
      sumSq += s.sumSq;
    }
    for (let i = 0; i < n; i++) {
      const w = start[i + 1]! - start[i]!;
      const scale = bins > 1 ? Math.sqrt((bins * w - w * w) / (bins - 1)) : 0;
      for (let t = 0; t < this.steps; t++) {
        this.z[t]![i] = giStarFromSums(bins, sum, sumSq, this.slices[t]!.localAt(i), w, scale);
      }
    }
  }

  private cellAt(i: number, series: Float64Array, sig: Int8Array): EmergingCell {
    let hotSteps = 0;
    let coldSteps = 0;
    for (let t = 0; t < this.steps; t++) {
      series[t] = this.z[t]![i]!;
      sig[t] = Math.sign(this.bins[t]![i]!);
      if (sig[t]! > 0) hotSteps++;
      else if (sig[t]! < 0) coldSteps++;
    }
    const trend = mannKendall(series);
    const last = this.steps - 1;
    return {
      pattern: classifyEhsa(sig, trend),
      trend,
      lastZ: series[last]!,
      lastBin: this.bins[last]![i]! as ConfidenceBin,
      hotSteps,
      coldSteps,
    };
  }
}

export interface EmergingHotspotOptions extends EhsaOptions {
  /** Ring radius (default 1). Ignored when `index` is given. */
  k?: number;
  /** Study area; cells of any slice are added to it. Ignored when `index` is given. */
  studyCells?: Iterable<string>;
  /** A prebuilt study area; values outside it are ignored. */
  index?: NeighbourIndex;
}

/** One-shot analysis of `slices` (oldest → newest, e.g. the last DEFAULT_EHSA_DAYS days). */
export function emergingHotspots(
  slices: ReadonlyArray<ReadonlyMap<string, number>>,
  opts: EmergingHotspotOptions = {},
): Map<string, EmergingCell> {
  const index = opts.index ?? buildNeighbourIndex(studyArea(opts.studyCells, slices), opts.k ?? DEFAULT_RING_K);
  const aligned = slices.map((s) => alignValues(index, s).x);
  return new EmergingHotspotState(index, aligned, opts).results();
}

function* studyArea(
  studyCells: Iterable<string> | undefined,
  slices: ReadonlyArray<ReadonlyMap<string, number>>,
): Iterable<string> {
  if (studyCells) yield* studyCells;
  for (const s of slices) yield* s.keys();
}
