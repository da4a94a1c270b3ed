import type { MultiPolygon, Polygon } from 'geojson';
import { POLYGON_TO_CELLS_FLAGS, polygonToCellsExperimental } from 'h3-js';

/** Hotspots are computed on res-8 cells (~0.74 km², a few city blocks), as the issue asks. */
export const HOTSPOT_RES = 8;

const cache = new WeakMap<Polygon | MultiPolygon, Map<number, string[]>>();

/**
 * Every cell at `res` that touches the city (containmentOverlapping, so a report by the border
 * always has its cell in the study area). Empty cells belong in it: Gi* compares each
 * neighbourhood with the whole city's mean, and leaving out the quiet cells would inflate it.
 * ~5,000 cells for Hanoi at res 8, computed once per process.
 */
export function studyCells(boundary: Polygon | MultiPolygon, res = HOTSPOT_RES): string[] {
  let byRes = cache.get(boundary);
  if (!byRes) cache.set(boundary, (byRes = new Map()));
  let cells = byRes.get(res);
  if (!cells) {
    const polygons = boundary.type === 'Polygon' ? [boundary.coordinates] : boundary.coordinates;
    const set = new Set<string>();
    for (const rings of polygons) {
      for (const c of polygonToCellsExperimental(rings, res, POLYGON_TO_CELLS_FLAGS.containmentOverlapping, true))
        set.add(c);
    }
    byRes.set(res, (cells = [...set].sort()));
  }
  return cells;
}
