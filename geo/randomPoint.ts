import type { MultiPolygon, Polygon } from 'geojson';
import { bboxOf, pointInAny, preparePolygons, type PreparedPolygon } from './pointInPolygon';

/**
 * Rejection sampling gives up after this many draws. Hanoi's least compact commune fills
 * well over 10% of its bbox, so 10 000 misses in a row means a degenerate geometry, not bad luck.
 */
const MAX_DRAWS = 10_000;

// The simulator draws thousands of points from the same few geometries; prepare each once.
const preparedCache = new WeakMap<Polygon | MultiPolygon, PreparedPolygon[]>();

/**
 * A uniform random point inside the geometry (uniform in lng/lat, which at city scale is
 * uniform in area to within a fraction of a percent). `rng` returns [0, 1), e.g. Math.random
 * or a seeded generator so the simulator can replay a run.
 */
export function randomPointIn(geometry: Polygon | MultiPolygon, rng: () => number): [number, number] {
  let polys = preparedCache.get(geometry);
  if (polys === undefined) {
    polys = preparePolygons(geometry);
    preparedCache.set(geometry, polys);
  }
  const [minLng, minLat, maxLng, maxLat] = bboxOf(polys);
  for (let i = 0; i < MAX_DRAWS; i++) {
    const lng = minLng + rng() * (maxLng - minLng);
    const lat = minLat + rng() * (maxLat - minLat);
    if (pointInAny(polys, lng, lat)) return [lng, lat];
  }
  throw new Error(`randomPointIn: no point found in ${MAX_DRAWS} draws (empty or degenerate geometry?)`);
}
