import { describe, expect, it } from 'vitest';
import { bhAdjust, bhSignificant } from './fdr';

describe('Benjamini–Hochberg', () => {
  // m = 5, q = 0.05. Sorted: 0.005, 0.010, 0.029, 0.041, 0.200 against k/m·q = 0.01, 0.02, 0.03,
  // 0.04, 0.05 → ranks 1–3 pass, 4 (0.041 > 0.04) and 5 fail: the largest passing k is 3.
  // Adjusted p·m/k: 0.025, 0.025, 0.04833, 0.05125, 0.2 (already non-decreasing from the top).
  const P = [0.01, 0.041, 0.029, 0.2, 0.005];

  it('adjusts p-values by rank, in input order', () => {
    const adj = Array.from(bhAdjust(P));
    const expected = [0.025, 0.05125, (0.029 * 5) / 3, 0.2, 0.025];
    adj.forEach((a, i) => expect(a).toBeCloseTo(expected[i]!, 12));
  });

  it('rejects ranks 1..k for the largest passing k', () => {
    expect(bhSignificant(P, 0.05)).toEqual([true, false, true, false, true]);
  });

  it('is a step-up procedure: a rank that fails its own threshold is rescued by a later pass', () => {
    // m = 4, q = 0.05: thresholds 0.0125, 0.025, 0.0375, 0.05. p(1) = 0.02 > 0.0125 fails alone,
    // but p(3) = 0.022 ≤ 0.0375 passes, so ranks 1–3 are all rejected.
    // Adjusted: 0.02·4/1 = 0.08 → min(0.08, 0.042, 0.02933) = 0.02933; 0.021·4/2 = 0.042 → 0.02933.
    const p = [0.5, 0.022, 0.02, 0.021];
    expect(bhSignificant(p, 0.05)).toEqual([false, true, true, true]);
    expect(bhAdjust(p)[2]).toBeCloseTo(0.088 / 3, 12);
  });

  it('never adjusts below the raw p nor above 1, and keeps the order of p', () => {
    const p = [0.9, 0.5, 0.3, 0.0001, 0.7, 1, 0.04];
    const adj = bhAdjust(p);
    p.forEach((pi, i) => {
      expect(adj[i]).toBeGreaterThanOrEqual(pi);
      expect(adj[i]).toBeLessThanOrEqual(1);
      p.forEach((pj, j) => {
        if (pi < pj) expect(adj[i]).toBeLessThanOrEqual(adj[j]!);
      });
    });
  });

  it('treats NaN as p = 1 and handles the empty input', () => {
    expect(Array.from(bhAdjust([Number.NaN, 0.001]))).toEqual([1, 0.002]);
    expect(bhAdjust([]).length).toBe(0);
  });

  it.each([0, 1, -0.1, Number.NaN])('rejects FDR level %s', (q) => {
    expect(() => bhSignificant([0.01], q)).toThrow(RangeError);
  });
});
