import { describe, expect, it } from 'vitest';
import { erf, normalCdf, twoSidedP } from './normal';

/** The brief's bar; the implementation does ~1e-15 absolute. */
const MAX_ABS_ERROR = 1e-7;

// Reference values: mpmath.ncdf at 40 significant digits (and Python's math.erf), rounded to doubles.
const PHI: Array<[number, number]> = [
  [-8, 6.220960574271819e-16],
  [-6, 9.865876450377012e-10],
  [-5, 2.866515718791946e-7],
  [-4, 3.1671241833119965e-5],
  [-3, 0.0013498980316300957],
  [-2.576, 0.004997532315735019],
  [-1.96, 0.024997895148220435],
  [-1.645, 0.04998490553912137],
  [-1, 0.15865525393145707],
  [-0.5, 0.3085375387259869],
  [0, 0.5],
  [0.5, 0.6914624612740131],
  [1, 0.8413447460685429],
  [1.645, 0.9500150944608786],
  [1.96, 0.9750021048517795],
  [2.576, 0.995002467684265],
  [3, 0.9986501019683699],
  [5, 0.9999997133484281],
];

describe('normalCdf', () => {
  it.each(PHI)('Φ(%s) = %s', (x, expected) => {
    expect(Math.abs(normalCdf(x) - expected)).toBeLessThan(MAX_ABS_ERROR);
  });

  // 1 − Φ(|x|) computed naively would be 0 or pure rounding noise this far out.
  it.each(PHI.filter(([x]) => x <= -3))('keeps relative accuracy in the lower tail at %s', (x, expected) => {
    expect(Math.abs(normalCdf(x) / expected - 1)).toBeLessThan(1e-7);
  });

  it('is symmetric, monotone and bounded on a fine grid', () => {
    let prev = 0;
    let worstAsymmetry = 0;
    let monotoneAndBounded = true;
    for (let i = -4000; i <= 4000; i++) {
      const x = i / 100;
      const v = normalCdf(x);
      if (v < prev || v < 0 || v > 1) monotoneAndBounded = false;
      worstAsymmetry = Math.max(worstAsymmetry, Math.abs(v + normalCdf(-x) - 1));
      prev = v;
    }
    expect(monotoneAndBounded).toBe(true);
    expect(worstAsymmetry).toBeLessThan(1e-15);
  });

  it('passes NaN through', () => {
    expect(normalCdf(Number.NaN)).toBeNaN();
    expect(twoSidedP(Number.NaN)).toBeNaN();
    expect(erf(Number.NaN)).toBeNaN();
  });
});

describe('twoSidedP', () => {
  it.each([
    [0, 1],
    [1.645, 0.09996981107824272], // the 90% bin edge
    [-1.96, 0.04999579029644087], // the 95% bin edge
    [2.576, 0.009995064631470034], // the 99% bin edge
    [6, 1.973175290075396e-9],
  ])('p(%s) = %s', (z, expected) => {
    expect(Math.abs(twoSidedP(z) - expected)).toBeLessThan(MAX_ABS_ERROR);
    expect(Math.abs(twoSidedP(z) / expected - 1)).toBeLessThan(1e-7);
  });
});

describe('erf', () => {
  it.each([
    [0, 0],
    [0.1, 0.1124629160182849],
    [0.5, 0.5204998778130465],
    [1, 0.8427007929497149],
    [2, 0.9953222650189527],
    [3, 0.9999779095030014],
    [-1, -0.8427007929497149],
  ])('erf(%s) = %s', (x, expected) => {
    expect(Math.abs(erf(x) - expected)).toBeLessThan(MAX_ABS_ERROR);
  });
});
