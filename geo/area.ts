import type { MultiPolygon, Polygon, Position } from 'geojson';

/** WGS84 mean radius; the spherical formula is within ~0.5% of the ellipsoidal area at 21° N. */
const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

/** Area of a (Multi)Polygon in km², holes subtracted. Spherical-excess approximation of each ring. */
export function areaKm2(geometry: Polygon | MultiPolygon): number {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let total = 0;
  for (const [outer, ...holes] of polygons) {
    total += Math.abs(ringArea(outer));
    for (const hole of holes) total -= Math.abs(ringArea(hole));
  }
  return total;
}

/** Signed ring area (Chamberlain & Duquette 2007, as used by d3-geo and turf). */
function ringArea(ring: Position[]): number {
  const n = ring.length;
  if (n < 3) return 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const [lng1] = ring[(i + n - 1) % n];
    const [, lat2] = ring[i];
    const [lng3] = ring[(i + 1) % n];
    sum += (lng3 - lng1) * RAD * Math.sin(lat2 * RAD);
  }
  return (sum * EARTH_RADIUS_KM * EARTH_RADIUS_KM) / 2;
}
