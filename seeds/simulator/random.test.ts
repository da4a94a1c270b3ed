import { describe, expect, it } from 'vitest';
import { createRng, WeightedTable } from './random';

describe('random', () => {
  it('is deterministic and uniform-ish', () => {
    const a = createRng(123);
    const b = createRng(123);
    const xs = Array.from({ length: 100_000 }, () => a.next());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b.next()));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeCloseTo(0.5, 2);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
  });

  it('distributions have the right moments', () => {
    const rng = createRng('moments');
    const n = 100_000;
    let e = 0;
    let s = 0;
    let s2 = 0;
    const ln: number[] = [];
    for (let i = 0; i < n; i++) {
      e += rng.exponential(4);
      const z = rng.normal(10, 2);
      s += z;
      s2 += z * z;
      ln.push(rng.logNormalMedian(5, 0.7));
    }
    expect(e / n).toBeCloseTo(0.25, 2);
    expect(s / n).toBeCloseTo(10, 1);
    expect(Math.sqrt(s2 / n - (s / n) ** 2)).toBeCloseTo(2, 1);
    ln.sort((x, y) => x - y);
    expect(ln[n / 2]).toBeCloseTo(5, 0);
  });

  it('weighted picks follow the weights', () => {
    const rng = createRng(9);
    const table = new WeightedTable(['a', 'b', 'c'], [1, 3, 6]);
    const counts = { a: 0, b: 0, c: 0 } as Record<string, number>;
    for (let i = 0; i < 60_000; i++) counts[table.pick(rng)]++;
    expect(counts.a / 60_000).toBeCloseTo(0.1, 1);
    expect(counts.c / 60_000).toBeCloseTo(0.6, 1);
    let b = 0;
    for (let i = 0; i < 60_000; i++) if (rng.pickWeighted(['a', 'b'], [1, 3]) === 'b') b++;
    expect(b / 60_000).toBeCloseTo(0.75, 1);
  });
});
