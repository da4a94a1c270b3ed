/** Percentile of an unsorted sample (nearest-rank). Sorts a copy. */
export function percentile(values: ArrayLike<number>, p: number): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/**
 * A log-bucketed latency histogram (~1% relative precision), small enough to send over IPC from
 * a client process holding millions of samples. Keys are bucket indices, values counts.
 */
export type Histogram = Record<number, number>;

const BUCKETS_PER_E = 100;

export function histAdd(h: Histogram, ms: number, count = 1) {
  const key = Math.round(Math.log1p(Math.max(0, ms) * 1000) * BUCKETS_PER_E);
  h[key] = (h[key] ?? 0) + count;
}

export function histMerge(into: Histogram, from: Histogram) {
  for (const [k, v] of Object.entries(from)) into[Number(k)] = (into[Number(k)] ?? 0) + v;
}

export function histCount(h: Histogram): number {
  let n = 0;
  for (const v of Object.values(h)) n += v;
  return n;
}

/** Percentile of a histogram, in ms. */
export function histPercentile(h: Histogram, p: number): number | null {
  const keys = Object.keys(h)
    .map(Number)
    .sort((a, b) => a - b);
  const total = histCount(h);
  if (total === 0) return null;
  const target = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (const k of keys) {
    seen += h[k];
    if (seen >= target) return Math.expm1(k / BUCKETS_PER_E) / 1000;
  }
  return Math.expm1(keys[keys.length - 1] / BUCKETS_PER_E) / 1000;
}

/** Wall-clock milliseconds with sub-ms resolution, comparable across processes on one machine. */
export function wallNow(): number {
  return performance.timeOrigin + performance.now();
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function round(x: number | null, digits = 1): number | null {
  if (x === null || !Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
