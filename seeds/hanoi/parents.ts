import { cellToLatLng, polygonToCells } from 'h3-js';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { AreaIndex } from '../../geo/areaIndex';
import { pointInAny, preparePolygons } from '../../geo/pointInPolygon';

/** ~0.1 km² cells: a few hundred samples for the smallest ward, enough for a majority vote. */
const MAJORITY_SAMPLE_RES = 9;

export type ParentMethod = 'label_point' | 'centroid' | 'majority';

/**
 * The pre-2025 district a 2025 commune belongs to, for rolling new units up to the old map.
 * The gis.vn label point decides when it lies inside the commune's OSM polygon (the two
 * sources were drawn apart: Lĩnh Nam's and Bát Tràng's label points fall outside, Bát Tràng's
 * outside both Hanoi layers); then the centroid of the largest polygon; then the district
 * holding most of the commune.
 */
export function parentDistrict(
  geometry: Polygon | MultiPolygon,
  labelPoint: [number, number] | null,
  districts: AreaIndex,
): { code: string; method: ParentMethod } | null {
  const polys = preparePolygons(geometry);
  const largest = largestPolygon(geometry);
  const tries: Array<[ParentMethod, [number, number] | null]> = [
    ['label_point', labelPoint],
    ['centroid', ringCentroid(largest[0])],
  ];
  for (const [method, p] of tries) {
    if (p === null || !pointInAny(polys, p[0], p[1])) continue;
    const code = districts.lookup(p[1], p[0]);
    if (code !== null) return { code, method };
  }
  const votes = new Map<string, number>();
  for (const cell of polygonToCells(largest, MAJORITY_SAMPLE_RES, true)) {
    const [lat, lng] = cellToLatLng(cell);
    const code = districts.lookup(lat, lng);
    if (code !== null) votes.set(code, (votes.get(code) ?? 0) + 1);
  }
  const best = [...votes].sort((a, b) => b[1] - a[1])[0];
  return best ? { code: best[0], method: 'majority' } : null;
}

function largestPolygon(geometry: Polygon | MultiPolygon): Position[][] {
  if (geometry.type === 'Polygon') return geometry.coordinates;
  return geometry.coordinates.reduce((a, b) => (Math.abs(planarArea(b[0])) > Math.abs(planarArea(a[0])) ? b : a));
}

function planarArea(ring: Position[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    s += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  }
  return s / 2;
}

/** Area-weighted centroid of a ring in lng/lat; null for a degenerate ring. */
function ringCentroid(ring: Position[]): [number, number] | null {
  const a = planarArea(ring);
  if (a === 0) return null;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const f = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
    cx += (ring[j][0] + ring[i][0]) * f;
    cy += (ring[j][1] + ring[i][1]) * f;
  }
  return [cx / (6 * a), cy / (6 * a)];
}
