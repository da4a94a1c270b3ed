/**
 * Hot/cold-spot confidence bins as ArcGIS "Hot Spot Analysis (Getis-Ord Gi*)" reports them in
 * Gi_Bin: ±3 at 99%, ±2 at 95%, ±1 at 90% confidence, 0 not significant. The z cut-offs are the
 * two-sided normal critical values.
 */
export const Z_90 = 1.645;
export const Z_95 = 1.96;
export const Z_99 = 2.576;

/** The significance levels α matching the bins (two-sided p-value thresholds). */
export const ALPHA_90 = 0.1;
export const ALPHA_95 = 0.05;
export const ALPHA_99 = 0.01;

export type ConfidenceBin = -3 | -2 | -1 | 0 | 1 | 2 | 3;

/** Bin of a z-score, uncorrected for multiple testing. */
export function binOfZ(z: number): ConfidenceBin {
  const a = Math.abs(z);
  const level = a >= Z_99 ? 3 : a >= Z_95 ? 2 : a >= Z_90 ? 1 : 0;
  return (z < 0 ? -level : level) as ConfidenceBin;
}

/**
 * Bin from a (typically FDR-adjusted) p-value, signed by z: a cell keeps the highest confidence
 * whose α its p-value meets. With raw p-values this agrees with binOfZ up to the rounding of
 * the z cut-offs (p(1.645) = 0.09997 ≤ 0.10).
 */
export function binOfP(z: number, p: number): ConfidenceBin {
  const level = p <= ALPHA_99 ? 3 : p <= ALPHA_95 ? 2 : p <= ALPHA_90 ? 1 : 0;
  return (z < 0 ? -level : level) as ConfidenceBin;
}
