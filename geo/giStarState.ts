import type { NeighbourIndex } from './neighbourIndex';

/**
 * Gi* kept up to date under single-cell changes (a report opens, closes or goes overdue).
 *
 * Gi*_i depends on the data only through Σx, Σx² (global) and L_i = Σ_{j∈N(i)} x_j (local).
 * Changing x_c by δ moves Σx by δ, Σx² by (x_c+δ)² − x_c², and L_j by δ for exactly the cells j
 * with c ∈ N(j), i.e. j ∈ N(c) by symmetry: O(|k-ring|) work, no h3 calls. Every z then moves
 * (x̄ and S are global), but each is O(1) from the sums, so a full refresh is O(n) arithmetic.
 *
 * Written so the counts case is exact: with V = nΣx² − (Σx)² (so S = √V / n),
 *
 *   Gi*_i = (n·L_i − Σx·w_i) / (√V · √[(n w_i − w_i²)/(n − 1)])
 *
 * and while values and deltas are integers with nΣx² < 2⁵³ every sum, the numerator and V are
 * exact integers: no drift however many updates, and V = 0 (S = 0 → z = 0) is detected exactly.
 * For fractional data rounding accumulates; call resync() now and then.
 */
export class GiStarState {
  readonly index: NeighbourIndex;
  private readonly x: Float64Array;
  private readonly local: Float64Array;
  /** √[(n w_i − w_i²)/(n − 1)], fixed by the index. */
  private readonly weightScale: Float64Array;
  private total = 0;
  private totalSq = 0;

  /** `initial` is laid out by index position (see alignValues); it is copied. */
  constructor(index: NeighbourIndex, initial?: Float64Array) {
    const n = index.cells.length;
    if (initial && initial.length !== n) {
      throw new RangeError(`initial values (${initial.length}) do not match the index (${n})`);
    }
    this.index = index;
    this.x = initial ? Float64Array.from(initial) : new Float64Array(n);
    this.local = new Float64Array(n);
    this.weightScale = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const w = index.start[i + 1]! - index.start[i]!;
      this.weightScale[i] = n > 1 ? Math.sqrt((n * w - w * w) / (n - 1)) : 0;
    }
    this.resync();
  }

  get n(): number {
    return this.x.length;
  }

  /** Recompute every sum from the values: O(n·|k-ring|). */
  resync(): void {
    const { start, neighbours } = this.index;
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < this.n; i++) {
      const v = this.x[i]!;
      sum += v;
      sumSq += v * v;
      let l = 0;
      for (let e = start[i]!; e < start[i + 1]!; e++) l += this.x[neighbours[e]!]!;
      this.local[i] = l;
    }
    this.total = sum;
    this.totalSq = sumSq;
  }

  valueAt(i: number): number {
    return this.x[i]!;
  }

  /** Σx over the study area. */
  get sum(): number {
    return this.total;
  }

  /** Σx² over the study area. */
  get sumSq(): number {
    return this.totalSq;
  }

  /** L_i = Σ_{j∈N(i)} x_j, the neighbourhood sum at position i. */
  localAt(i: number): number {
    return this.local[i]!;
  }

  /** Add δ at position i: O(|k-ring|). */
  addAt(i: number, delta: number): void {
    const old = this.x[i]!;
    const next = old + delta;
    this.x[i] = next;
    this.total += delta;
    this.totalSq += next * next - old * old;
    const { start, neighbours } = this.index;
    for (let e = start[i]!; e < start[i + 1]!; e++) this.local[neighbours[e]!]! += delta;
  }

  /** Add δ to a cell's value. False (and nothing changes) if the cell is outside the study area. */
  add(cell: string, delta: number): boolean {
    const i = this.index.position.get(cell);
    if (i === undefined) return false;
    this.addAt(i, delta);
    return true;
  }

  /** Set a cell's value. False if the cell is outside the study area. */
  set(cell: string, value: number): boolean {
    const i = this.index.position.get(cell);
    if (i === undefined) return false;
    this.addAt(i, value - this.x[i]!);
    return true;
  }

  /** Gi* z-score at position i: O(1). */
  zAt(i: number): number {
    const w = this.index.start[i + 1]! - this.index.start[i]!;
    return giStarFromSums(this.n, this.total, this.totalSq, this.local[i]!, w, this.weightScale[i]!);
  }

  /** Gi* z-score of a cell, or undefined outside the study area: O(1). */
  zFor(cell: string): number | undefined {
    const i = this.index.position.get(cell);
    return i === undefined ? undefined : this.zAt(i);
  }

  /** Every z-score by index position: O(n), no ring walks. */
  zScores(out?: Float64Array): Float64Array {
    const z = out ?? new Float64Array(this.n);
    for (let i = 0; i < this.n; i++) z[i] = this.zAt(i);
    return z;
  }
}

/**
 * Gi* from the sums (formula above): n cells with Σx = sum and Σx² = sumSq, a neighbourhood of
 * w cells summing to `local`, and weightScale = √[(n w − w²)/(n − 1)]. 0 when S = 0 or w = n.
 */
export function giStarFromSums(
  n: number,
  sum: number,
  sumSq: number,
  local: number,
  w: number,
  weightScale: number,
): number {
  const v = n * sumSq - sum * sum;
  const den = Math.sqrt(Math.max(0, v)) * weightScale;
  return den > 0 ? (n * local - sum * w) / den : 0;
}
