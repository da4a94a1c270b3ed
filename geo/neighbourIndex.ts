import { getResolution, gridDisk } from 'h3-js';

/**
 * The study area of a hotspot analysis and each cell's k-ring inside it, in compressed sparse
 * row form. Building it is the only part of Gi* that calls h3-js (gridDisk ≈ 5–10 µs a cell,
 * ~30 ms for Hanoi at res 8); build it once per (study area, k) and reuse it for every daily
 * slice and every incremental update.
 *
 * Weights are binary and self-inclusive: w_ij = 1 iff j is within grid distance k of i and in
 * the study area. Grid distance is symmetric, so j ∈ N(i) ⇔ i ∈ N(j): a change at cell c
 * touches exactly the neighbourhood sums of N(c), which is what makes O(|k-ring|) updates work.
 */
export interface NeighbourIndex {
  readonly k: number;
  /** Position → cell. */
  readonly cells: readonly string[];
  /** Cell → position. */
  readonly position: ReadonlyMap<string, number>;
  /** Neighbours of cell i (itself included) are neighbours[start[i] .. start[i + 1]). */
  readonly start: Uint32Array;
  readonly neighbours: Uint32Array;
}

/** Ring radius when the caller does not say: at res 8 a 1-ring is 7 cells, ~5 km², ~2.8 km across. */
export const DEFAULT_RING_K = 1;

/**
 * Index the study area (duplicates ignored, first occurrence fixes the position). All cells must
 * share one resolution: rings never cross resolutions, so a mixed set would silently lose neighbours.
 */
export function buildNeighbourIndex(cells: Iterable<string>, k: number = DEFAULT_RING_K): NeighbourIndex {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`ring radius k must be an integer ≥ 0, got ${k}`);
  const list: string[] = [];
  const position = new Map<string, number>();
  let res = -1;
  for (const cell of cells) {
    if (position.has(cell)) continue;
    const r = getResolution(cell);
    if (r < 0) throw new RangeError(`not an H3 cell: ${cell}`);
    if (res === -1) res = r;
    else if (r !== res) throw new RangeError(`mixed resolutions in study area: ${res} and ${r} (${cell})`);
    position.set(cell, list.length);
    list.push(cell);
  }

  const n = list.length;
  const start = new Uint32Array(n + 1);
  // A full k-ring has 1 + 3k(k+1) cells; pentagons and the study edge only make it smaller.
  let buffer: Uint32Array = new Uint32Array(Math.max(1, n * (1 + 3 * k * (k + 1))));
  let used = 0;
  for (let i = 0; i < n; i++) {
    start[i] = used;
    for (const nb of gridDisk(list[i]!, k)) {
      const j = position.get(nb);
      if (j === undefined) continue; // outside the study area: w = 0
      if (used === buffer.length) buffer = grow(buffer);
      buffer[used++] = j;
    }
  }
  start[n] = used;
  return { k, cells: list, position, start, neighbours: buffer.slice(0, used) };
}

function grow(a: Uint32Array): Uint32Array {
  const b = new Uint32Array(a.length * 2);
  b.set(a);
  return b;
}

/**
 * Values laid out by index position (cells absent from `values` are 0). Cells of `values` outside
 * the study area cannot be placed; they are left out and counted in `outside`, so the caller can
 * log them (or widen the study area: e.g. polyfill the city with containmentOverlapping so a
 * report near the border always has a cell).
 */
export function alignValues(
  index: NeighbourIndex,
  values: ReadonlyMap<string, number>,
): { x: Float64Array; outside: number } {
  const x = new Float64Array(index.cells.length);
  let outside = 0;
  for (const [cell, v] of values) {
    const i = index.position.get(cell);
    if (i === undefined) outside++;
    else x[i] = v;
  }
  return { x, outside };
}
