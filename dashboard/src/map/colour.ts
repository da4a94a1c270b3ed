/**
 * Colour scales for the map: colour-blind-safe sequential palettes (viridis, cividis), a log scale
 * for heavy-tailed counts and a quantile scale for rates, each able to describe itself as legend stops.
 * Pure: no DOM, no deck.gl.
 */

export type RGB = [number, number, number];
export type RGBA = [number, number, number, number];

/** matplotlib's viridis sampled at 9 even steps (perceptually uniform, readable with every common colour-vision deficiency). */
export const VIRIDIS: readonly RGB[] = [
  [68, 1, 84],
  [72, 40, 120],
  [62, 73, 137],
  [49, 104, 142],
  [38, 130, 142],
  [31, 158, 137],
  [53, 183, 121],
  [110, 206, 88],
  [253, 231, 37],
];

/** cividis (Nuñez, Anderton & Renslow 2018), optimised for deuteranopia; sampled at 9 even steps. */
export const CIVIDIS: readonly RGB[] = [
  [0, 32, 76],
  [0, 52, 110],
  [60, 74, 107],
  [91, 95, 109],
  [117, 117, 117],
  [146, 140, 120],
  [176, 165, 114],
  [209, 191, 102],
  [255, 233, 69],
];

export type Theme = 'light' | 'dark';

/**
 * Dark theme: low values dark (they sink into the dark basemap), high values bright.
 * Light theme: reversed, so "more" is darker on a light basemap as readers expect.
 */
export function paletteFor(palette: readonly RGB[], theme: Theme): readonly RGB[] {
  return theme === 'dark' ? palette : [...palette].reverse();
}

/** The palette's colour at t ∈ [0, 1] (clamped), linearly interpolated between samples. */
export function sample(palette: readonly RGB[], t: number): RGB {
  const x = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0;
  const pos = x * (palette.length - 1);
  const i = Math.min(palette.length - 2, Math.floor(pos));
  const f = pos - i;
  const a = palette[i];
  const b = palette[i + 1];
  return [
    Math.round(a[0] + (b[0] - a[0]) * f),
    Math.round(a[1] + (b[1] - a[1]) * f),
    Math.round(a[2] + (b[2] - a[2]) * f),
  ];
}

export interface LegendStop {
  /** The value at this stop (a class's lower bound for a quantile scale). */
  value: number;
  colour: RGB;
}

export interface Scale {
  kind: 'log' | 'quantile';
  /** Smallest and largest value seen; [0, 0] when there was nothing to scale. */
  domain: [number, number];
  colour(value: number): RGB;
}

/**
 * log(1 + v) / log(1 + max): counts per cell span 1 to several hundred, and a linear scale would paint
 * all but the busiest few cells the same colour.
 */
export function logScale(values: Iterable<number>, palette: readonly RGB[]): Scale {
  let max = 0;
  let min = Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v > max) max = v;
    if (v < min) min = v;
  }
  if (min === Infinity) min = 0;
  const denom = Math.log1p(Math.max(max, 0));
  return {
    kind: 'log',
    domain: [Math.max(0, min), max],
    colour: (v) => sample(palette, denom > 0 && v > 0 ? Math.log1p(v) / denom : 0),
  };
}

/** The quantile breaks: `classes - 1` inner thresholds, deduplicated, ascending. */
export function quantileBreaks(sorted: readonly number[], classes: number): number[] {
  const out: number[] = [];
  if (sorted.length === 0) return out;
  for (let i = 1; i < classes; i++) {
    const q = sorted[Math.min(sorted.length - 1, Math.floor((i * sorted.length) / classes))];
    if (q > sorted[0] && (out.length === 0 || q > out[out.length - 1])) out.push(q);
  }
  return out;
}

export interface QuantileScale extends Scale {
  kind: 'quantile';
  /** Inner thresholds: class k holds breaks[k-1] <= v < breaks[k]. */
  breaks: number[];
}

/** Equal-count classes: every colour covers about the same number of areas, whatever the skew. */
export function quantileScale(values: Iterable<number>, palette: readonly RGB[], classes = 5): QuantileScale {
  const sorted = [...values].filter(Number.isFinite).sort((a, b) => a - b);
  const breaks = quantileBreaks(sorted, classes);
  const n = breaks.length + 1;
  const colours = Array.from({ length: n }, (_, k) => sample(palette, n === 1 ? 0.5 : k / (n - 1)));
  return {
    kind: 'quantile',
    domain: sorted.length ? [sorted[0], sorted[sorted.length - 1]] : [0, 0],
    breaks,
    colour: (v) => colours[classOf(breaks, v)],
  };
}

function classOf(breaks: readonly number[], v: number): number {
  let lo = 0;
  let hi = breaks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v >= breaks[mid]) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * What a legend shows for a scale. Log: `count` stops from min to max, spaced evenly in log space and
 * rounded to whole numbers (these are counts). Quantile: each class's lower bound, then the maximum.
 */
export function legendStops(scale: Scale, count = 5): LegendStop[] {
  const [min, max] = scale.domain;
  if (scale.kind === 'quantile') {
    const q = scale as QuantileScale;
    const lows = [min, ...q.breaks];
    const stops = lows.map((value) => ({ value, colour: scale.colour(value) }));
    if (max > min) stops.push({ value: max, colour: scale.colour(max) });
    return stops;
  }
  if (max <= min) return [{ value: max, colour: scale.colour(max) }];
  const lo = Math.log1p(min);
  const hi = Math.log1p(max);
  const values: number[] = [];
  for (let i = 0; i < count; i++) {
    const v = i === 0 ? min : i === count - 1 ? max : Math.round(Math.expm1(lo + ((hi - lo) * i) / (count - 1)));
    if (values.length === 0 || v > values[values.length - 1]) values.push(v);
  }
  return values.map((value) => ({ value, colour: scale.colour(value) }));
}

export function withAlpha([r, g, b]: RGB, alpha: number): RGBA {
  return [r, g, b, Math.round(Math.min(255, Math.max(0, alpha)))];
}

export function toCss([r, g, b]: readonly number[], alpha = 1): string {
  return alpha >= 1 ? `rgb(${r} ${g} ${b})` : `rgb(${r} ${g} ${b} / ${alpha})`;
}

/** '#rrggbb' or '#rgb' → RGB; null for anything else. */
export function parseHex(hex: string): RGB | null {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return null;
  const h = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)];
}
