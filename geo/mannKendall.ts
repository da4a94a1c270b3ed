import { twoSidedP } from './normal';

/**
 * Mann-Kendall trend test (Mann 1945; Kendall 1975 "Rank Correlation Methods"), the test ArcGIS's
 * Emerging Hot Spot Analysis runs on each location's series of Gi* z-scores. Formulas as in
 * Hipel & McLeod (1994) "Time Series Modelling of Water Resources", ch. 23:
 *
 *   S      = Σ_{i<j} sign(x_j − x_i)
 *   Var(S) = [n(n−1)(2n+5) − Σ_g t_g(t_g−1)(2t_g+5)] / 18     (t_g: size of tie group g)
 *   Z      = (S − 1)/√Var(S) if S > 0,  0 if S = 0,  (S + 1)/√Var(S) if S < 0   (continuity)
 *   p      = 2·(1 − Φ(|Z|))                                                       (two-sided)
 *
 * The normal approximation is what ArcGIS reports; it is rough below n ≈ 10 (exact tables exist),
 * which is one reason the emerging-hotspot window defaults to 14 daily slices.
 */
export interface MannKendall {
  n: number;
  s: number;
  varS: number;
  z: number;
  /** Two-sided p-value of Z. */
  p: number;
  /**
   * Kendall's tau-b between time and value: S / √(n₀(n₀ − n₁)), n₀ = n(n−1)/2 pairs and n₁ the
   * tied pairs (time itself has no ties). The sign is the direction of the trend; equals
   * R Kendall::MannKendall's tau.
   */
  tau: number;
}

/** The test on a series ordered oldest → newest. Values must be finite; ties compare exactly. */
export function mannKendall(series: ArrayLike<number>): MannKendall {
  const n = series.length;
  let s = 0;
  let tiedPairs = 0; // Σ t(t−1)/2 over tie groups = number of tied pairs
  for (let i = 0; i < n - 1; i++) {
    const xi = series[i]!;
    if (!Number.isFinite(xi)) throw new RangeError(`mannKendall: non-finite value at ${i}`);
    for (let j = i + 1; j < n; j++) {
      const d = series[j]! - xi;
      if (d > 0) s++;
      else if (d < 0) s--;
      else tiedPairs++;
    }
  }
  if (n > 0 && !Number.isFinite(series[n - 1]!)) {
    throw new RangeError(`mannKendall: non-finite value at ${n - 1}`);
  }

  const tieTerm = tiedPairs === 0 ? 0 : tieCorrection(series); // Gi* z-scores rarely tie

  const varS = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
  const sd = Math.sqrt(varS);
  const z = varS <= 0 || s === 0 ? 0 : s > 0 ? (s - 1) / sd : (s + 1) / sd;
  const pairs = (n * (n - 1)) / 2;
  const tauDen = Math.sqrt(pairs * (pairs - tiedPairs));
  return { n, s, varS, z, p: twoSidedP(z), tau: tauDen > 0 ? s / tauDen : 0 };
}

/** Σ t(t−1)(2t+5) over the tie groups: sort a copy and measure runs of equal values. */
function tieCorrection(series: ArrayLike<number>): number {
  const sorted = Float64Array.from(series).sort();
  let term = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i + 1;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    const t = j - i;
    term += t * (t - 1) * (2 * t + 5);
    i = j;
  }
  return term;
}
