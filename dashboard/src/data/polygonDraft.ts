import type { FeatureCollection, Polygon, Position } from 'geojson';
import { type PreparedPolygon, pointInAny, preparePolygons } from '../../../geo/pointInPolygon';
import { polygonSamplePoints } from '../../../geo/polygonSample';

/**
 * A polygon drawn by clicks on the map, as plain data: the corners placed so far, turned into the
 * GeoJSON Polygon an alert carries once they make one (the server's rules: api/alerts/place.ts),
 * and whether it stays inside a chief's area by the server's own sampling (geo/polygonSample.ts).
 */

export type LngLat = [lng: number, lat: number];

/** A polygon needs three corners to enclose anything. */
export const MIN_CORNERS = 3;

/** Why the corners make no polygon yet. */
export type DraftProblem = 'too_few' | 'no_area' | 'edges_cross';

export type DraftResult = { polygon: Polygon; problem: null } | { polygon: null; problem: DraftProblem };

const same = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];

/** One more corner; a click on the last corner again (a double click's second half) adds none. */
export function addCorner(corners: readonly LngLat[], at: LngLat): readonly LngLat[] {
  const last = corners[corners.length - 1];
  return last && same(last, at) ? corners : [...corners, at];
}

export function undoCorner(corners: readonly LngLat[]): readonly LngLat[] {
  return corners.slice(0, -1);
}

/** Twice the signed area (lng/lat degrees) of the ring through the corners: positive when counter-clockwise. */
function signedArea2(corners: readonly Position[]): number {
  let a = 0;
  for (let i = 0; i < corners.length; i++) {
    const p = corners[i]!;
    const q = corners[(i + 1) % corners.length]!;
    a += p[0]! * q[1]! - q[0]! * p[1]!;
  }
  return a;
}

/** Which side of the line a→b the point c lies on: 1 left, -1 right, 0 on it. */
function side(a: Position, b: Position, c: Position): number {
  return Math.sign((b[0]! - a[0]!) * (c[1]! - a[1]!) - (b[1]! - a[1]!) * (c[0]! - a[0]!));
}

function onSegment(a: Position, b: Position, c: Position): boolean {
  return (
    Math.min(a[0]!, b[0]!) <= c[0]! &&
    c[0]! <= Math.max(a[0]!, b[0]!) &&
    Math.min(a[1]!, b[1]!) <= c[1]! &&
    c[1]! <= Math.max(a[1]!, b[1]!)
  );
}

/** Whether segments p1p2 and q1q2 meet, touching included. */
function segmentsMeet(p1: Position, p2: Position, q1: Position, q2: Position): boolean {
  const d1 = side(q1, q2, p1);
  const d2 = side(q1, q2, p2);
  const d3 = side(p1, p2, q1);
  const d4 = side(p1, p2, q2);
  if (d1 !== d2 && d3 !== d4 && d1 !== 0 && d2 !== 0 && d3 !== 0 && d4 !== 0) return true;
  return (
    (d1 === 0 && onSegment(q1, q2, p1)) ||
    (d2 === 0 && onSegment(q1, q2, p2)) ||
    (d3 === 0 && onSegment(p1, p2, q1)) ||
    (d4 === 0 && onSegment(p1, p2, q2))
  );
}

/**
 * Whether two edges of the ring through the corners that share no corner meet: a bow tie, or a
 * corner placed on another edge. Such a shape has no one inside, so it is refused before sending
 * (the server would take it and read its inside as the cell library does).
 */
function edgesCross(corners: readonly Position[]): boolean {
  const n = corners.length;
  for (let i = 0; i < n; i++)
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue; // the closing edge shares the first corner
      if (segmentsMeet(corners[i]!, corners[(i + 1) % n]!, corners[j]!, corners[(j + 1) % n]!)) return true;
    }
  return false;
}

/**
 * The corners as a GeoJSON Polygon: one ring, closed (the first corner again at the end), counter-
 * clockwise as RFC 7946 asks of an outer ring; or why there is none yet.
 */
export function draftPolygon(corners: readonly LngLat[]): DraftResult {
  const ring: Position[] = corners.filter((p, i) => i === 0 || !same(p, corners[i - 1]!));
  if (ring.length > 1 && same(ring[0]!, ring[ring.length - 1]!)) ring.pop();
  if (ring.length < MIN_CORNERS) return { polygon: null, problem: 'too_few' };
  const area2 = signedArea2(ring);
  if (area2 === 0) return { polygon: null, problem: 'no_area' };
  if (edgesCross(ring)) return { polygon: null, problem: 'edges_cross' };
  // Reversed behind the first corner, so the corner clicked first stays first.
  const ccw = area2 > 0 ? ring : [ring[0]!, ...ring.slice(1).reverse()];
  return {
    polygon: { type: 'Polygon', coordinates: [[...ccw.map(([lng, lat]) => [lng!, lat!]), [...ccw[0]!]]] },
    problem: null,
  };
}

/**
 * The outlines of the areas whose codes are given (a chief's area: core/areaScope.ts), from the
 * district and commune collections (GET /api/areas/geojson), ready for point tests.
 */
export function scopeShapes(
  codes: readonly string[],
  ...collections: Array<FeatureCollection | null>
): PreparedPolygon[] {
  const wanted = new Set(codes);
  const out: PreparedPolygon[] = [];
  for (const fc of collections)
    for (const f of fc?.features ?? []) {
      const g = f.geometry;
      if (wanted.has(String(f.properties?.code)) && (g?.type === 'Polygon' || g?.type === 'MultiPolygon'))
        out.push(...preparePolygons(g));
    }
  return out;
}

/**
 * Whether the polygon reaches outside the scope: the server's rule (api/alerts/place.ts
 * placeWithin), every vertex and every sampled inside point in one of the scope's areas.
 */
export function reachesOutside(polygon: Polygon, scope: PreparedPolygon[]): boolean {
  return polygonSamplePoints(polygon).some(([lat, lng]) => !pointInAny(scope, lng, lat));
}
