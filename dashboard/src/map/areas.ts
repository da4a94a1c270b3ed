/** Areas: the choropleth's rate, and the names written on the map. Pure. */
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { CIVIDIS, paletteFor, quantileScale, type QuantileScale, type Theme } from './colour';
import { labelPoint, largestPolygon, ringArea } from './labelPoint';
import type { Lang } from './text';
import type { AreaDatum } from './types';

export const PER_RESIDENTS = 10_000;

/** Open backlog per 10,000 residents; null when the population is unknown. */
export function openPer10k(d: Pick<AreaDatum, 'open' | 'population'> | undefined): number | null {
  if (!d || d.population === null || !(d.population > 0)) return null;
  return (d.open / d.population) * PER_RESIDENTS;
}

/** Five equal-count classes of open-per-10,000 over the areas that have a population. */
export function choroplethScale(values: ReadonlyMap<string, AreaDatum>, theme: Theme): QuantileScale {
  const rates: number[] = [];
  for (const d of values.values()) {
    const r = openPer10k(d);
    if (r !== null) rates.push(r);
  }
  return quantileScale(rates, paletteFor(CIVIDIS, theme), 5);
}

export function areaCode(f: Feature | null | undefined): string | null {
  const p = f?.properties as Record<string, unknown> | null | undefined;
  const code = p?.code ?? f?.id;
  return typeof code === 'string' ? code : typeof code === 'number' ? String(code) : null;
}

export interface AreaLabel {
  code: string;
  nameVi: string;
  nameEn: string;
  position: [number, number];
  /** Bigger first when labels collide: population, else size. */
  weight: number;
}

function nfc(v: unknown): string {
  return typeof v === 'string' ? v.normalize('NFC') : '';
}

/**
 * One label per area, at its pole of inaccessibility. Names are NFC-normalised: deck.gl draws one glyph
 * per code point, so a decomposed "ữ" (u + horn + tilde) would come out as three marks side by side.
 */
export function areaLabels(fc: FeatureCollection | null): AreaLabel[] {
  if (!fc) return [];
  const out: AreaLabel[] = [];
  for (const f of fc.features) {
    const g = f.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) continue;
    const code = areaCode(f);
    if (!code) continue;
    const p = (f.properties ?? {}) as Record<string, unknown>;
    const nameVi = nfc(p.nameVi ?? p.name_vi ?? p.name);
    const nameEn = nfc(p.nameEn ?? p.name_en) || nameVi;
    const position = labelPoint(g as Polygon | MultiPolygon);
    if (!Number.isFinite(position[0]) || !Number.isFinite(position[1])) continue;
    const population = typeof p.population === 'number' ? p.population : 0;
    const outer = largestPolygon(g as Polygon | MultiPolygon)[0] ?? [];
    out.push({ code, nameVi, nameEn, position, weight: population > 0 ? population : ringArea(outer) * 1e6 });
  }
  return out;
}

export function labelText(l: AreaLabel, lang: Lang): string {
  return lang === 'vi' ? l.nameVi : l.nameEn;
}

/** Web Mercator pixel position at `zoom` (512-px tiles, as maplibre and deck.gl use). */
export function project([lng, lat]: [number, number], zoom: number): [number, number] {
  const scale = 512 * 2 ** zoom;
  const s = Math.sin((lat * Math.PI) / 180);
  return [((lng + 180) / 360) * scale, (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * scale];
}

/** Average advance of a sans-serif glyph, as a share of the font size. */
const CHAR_WIDTH_EM = 0.58;
const LABEL_GAP_PX = 6;

/**
 * The labels that fit at `zoom` without overlapping, the heaviest first (greedy, like a basemap's
 * collision pass but done once per zoom step on ~150 labels, so it costs nothing).
 */
export function thinLabels(labels: readonly AreaLabel[], zoom: number, lang: Lang, fontPx: number): AreaLabel[] {
  const boxes: [number, number, number, number][] = [];
  const kept: AreaLabel[] = [];
  const sorted = [...labels].sort((a, b) => b.weight - a.weight);
  for (const l of sorted) {
    const [x, y] = project(l.position, zoom);
    const halfW = (labelText(l, lang).length * CHAR_WIDTH_EM * fontPx) / 2 + LABEL_GAP_PX;
    const halfH = fontPx / 2 + LABEL_GAP_PX;
    const box: [number, number, number, number] = [x - halfW, y - halfH, x + halfW, y + halfH];
    if (boxes.some((b) => b[0] < box[2] && box[0] < b[2] && b[1] < box[3] && box[1] < b[3])) continue;
    boxes.push(box);
    kept.push(l);
  }
  return kept;
}

/** District names below this zoom, commune names from it. */
export const COMMUNE_LABEL_ZOOM = 11.5;

export function labelLevelForZoom(zoom: number): 'district' | 'commune' {
  return zoom < COMMUNE_LABEL_ZOOM ? 'district' : 'commune';
}
