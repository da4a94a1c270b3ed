import { describe, expect, it } from 'vitest';
import { mannKendall } from './mannKendall';

describe('mannKendall', () => {
  it('matches a hand-computed example with a tie', () => {
    // x = [1, 3, 2, 2, 5], n = 5. sign(x_j − x_i) for i < j:
    //   i=1 (1): +,+,+,+ → +4     i=2 (3): −,−,+ → −1     i=3 (2): 0,+ → +1     i=4 (2): + → +1
    //   S = 4 − 1 + 1 + 1 = 5
    // One tie group {2, 2}, t = 2: t(t−1)(2t+5) = 2·1·9 = 18.
    //   Var(S) = [5·4·15 − 18] / 18 = 282/18 = 15.6667
    //   Z = (S − 1)/√Var(S) = 4/3.95811 = 1.010582
    //   p = 2·(1 − Φ(1.010582)) = 0.312216
    //   tau-b = S/√(n₀(n₀ − n₁)) = 5/√(10·9) = 0.527046   (scipy.stats.kendalltau agrees)
    const r = mannKendall([1, 3, 2, 2, 5]);
    expect(r.n).toBe(5);
    expect(r.s).toBe(5);
    expect(r.varS).toBeCloseTo(282 / 18, 12);
    expect(r.z).toBeCloseTo(1.0105823052798228, 9);
    expect(r.p).toBeCloseTo(0.3122163883433192, 7);
    expect(r.tau).toBeCloseTo(0.5270462766947299, 12);
  });

  it('finds a significant rising trend in 14 strictly increasing values', () => {
    // S = C(14,2) = 91, no ties: Var = 14·13·33/18 = 333.667, Z = 90/18.2666 = 4.92702.
    const r = mannKendall(Array.from({ length: 14 }, (_, i) => i * 0.3 - 1));
    expect(r.s).toBe(91);
    expect(r.varS).toBeCloseTo(6006 / 18, 12);
    expect(r.z).toBeCloseTo(90 / Math.sqrt(6006 / 18), 12);
    expect(r.p).toBeLessThan(1e-5);
    expect(r.tau).toBe(1);
  });

  it('is antisymmetric under reversal of time', () => {
    const x = [0.2, -1.1, 3.4, 3.4, 2.0, 0.7, 5.1, 4.4];
    const f = mannKendall(x);
    const b = mannKendall([...x].reverse());
    expect(b.s).toBe(-f.s);
    expect(b.z).toBeCloseTo(-f.z, 12);
    expect(b.p).toBeCloseTo(f.p, 12);
    expect(b.tau).toBeCloseTo(-f.tau, 12);
  });

  it('applies the continuity correction: |S| = 1 gives Z = 0', () => {
    // [1, 3, 2]: pairs +, +, − → S = 1, Var = 3·2·11/18 = 3.667, Z = (1 − 1)/… = 0.
    const r = mannKendall([1, 3, 2]);
    expect(r.s).toBe(1);
    expect(r.z).toBe(0);
    expect(r.p).toBe(1);
  });

  it.each([
    ['empty', []],
    ['one value', [4]],
    ['all tied', [2, 2, 2, 2]],
  ])('returns no trend for %s', (_, x) => {
    const r = mannKendall(x);
    expect(r.s).toBe(0);
    expect(r.z).toBe(0);
    expect(r.p).toBe(1);
    expect(r.tau).toBe(0);
  });

  it('rejects non-finite values', () => {
    expect(() => mannKendall([1, Number.NaN, 2])).toThrow(RangeError);
    expect(() => mannKendall([1, 2, Infinity])).toThrow(RangeError);
  });
});
