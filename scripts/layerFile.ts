import type { Geometry } from 'geojson';
import { z } from 'zod';
import type { OverlayFeature, OverlayKind, OverlayLayer } from '../core/overlayLayers';

/**
 * Validation of a GeoJSON file to import as an overlay layer. Every error names the feature's
 * index and the field, so a 10,000-feature file can be fixed without guessing.
 */

export class LayerFileError extends Error {}

/** A city desk's layer, not a country's: far more than any Hanoi overlay needs. */
export const MAX_FEATURES = 200_000;
/** Features may reach a little past the city's bbox (a bus route to the airport), not across the world. */
const BBOX_MARGIN_DEG = 0.5;
/** Postgres cannot store NUL in text or jsonb; other control characters only hide things. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const position = z
  .array(z.number().finite())
  .min(2, 'a position needs [lng, lat]')
  .max(3, 'a position is [lng, lat] or [lng, lat, altitude]')
  .refine(([lng]) => lng >= -180 && lng <= 180, 'longitude must be within -180…180')
  .refine(([, lat]) => lat >= -90 && lat <= 90, 'latitude must be within -90…90');
const line = z.array(position).min(2, 'a line needs at least 2 positions');
const ring = z
  .array(position)
  .min(4, 'a polygon ring needs at least 4 positions')
  .refine(
    (r) => r[0][0] === r[r.length - 1][0] && r[0][1] === r[r.length - 1][1],
    'a polygon ring must end where it starts',
  );
const polygon = z.array(ring).min(1, 'a polygon needs an outer ring');

const geometry = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('Point'), coordinates: position }),
    z.object({ type: z.literal('MultiPoint'), coordinates: z.array(position).min(1) }),
    z.object({ type: z.literal('LineString'), coordinates: line }),
    z.object({ type: z.literal('MultiLineString'), coordinates: z.array(line).min(1) }),
    z.object({ type: z.literal('Polygon'), coordinates: polygon }),
    z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(polygon).min(1) }),
  ],
  { error: 'expected a Point, MultiPoint, LineString, MultiLineString, Polygon or MultiPolygon' },
);

const feature = z.object({
  type: z.literal('Feature', { error: 'expected "Feature"' }),
  id: z.union([z.string().min(1).max(200), z.number().finite()]).optional(),
  geometry,
  properties: z.record(z.string(), z.unknown()).nullable(),
});

const collection = z.object({
  type: z.literal('FeatureCollection', { error: 'expected a GeoJSON FeatureCollection' }),
  features: z
    .array(z.unknown())
    .min(1, 'the collection has no features')
    .max(MAX_FEATURES, `at most ${MAX_FEATURES} features`),
});

function issueText(error: z.ZodError): string {
  const issue = error.issues[0];
  const path = issue.path.map(String).join('.');
  return `${path ? `${path}: ` : ''}${issue.message}`;
}

/** Path of the first string (key or value) holding a control character, or null. */
function controlCharacterAt(value: unknown, path: string): string | null {
  if (typeof value === 'string') return CONTROL.test(value) ? path : null;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const hit = controlCharacterAt(v, `${path}.${i}`);
      if (hit) return hit;
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (CONTROL.test(k)) return `${path}.${k}`;
      const hit = controlCharacterAt(v, `${path}.${k}`);
      if (hit) return hit;
    }
  }
  return null;
}

function eachPosition(coords: unknown, fn: (p: number[]) => void): void {
  if (typeof (coords as unknown[])[0] === 'number') fn(coords as number[]);
  else for (const c of coords as unknown[]) eachPosition(c, fn);
}

/** Whether any position lies within the city's bbox grown by the margin. */
function nearCity(g: Geometry, [w, s, e, n]: [number, number, number, number]): boolean {
  let near = false;
  eachPosition((g as { coordinates: unknown }).coordinates, ([lng, lat]) => {
    near ||=
      lng >= w - BBOX_MARGIN_DEG &&
      lng <= e + BBOX_MARGIN_DEG &&
      lat >= s - BBOX_MARGIN_DEG &&
      lat <= n + BBOX_MARGIN_DEG;
  });
  return near;
}

export interface LayerMeta {
  code: string;
  kind: OverlayKind;
  nameVi: string;
  nameEn: string;
  source: string;
  licence: string;
  simulated: boolean;
  dataDate: string | null;
}

/**
 * A parsed GeoJSON value → a layer to store, or a LayerFileError naming the first problem.
 * A feature's key is its `id`, else its `properties.id`, else its index; keys must be unique.
 */
export function layerFromGeoJson(
  json: unknown,
  meta: LayerMeta,
  city: { nameEn: string; bbox: [number, number, number, number] },
): OverlayLayer {
  const fc = collection.safeParse(json);
  if (!fc.success) throw new LayerFileError(issueText(fc.error));
  const seen = new Map<string, number>();
  const features: OverlayFeature[] = fc.data.features.map((raw, i) => {
    const f = feature.safeParse(raw);
    if (!f.success) throw new LayerFileError(`feature ${i}: ${issueText(f.error)}`);
    const properties = f.data.properties ?? {};
    const bad = controlCharacterAt(properties, 'properties');
    if (bad)
      throw new LayerFileError(`feature ${i}: ${bad}: must not contain control characters (NUL cannot be stored)`);
    const geometry = f.data.geometry as Geometry;
    if (!nearCity(geometry, city.bbox)) {
      throw new LayerFileError(`feature ${i}: geometry: lies outside ${city.nameEn} (lng and lat swapped?)`);
    }
    const rawKey = f.data.id ?? properties.id;
    const key = typeof rawKey === 'string' || typeof rawKey === 'number' ? String(rawKey) : `#${i}`;
    const previous = seen.get(key);
    if (previous !== undefined) throw new LayerFileError(`feature ${i}: id: "${key}" repeats feature ${previous}'s`);
    seen.set(key, i);
    return { key, properties, geometry };
  });
  return { ...meta, features };
}
