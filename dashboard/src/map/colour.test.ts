import { describe, expect, it } from 'vitest';
import {
  CIVIDIS,
  VIRIDIS,
  legendStops,
  logScale,
  paletteFor,
  parseHex,
  quantileBreaks,
  quantileScale,
  sample,
  toCss,
} from './colour';

describe('sample', () => {
  it.each([
    [0, VIRIDIS[0]],
    [1, VIRIDIS[8]],
    [0.5, VIRIDIS[4]],
    [-3, VIRIDIS[0]],
    [7, VIRIDIS[8]],
    [NaN, VIRIDIS[0]],
  ])('viridis at %s', (t, want) => expect(sample(VIRIDIS, t)).toEqual(want));

  it('interpolates between samples', () => {
    const mid = sample(VIRIDIS, 1 / 16); // halfway between samples 0 and 1
    expect(mid).toEqual([70, 21, 102]);
  });
});

describe('paletteFor', () => {
  it('keeps dark-to-bright on the dark theme and reverses on the light one', () => {
    expect(paletteFor(CIVIDIS, 'dark')[0]).toEqual(CIVIDIS[0]);
    expect(paletteFor(CIVIDIS, 'light')[0]).toEqual(CIVIDIS[8]);
    expect(CIVIDIS[0]).toEqual([0, 32, 76]); // not mutated
  });
});

describe('logScale', () => {
  const s = logScale([0, 1, 10, 100], VIRIDIS);
  it('maps 0 to the low end and the max to the high end', () => {
    expect(s.domain).toEqual([0, 100]);
    expect(s.colour(0)).toEqual(VIRIDIS[0]);
    expect(s.colour(100)).toEqual(VIRIDIS[8]);
  });
  it('spreads small counts apart (log, not linear)', () => {
    // linearly, 10 would sit at 10% of the ramp; in log space it is at about half
    expect(s.colour(10)).toEqual(sample(VIRIDIS, Math.log1p(10) / Math.log1p(100)));
  });
  it('survives an empty or all-zero input', () => {
    expect(logScale([], VIRIDIS).colour(5)).toEqual(VIRIDIS[0]);
    expect(logScale([0, 0], VIRIDIS).domain).toEqual([0, 0]);
  });
  it('gives legend stops from min to max, whole and increasing', () => {
    const stops = legendStops(s, 5);
    expect(stops.map((x) => x.value)).toEqual([0, 2, 9, 31, 100]);
    expect(stops[0].colour).toEqual(VIRIDIS[0]);
    expect(stops[4].colour).toEqual(VIRIDIS[8]);
  });
  it('collapses duplicate stops for a tiny range', () => {
    expect(legendStops(logScale([0, 1], VIRIDIS), 5).map((x) => x.value)).toEqual([0, 1]);
    expect(legendStops(logScale([3, 3], VIRIDIS)).map((x) => x.value)).toEqual([3]);
  });
});

describe('quantileScale', () => {
  it('makes equal-count classes', () => {
    const values = Array.from({ length: 100 }, (_, i) => i);
    expect(quantileBreaks(values, 5)).toEqual([20, 40, 60, 80]);
    const s = quantileScale(values, VIRIDIS, 5);
    expect(s.colour(0)).toEqual(VIRIDIS[0]);
    expect(s.colour(19.9)).toEqual(VIRIDIS[0]);
    expect(s.colour(20)).toEqual(VIRIDIS[2]);
    expect(s.colour(99)).toEqual(VIRIDIS[8]);
  });
  it('merges classes that a skewed distribution makes empty', () => {
    const s = quantileScale([0, 0, 0, 0, 0, 0, 0, 0, 5, 9], VIRIDIS, 5);
    expect(s.breaks).toEqual([5]);
    expect(s.colour(0)).toEqual(VIRIDIS[0]);
    expect(s.colour(9)).toEqual(VIRIDIS[8]);
  });
  it('describes its classes as legend stops, lower bounds then the max', () => {
    const s = quantileScale([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], CIVIDIS, 5);
    expect(legendStops(s).map((x) => x.value)).toEqual([1, 3, 5, 7, 9, 10]);
  });
  it('ignores non-finite values and handles none', () => {
    const s = quantileScale([NaN, Infinity], VIRIDIS);
    expect(s.domain).toEqual([0, 0]);
    expect(s.colour(1)).toEqual(sample(VIRIDIS, 0.5));
  });
});

describe('css helpers', () => {
  it.each([
    ['#fff', [255, 255, 255]],
    ['#0E1116', [14, 17, 22]],
    ['red', null],
  ])('parseHex(%s)', (hex, want) => expect(parseHex(hex)).toEqual(want));
  it('formats rgb', () => {
    expect(toCss([1, 2, 3])).toBe('rgb(1 2 3)');
    expect(toCss([1, 2, 3], 0.5)).toBe('rgb(1 2 3 / 0.5)');
  });
});
