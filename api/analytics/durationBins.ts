/**
 * Durations (hours) binned on a log scale, so that medians and p90s over a million reports are a
 * walk over a histogram instead of a sort. Bins are 1/64 octave wide (×1.011), from one minute to
 * about two years: a bin's representative (its geometric centre) is within 0.55% of every value
 * in it, below the 0.1 h the API rounds to for anything under ~18 h.
 *
 * Bin 0 means "no value"; bin 1 holds everything under a minute; bin b ≥ 2 holds
 * [MIN_HOURS · 2^((b−2)/64), MIN_HOURS · 2^((b−1)/64)).
 */
export const BINS_PER_OCTAVE = 64;
/** One minute: nothing a desk measures is meaningfully shorter. */
export const MIN_HOURS = 1 / 60;
/** 2^20 minutes ≈ 2 years; anything longer lands in the last bin. */
const OCTAVES = 20;
export const DURATION_BINS = 2 + OCTAVES * BINS_PER_OCTAVE;

export function durationBin(hours: number | null): number {
  if (hours === null || !Number.isFinite(hours)) return 0;
  if (hours < MIN_HOURS) return 1;
  const b = 2 + Math.floor(Math.log2(hours / MIN_HOURS) * BINS_PER_OCTAVE);
  return Math.min(DURATION_BINS - 1, b);
}

/** The value a bin stands for: its geometric centre (half a minute for bin 1). */
export function binHours(bin: number): number {
  if (bin <= 0) return Number.NaN;
  if (bin === 1) return MIN_HOURS / 2;
  return MIN_HOURS * 2 ** ((bin - 1.5) / BINS_PER_OCTAVE);
}

/**
 * Nearest-rank percentile (as SQL's percentile_disc: the smallest value with at least q of the
 * values at or below it) of the histogram `counts[offset .. offset + DURATION_BINS)`, or null
 * when it is empty.
 */
export function histogramPercentile(counts: Int32Array, offset: number, total: number, q: number): number | null {
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (let b = 1; b < DURATION_BINS; b++) {
    seen += counts[offset + b]!;
    if (seen >= rank) return binHours(b);
  }
  return binHours(DURATION_BINS - 1);
}

/** How many values the histogram `counts[offset .. offset + DURATION_BINS)` holds (bin 0 is "no value"). */
export function histogramSize(counts: Int32Array, offset: number): number {
  let n = 0;
  for (let b = 1; b < DURATION_BINS; b++) n += counts[offset + b]!;
  return n;
}
