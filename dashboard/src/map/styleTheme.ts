/**
 * Fits the basemap style to the theme without a second style file: when the style's background is
 * light and the theme is dark (or the reverse), every colour in the paint properties gets its lightness
 * inverted and its saturation toned down. A style already in the theme's key is returned untouched. Pure.
 */
import type { Theme } from './colour';

/** The part of a MapLibre style this module reads (structurally compatible with StyleSpecification). */
export interface StyleLayer {
  id: string;
  type: string;
  paint?: Record<string, unknown>;
  layout?: Record<string, unknown>;
  [key: string]: unknown;
}
export interface MapStyle {
  version: 8;
  glyphs?: string;
  sources: Record<string, unknown>;
  layers: StyleLayer[];
  [key: string]: unknown;
}
type StyleSpecification = MapStyle;
type LayerSpecification = StyleLayer;

interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

export function parseColour(input: string): Rgba | null {
  const s = input.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/.exec(s);
  if (hex) {
    let h = hex[1];
    if (h.length <= 4) h = [...h].map((c) => c + c).join('');
    const a = h.length === 8 ? parseInt(h.slice(6, 8), 16) / 255 : 1;
    return { r: parseInt(h.slice(0, 2), 16), g: parseInt(h.slice(2, 4), 16), b: parseInt(h.slice(4, 6), 16), a };
  }
  const fn = /^(rgba?|hsla?)\(([^)]*)\)$/.exec(s);
  if (!fn) return null;
  const parts = fn[2].split(/[\s,/]+/).filter(Boolean);
  if (parts.length < 3) return null;
  const n = (p: string, scale: number) => (p.endsWith('%') ? (parseFloat(p) / 100) * scale : parseFloat(p));
  const a = parts[3] === undefined ? 1 : n(parts[3], 1);
  if (fn[1].startsWith('rgb')) {
    const [r, g, b] = parts.slice(0, 3).map((p) => n(p, 255));
    return [r, g, b, a].every(Number.isFinite) ? { r, g, b, a } : null;
  }
  const h = parseFloat(parts[0]);
  const sat = n(parts[1], 1);
  const l = n(parts[2], 1);
  if (![h, sat, l, a].every(Number.isFinite)) return null;
  return { ...hslToRgb(h, sat, l), a };
}

function rgbToHsl({ r, g, b }: Rgba): [number, number, number] {
  const R = r / 255;
  const G = g / 255;
  const B = b / 255;
  const max = Math.max(R, G, B);
  const min = Math.min(R, G, B);
  const l = (max + min) / 2;
  if (max === min) return [0, 0, l];
  const d = max - min;
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
  const h = max === R ? (G - B) / d + (G < B ? 6 : 0) : max === G ? (B - R) / d + 2 : (R - G) / d + 4;
  return [h * 60, s, l];
}

function hslToRgb(h: number, s: number, l: number): { r: number; g: number; b: number } {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return { r: Math.round(f(0) * 255), g: Math.round(f(8) * 255), b: Math.round(f(4) * 255) };
}

/** Relative luminance (WCAG), 0 = black, 1 = white. */
export function luminance({ r, g, b }: Rgba): number {
  const lin = (c: number) => {
    const x = c / 255;
    return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** Lightness flipped into [0.08, 0.92], saturation × 0.6: a light basemap becomes a calm dark one. */
export function invertColour(input: string): string {
  const c = parseColour(input);
  if (!c) return input;
  const [h, s, l] = rgbToHsl(c);
  const { r, g, b } = hslToRgb(h, s * 0.6, 0.08 + (1 - l) * 0.84);
  return c.a >= 1 ? `rgb(${r}, ${g}, ${b})` : `rgba(${r}, ${g}, ${b}, ${+c.a.toFixed(3)})`;
}

function mapColours(value: unknown): unknown {
  if (typeof value === 'string') return parseColour(value) ? invertColour(value) : value;
  if (Array.isArray(value)) return value.map(mapColours);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapColours(v)]));
  }
  return value;
}

export function styleBackground(style: StyleSpecification): string | null {
  const bg = style.layers.find((l) => l.type === 'background');
  const c = bg?.paint?.['background-color'];
  return typeof c === 'string' ? c : null;
}

export function isDarkStyle(style: StyleSpecification): boolean | null {
  const bg = styleBackground(style);
  const c = bg ? parseColour(bg) : null;
  return c ? luminance(c) < 0.2 : null;
}

/** A layer that needs glyphs (text) in a style that has none would fail validation: drop it. */
function needsGlyphs(layer: LayerSpecification): boolean {
  return layer.type === 'symbol' && layer.layout?.['text-field'] !== undefined;
}

export function themeStyle(style: StyleSpecification, theme: Theme): StyleSpecification {
  const dark = isDarkStyle(style);
  const invert = dark !== null && dark !== (theme === 'dark');
  const dropText = !style.glyphs && style.layers.some(needsGlyphs);
  if (!invert && !dropText) return style;
  const layers = style.layers
    .filter((l) => style.glyphs || !needsGlyphs(l))
    .map((layer) => {
      if (!invert || !layer.paint) return layer;
      const paint = Object.fromEntries(
        Object.entries(layer.paint).map(([k, v]) => [k, k.endsWith('-color') ? mapColours(v) : v]),
      );
      return { ...layer, paint };
    });
  return { ...style, layers };
}

/** A plain background style, used when the city's basemap cannot be loaded (the data still shows). */
export function fallbackStyle(theme: Theme): StyleSpecification {
  return {
    version: 8,
    sources: {},
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': theme === 'dark' ? '#0e1116' : '#eef0f2' } },
    ],
  };
}
