/**
 * Benjamini–Hochberg false-discovery-rate control (Benjamini & Hochberg 1995, "Controlling the
 * false discovery rate", JRSS B 57(1)). With m tests and p-values sorted p(1) ≤ … ≤ p(m), reject
 * the hypotheses of ranks 1..k for the largest k with p(k) ≤ (k/m)·q. Testing ~5,000 hexes at
 * 90% confidence would otherwise flag ~500 of them by chance alone.
 *
 * Equivalently (and handier for several confidence levels at once), the BH-adjusted p-value
 * p̃(i) = min over j ≥ i of min(1, p(j)·m/j), and a test is rejected at level q iff p̃ ≤ q.
 */

/** BH-adjusted p-values, in input order. NaN counts as p = 1 (a test that can never reject). */
export function bhAdjust(pValues: ArrayLike<number>): Float64Array {
  const m = pValues.length;
  const adjusted = new Float64Array(m);
  if (m === 0) return adjusted;
  const p = (i: number) => (Number.isNaN(pValues[i]!) ? 1 : pValues[i]!);
  const order = Uint32Array.from({ length: m }, (_, i) => i).sort((a, b) => p(a) - p(b));
  // Walk from the largest p down, carrying the running minimum (the step-up).
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const i = order[rank - 1]!;
    running = Math.min(running, (p(i) * m) / rank);
    adjusted[i] = running;
  }
  return adjusted;
}

/** Which tests stay significant at false-discovery rate q (e.g. 0.05), in input order. */
export function bhSignificant(pValues: ArrayLike<number>, q: number): boolean[] {
  if (!(q > 0 && q < 1)) throw new RangeError(`FDR level must be in (0, 1), got ${q}`);
  return Array.from(bhAdjust(pValues), (a) => a <= q);
}
