/**
 * Emerging Hot Spot Analysis patterns, as ArcGIS Pro defines them in "How Emerging Hot Spot
 * Analysis works" (pro.arcgis.com/en/pro-app/latest/tool-reference/space-time-pattern-mining/
 * learnmoreemerging.htm). "Significant" means a 90%-confidence Gi* bin (|z| ≥ 1.645, or BH-adjusted
 * p ≤ 0.10 with FDR); a "trend" is a Mann-Kendall trend in the cell's Gi* z-scores with p ≤ 0.10.
 *
 *   New hot spot — significant hot spot for the final time step and never a significant hot spot before.
 *   Consecutive hot spot — a single uninterrupted run of (at least two, in the 3.x wording)
 *     significant hot spot bins in the final time steps; never a significant hot spot before the
 *     final run, and less than 90% of all bins are significant hot spots.
 *   Intensifying hot spot — significant hot spot for 90% of the time steps, including the final
 *     one, and the intensity of clustering of high counts is increasing, significantly.
 *   Persistent hot spot — significant hot spot for 90% of the time steps with no discernible
 *     trend in the intensity of clustering.
 *   Diminishing hot spot — significant hot spot for 90% of the time steps, including the final
 *     one, and the intensity of clustering is decreasing, significantly.
 *   Sporadic hot spot — significant hot spot for the final time step with a history of being an
 *     on-again, off-again hot spot; less than 90% of the time steps hot and none cold. (Pro 3.x
 *     wording; ArcMap and Pro 2.x lacked the final-step clause.)
 *   Oscillating hot spot — significant hot spot for the final time step with a history of also
 *     being a significant cold spot; less than 90% of the time steps hot.
 *   Historical hot spot — the most recent time step is not hot, but at least 90% of the time
 *     steps have been significant hot spots.
 *   The cold patterns mirror these ("intensifying cold": clustering of low counts growing
 *   stronger, i.e. z trending down). No pattern — none of the above.
 *
 * The text leaves overlaps; we resolve them as follows (rules 1 and 2 match the order in which
 * the R package sfdep, R/emerging-hostpot-classifications.R, tests the same ArcGIS list):
 *   1. The final step picks the family: final hot → a hot pattern, final cold → a cold pattern,
 *      final not significant → historical or no pattern. (13 hot days then a cold one is an
 *      oscillating cold spot, not a historical hot spot: it describes today.)
 *   2. New and consecutive need no significant bins at all before the final run; a cold history
 *      makes the cell oscillating, the pattern that names it.
 *   3. "Persistent" needs the final step hot, like intensifying and diminishing; with the final
 *      step not hot the cell is historical (else "historical" would be left to trending cells).
 * "90% of the time steps" is 10·count ≥ 9·steps, exactly: 13 of 14 daily slices.
 */
export const EHSA_PATTERNS = [
  'no-pattern',
  'new-hot-spot',
  'consecutive-hot-spot',
  'intensifying-hot-spot',
  'persistent-hot-spot',
  'diminishing-hot-spot',
  'sporadic-hot-spot',
  'oscillating-hot-spot',
  'historical-hot-spot',
  'new-cold-spot',
  'consecutive-cold-spot',
  'intensifying-cold-spot',
  'persistent-cold-spot',
  'diminishing-cold-spot',
  'sporadic-cold-spot',
  'oscillating-cold-spot',
  'historical-cold-spot',
] as const;
export type EhsaPattern = (typeof EHSA_PATTERNS)[number];

/** Mann-Kendall trend significance ArcGIS uses for intensifying/diminishing: 90% confidence. */
export const TREND_ALPHA = 0.1;

type Kind =
  | 'new'
  | 'consecutive'
  | 'intensifying'
  | 'persistent'
  | 'diminishing'
  | 'sporadic'
  | 'oscillating'
  | 'historical';

/**
 * Classify one location. `significance[t]` is +1 (significant hot), −1 (significant cold) or 0
 * for each time step, oldest → newest; `trend` is the Mann-Kendall test on its z-scores.
 */
export function classifyEhsa(significance: ArrayLike<number>, trend: { z: number; p: number }): EhsaPattern {
  const steps = significance.length;
  if (steps === 0) return 'no-pattern';
  let hot = 0;
  let cold = 0;
  for (let t = 0; t < steps; t++) {
    if (significance[t]! > 0) hot++;
    else if (significance[t]! < 0) cold++;
  }
  const mostly = (count: number) => 10 * count >= 9 * steps;
  const last = Math.sign(significance[steps - 1]!);

  if (last === 0) {
    if (mostly(hot)) return 'historical-hot-spot';
    if (mostly(cold)) return 'historical-cold-spot';
    return 'no-pattern';
  }
  // Mirror cold onto hot: `same` counts bins of the final step's sign, `other` the opposite.
  const same = last > 0 ? hot : cold;
  const other = last > 0 ? cold : hot;
  const trending = trend.p <= TREND_ALPHA && trend.z !== 0;
  const strengthening = trending && Math.sign(trend.z) === last;
  let kind: Kind;
  if (mostly(same)) {
    kind = !trending ? 'persistent' : strengthening ? 'intensifying' : 'diminishing';
  } else if (other > 0) {
    kind = 'oscillating';
  } else if (same === 1) {
    kind = 'new';
  } else if (finalRun(significance, last) === same) {
    kind = 'consecutive';
  } else {
    kind = 'sporadic';
  }
  return `${kind}-${last > 0 ? 'hot' : 'cold'}-spot`;
}

/** Length of the run of bins equal to `sign` ending at the final step. */
function finalRun(significance: ArrayLike<number>, sign: number): number {
  let run = 0;
  for (let t = significance.length - 1; t >= 0 && Math.sign(significance[t]!) === sign; t--) run++;
  return run;
}
