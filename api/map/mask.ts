import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';

/** Web Mercator stops at ±85.0511°; a ring to ±85 covers every map a browser can show. */
const WORLD_RING: Position[] = [
  [-180, -85],
  [180, -85],
  [180, 85],
  [-180, 85],
  [-180, -85],
];

/** Twice the signed area (shoelace, planar lng/lat): positive = counter-clockwise. */
function signedArea(ring: Position[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    s += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return -s;
}

const oriented = (ring: Position[], ccw: boolean) => (signedArea(ring) > 0 === ccw ? ring : [...ring].reverse());

/**
 * The world with the city cut out, to dim everything outside the city. The city's outer rings
 * become holes wound clockwise against a counter-clockwise world: MapLibre tells holes from new
 * polygons by winding.
 */
export function cityMask(boundary: Feature<Polygon | MultiPolygon>): Feature<Polygon> {
  const g = boundary.geometry;
  const outers = g.type === 'Polygon' ? [g.coordinates[0]] : g.coordinates.map((p) => p[0]);
  return {
    type: 'Feature',
    properties: { role: 'mask' },
    geometry: { type: 'Polygon', coordinates: [oriented(WORLD_RING, true), ...outers.map((r) => oriented(r, false))] },
  };
}
