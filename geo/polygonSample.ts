import type { MultiPolygon, Polygon } from 'geojson';
import { cellToLatLng, polygonToCells } from 'h3-js';

/** Cells whose centres sample a polygon's inside (H3 res 8: ~0.74 km², as the area index). */
export const POLYGON_SAMPLE_H3_RES = 8;

/**
 * Points that stand for a polygon when asking which areas it lies in: the vertices of each outer
 * ring, and the centres of the res-8 cells inside it (a polygon smaller than a cell has its
 * vertices alone). One rule for the server, which decides whether a chief's alert stays in its
 * area, and for the desk, which says so before sending it.
 */
export function polygonSamplePoints(g: Polygon | MultiPolygon): Array<[lat: number, lng: number]> {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const points: Array<[number, number]> = [];
  // A cell inside several polygons of a MultiPolygon is one point: twenty copies of a city-sized
  // polygon (within the limits) were 300,000 points to locate, seconds of the event loop per check.
  const cells = new Set<string>();
  for (const rings of polygons) {
    for (const [lng, lat] of rings[0]!) points.push([lat!, lng!]);
    for (const cell of polygonToCells(rings, POLYGON_SAMPLE_H3_RES, true)) {
      if (cells.has(cell)) continue;
      cells.add(cell);
      points.push(cellToLatLng(cell) as [number, number]);
    }
  }
  return points;
}
