import { gridDisk } from 'h3-js';

/**
 * Gi* straight from the textbook formula, walking gridDisk for every cell on every call: the
 * baseline the benchmark compares against, and the reference the tests check the fast path by.
 * Uses the raw moments S = √(Σx²/n − x̄²) exactly as ArcGIS documents them.
 */
export function naiveGiStar(
  values: ReadonlyMap<string, number>,
  studyCells: Iterable<string>,
  k: number,
): Map<string, number> {
  const study = new Set(studyCells);
  for (const c of values.keys()) study.add(c);
  const n = study.size;
  let sum = 0;
  let sumSq = 0;
  for (const c of study) {
    const v = values.get(c) ?? 0;
    sum += v;
    sumSq += v * v;
  }
  const mean = sum / n;
  const s = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
  const z = new Map<string, number>();
  for (const c of study) {
    let local = 0;
    let w = 0;
    for (const nb of gridDisk(c, k)) {
      if (!study.has(nb)) continue;
      local += values.get(nb) ?? 0;
      w++;
    }
    const den = s * Math.sqrt((n * w - w * w) / (n - 1));
    z.set(c, den > 0 ? (local - mean * w) / den : 0);
  }
  return z;
}
