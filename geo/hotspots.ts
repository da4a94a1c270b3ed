import { binOfP, binOfZ, type ConfidenceBin } from './confidence';
import { bhAdjust } from './fdr';
import { alignValues, buildNeighbourIndex, DEFAULT_RING_K, type NeighbourIndex } from './neighbourIndex';
import { twoSidedP } from './normal';

/**
 * Getis-Ord Gi* (Getis & Ord 1992; Ord & Getis 1995, "Local spatial autocorrelation statistics",
 * Geographical Analysis 27(4)), as ArcGIS "Hot Spot Analysis (Getis-Ord Gi*)" computes it, over
 * the n cells of a study area with binary self-inclusive k-ring weights (see neighbourIndex.ts):
 *
 *   x̄ = Σx/n,   S = √(Σx²/n − x̄²)
 *   Gi* = (Σ_j w_ij x_j − x̄ Σ_j w_ij) / (S · √[(n Σ_j w_ij² − (Σ_j w_ij)²) / (n − 1)])
 *
 * With binary weights Σ_j w_ij = Σ_j w_ij² = w_i, the number of ring cells inside the study area.
 * Gi* is already a z-score; p is its two-sided normal p-value.
 *
 * Degenerate cases give z = 0 (no evidence either way): S = 0 (every cell equal, including all
 * zero), n < 2, and a ring covering the whole study area (w_i = n, zero denominator).
 */

/**
 * z-scores by index position for values `x` laid out by the same index. Pure arithmetic over the
 * CSR neighbour lists: O(n·|k-ring|), no h3 calls. `out` may be passed to avoid an allocation.
 */
export function giStarZ(index: NeighbourIndex, x: Float64Array, out?: Float64Array): Float64Array {
  const n = index.cells.length;
  if (x.length !== n) throw new RangeError(`values (${x.length}) do not match the index (${n})`);
  const z = out ?? new Float64Array(n);
  z.fill(0);
  if (n < 2) return z;

  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === max) return z; // S = 0, tested exactly rather than by a rounded variance
  const mean = sum / n;
  // Centre first (two-pass): Σ_j w_ij x_j − x̄ w_i = Σ_j w_ij (x_j − x̄) without the cancellation
  // that a large common offset would cause, which is what keeps Gi* shift-invariant in floats.
  const centred = new Float64Array(n);
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i]! - mean;
    centred[i] = d;
    ss += d * d;
  }
  const s = Math.sqrt(ss / n);

  const { start, neighbours } = index;
  for (let i = 0; i < n; i++) {
    const from = start[i]!;
    const to = start[i + 1]!;
    const w = to - from;
    let num = 0;
    for (let e = from; e < to; e++) num += centred[neighbours[e]!]!;
    const den = s * Math.sqrt((n * w - w * w) / (n - 1));
    z[i] = den > 0 ? num / den : 0;
  }
  return z;
}

export interface GiStarCell {
  z: number;
  /** Two-sided p-value of z. */
  p: number;
  /** Confidence bin of z (±1.645 / ±1.96 / ±2.576). */
  bin: ConfidenceBin;
  /** With `fdr`: the Benjamini–Hochberg adjusted p-value over all n cells … */
  pFdr?: number;
  /** … and the bin it earns (0 = not significant after correction). */
  binFdr?: ConfidenceBin;
}

export interface GiStarOptions {
  /** Ring radius (default 1). Ignored when `index` is given. */
  k?: number;
  /**
   * The study area. Its cells without a value count as zeros; the cells of `values` are always
   * added to it, so no value is dropped. Pass every res-8 cell of the city polyfill so empty
   * cells pull the global mean down as they should. Ignored when `index` is given.
   */
  studyCells?: Iterable<string>;
  /** A prebuilt study area (the fast path for repeated runs); values outside it are ignored. */
  index?: NeighbourIndex;
  /** Also report Benjamini–Hochberg corrected p-values and bins. */
  fdr?: boolean;
}

/** Gi* for every cell of the study area, keyed by cell. */
export function getisOrdGiStar(values: ReadonlyMap<string, number>, opts: GiStarOptions = {}): Map<string, GiStarCell> {
  const index =
    opts.index ?? buildNeighbourIndex(concat(opts.studyCells ?? [], values.keys()), opts.k ?? DEFAULT_RING_K);
  const z = giStarZ(index, alignValues(index, values).x);
  return giStarCells(index, z, opts.fdr ?? false);
}

/** Shape z-scores (by index position) into per-cell results, with optional FDR correction. */
export function giStarCells(index: NeighbourIndex, z: Float64Array, fdr: boolean): Map<string, GiStarCell> {
  const p = z.map(twoSidedP);
  const adjusted = fdr ? bhAdjust(p) : undefined;
  const result = new Map<string, GiStarCell>();
  index.cells.forEach((cell, i) => {
    const r: GiStarCell = { z: z[i]!, p: p[i]!, bin: binOfZ(z[i]!) };
    if (adjusted) {
      r.pFdr = adjusted[i]!;
      r.binFdr = binOfP(z[i]!, adjusted[i]!);
    }
    result.set(cell, r);
  });
  return result;
}

function* concat<T>(a: Iterable<T>, b: Iterable<T>): Iterable<T> {
  yield* a;
  yield* b;
}
