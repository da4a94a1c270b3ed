import type { Position } from 'geojson';
import type { AlertGeometry } from '../../core/alerts';
import { areaCodesOf } from '../../core/areaScope';
import type { CityPack } from '../../core/cityPack';
import { type AreaIndex, locateAreas, type PointAreas } from '../../geo/areaIndex';
import { polygonSamplePoints } from '../../geo/polygonSample';
import { AppError, ValidationError } from '../errors';

/**
 * Where an alert applies, checked and worked out once: a drawn polygon is validated (closed rings,
 * a bounded number of vertices, near the city), and the districts and communes an alert touches
 * are found, so that a chief's list is a lookup and a chief publishes only inside its own area.
 */

/** A drawn outline is a handful of clicks; a thousand vertices is already a traced coastline. */
export const MAX_ALERT_VERTICES = 1_000;
/** Rings per polygon (an outline and its holes) and polygons per MultiPolygon. */
export const MAX_ALERT_RINGS = 20;
export const MAX_ALERT_POLYGONS = 20;
/**
 * How far outside the city's bounding box a vertex may lie: a flood warning's polygon is drawn
 * loosely along the river and may spill over the boundary; ~11 km is well beyond a sloppy click
 * and well short of another province's alert.
 */
export const ALERT_BBOX_MARGIN_DEG = 0.1;

export interface PlaceContext {
  pack: Pick<CityPack, 'areas' | 'bbox' | 'nameEn'>;
  districts: AreaIndex;
  communes: AreaIndex;
}

/** Where an alert is: one area of the pack, or a drawn polygon. */
export type AlertPlace = { areaCode: string; geometry: null } | { areaCode: null; geometry: AlertGeometry };

const invalid = (message: string, field = 'geometry') => new ValidationError(message, field, 'invalid_geometry');

function checkPosition(p: unknown, field: string): asserts p is Position {
  if (
    !Array.isArray(p) ||
    p.length !== 2 ||
    typeof p[0] !== 'number' ||
    typeof p[1] !== 'number' ||
    !Number.isFinite(p[0]) ||
    !Number.isFinite(p[1])
  )
    throw invalid(`${field}: a position is [longitude, latitude] / Toạ độ phải là [kinh độ, vĩ độ]`, field);
}

/** Twice the signed area of a ring (lng/lat degrees): zero for a ring with nothing inside. */
function ringArea2(ring: Position[]): number {
  let a = 0;
  for (let i = 0; i + 1 < ring.length; i++) a += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
  return a;
}

function checkRings(rings: unknown, field: string): Position[][] {
  if (!Array.isArray(rings) || rings.length === 0 || rings.length > MAX_ALERT_RINGS)
    throw invalid(`${field}: a polygon has 1 to ${MAX_ALERT_RINGS} rings`, field);
  return rings.map((ring, r) => {
    const f = `${field}.${r}`;
    if (!Array.isArray(ring) || ring.length < 4)
      throw invalid(`${f}: a ring has at least 4 positions (3 corners and the first again)`, f);
    ring.forEach((p, i) => checkPosition(p, `${f}.${i}`));
    const first = ring[0] as Position;
    const last = ring[ring.length - 1] as Position;
    if (first[0] !== last[0] || first[1] !== last[1])
      throw invalid(`${f}: a ring must be closed (its last position equal to its first) / Vòng phải khép kín`, f);
    if (ringArea2(ring as Position[]) === 0) throw invalid(`${f}: a ring must enclose an area`, f);
    return ring as Position[];
  });
}

/**
 * A GeoJSON Polygon or MultiPolygon an alert may carry, or a 400 (422 outside the city) naming
 * the first fault. Returns it rebuilt from the checked parts: no other member reaches storage.
 */
export function checkAlertGeometry(g: unknown, bbox: CityPack['bbox'], cityName: string): AlertGeometry {
  if (typeof g !== 'object' || g === null) throw invalid('geometry: must be a GeoJSON Polygon or MultiPolygon');
  const { type, coordinates } = g as { type?: unknown; coordinates?: unknown };
  let polygons: Position[][][];
  if (type === 'Polygon') polygons = [checkRings(coordinates, 'geometry.coordinates')];
  else if (type === 'MultiPolygon') {
    if (!Array.isArray(coordinates) || coordinates.length === 0 || coordinates.length > MAX_ALERT_POLYGONS)
      throw invalid(`geometry.coordinates: a MultiPolygon has 1 to ${MAX_ALERT_POLYGONS} polygons`);
    polygons = coordinates.map((p, i) => checkRings(p, `geometry.coordinates.${i}`));
  } else throw invalid('geometry.type: must be Polygon or MultiPolygon');
  const vertices = polygons.flat(2);
  if (vertices.length > MAX_ALERT_VERTICES)
    throw invalid(`geometry: at most ${MAX_ALERT_VERTICES} positions (${vertices.length} sent)`);
  const [minLng, minLat, maxLng, maxLat] = bbox;
  const m = ALERT_BBOX_MARGIN_DEG;
  for (const [lng, lat] of vertices) {
    if (lng! < minLng - m || lng! > maxLng + m || lat! < minLat - m || lat! > maxLat + m)
      throw new AppError(
        422,
        'outside_city',
        `geometry: the polygon reaches outside ${cityName} / Vùng cảnh báo nằm ngoài địa bàn`,
        'geometry',
      );
  }
  const clean = (p: Position[][]) => p.map((ring) => ring.map(([lng, lat]) => [lng!, lat!]));
  return type === 'Polygon'
    ? { type: 'Polygon', coordinates: clean(polygons[0]!) }
    : { type: 'MultiPolygon', coordinates: polygons.map(clean) };
}

/** The districts and communes a place touches, sorted: an area with its parent or its units; a polygon's by its points. */
export function touchedAreas(place: AlertPlace, ctx: PlaceContext): string[] {
  const codes = new Set<string>();
  if (place.areaCode !== null) {
    for (const c of areaCodesOf(place.areaCode, ctx.pack.areas)) codes.add(c);
    const parent = ctx.pack.areas.find((a) => a.code === place.areaCode)?.parentCode;
    if (parent) codes.add(parent);
  } else {
    for (const p of locatedPoints(place.geometry, ctx)) {
      if (p.districtCode) codes.add(p.districtCode);
      if (p.communeCode) {
        codes.add(p.communeCode);
        const parent = ctx.communes.parentOf(p.communeCode);
        if (parent) codes.add(parent);
      }
    }
  }
  return [...codes].sort();
}

function locatedPoints(g: AlertGeometry, ctx: PlaceContext): PointAreas[] {
  return polygonSamplePoints(g).map(([lat, lng]) => locateAreas(ctx.districts, ctx.communes, lat, lng));
}

/**
 * Whether a place lies inside a chief's area (`scopeCodes`: core/areaScope.ts): an area of its
 * own, or a polygon whose every vertex and every sampled inside point falls in one of its areas.
 */
export function placeWithin(place: AlertPlace, scopeCodes: readonly string[], ctx: PlaceContext): boolean {
  if (place.areaCode !== null) return scopeCodes.includes(place.areaCode);
  return locatedPoints(place.geometry, ctx).every(
    (p) =>
      (p.districtCode !== null && scopeCodes.includes(p.districtCode)) ||
      (p.communeCode !== null && scopeCodes.includes(p.communeCode)),
  );
}
