import { describe, expect, it } from 'vitest';
import { DURATION_BINS, binHours, durationBin, histogramPercentile, histogramSize } from './durationBins';

describe('duration bins', () => {
  it.each([0.02, 0.5, 1, 2, 6.3, 40, 168, 2_000])('represent %s h within 0.55%', (h) => {
    expect(Math.abs(binHours(durationBin(h)) / h - 1)).toBeLessThan(0.0055);
  });

  it('keep "no value", sub-minute and very long durations apart', () => {
    expect(durationBin(null)).toBe(0);
    expect(durationBin(Number.NaN)).toBe(0);
    expect(durationBin(0)).toBe(1);
    expect(durationBin(1e9)).toBe(DURATION_BINS - 1);
  });

  it('give nearest-rank percentiles, as percentile_disc does', () => {
    const counts = new Int32Array(DURATION_BINS);
    for (const h of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) counts[durationBin(h)]++;
    // To the 0.1 h the API reports.
    const at = (q: number) => Math.round(histogramPercentile(counts, 0, 10, q)! * 10) / 10;
    expect([at(0.5), at(0.9), at(1)]).toEqual([5, 9, 10]);
    counts[0] = 7; // "no value": neither counted nor walked
    expect(histogramSize(counts, 0)).toBe(10);
    expect(at(0.5)).toBe(5);
    expect(histogramPercentile(counts, 0, 0, 0.5)).toBeNull();
  });
});
