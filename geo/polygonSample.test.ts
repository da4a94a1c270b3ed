import type { Polygon } from 'geojson';
import { cellToLatLng, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { POLYGON_SAMPLE_H3_RES, polygonSamplePoints } from './polygonSample';

const rect = (w: number, s: number, e: number, n: number): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ],
  ],
});

describe('polygonSamplePoints', () => {
  it('samples a polygon smaller than a cell by its vertices alone, as [lat, lng]', () => {
    // ~100 m square on Hoàn Kiếm Lake: no res-8 cell centre (cells ~0.74 km²) can fall inside.
    const tiny = rect(105.852, 21.028, 105.853, 21.029);
    expect(polygonSamplePoints(tiny)).toEqual([
      [21.028, 105.852],
      [21.028, 105.853],
      [21.029, 105.853],
      [21.029, 105.852],
      [21.028, 105.852],
    ]);
  });

  it('adds the centre of every res-8 cell whose centre lies inside, and only those', () => {
    // ~4 km × 4.4 km: about two dozen cells.
    const [w, s, e, n] = [105.82, 21.0, 105.86, 21.04];
    const points = polygonSamplePoints(rect(w, s, e, n));
    const centres = points.slice(5);
    expect(centres.length).toBeGreaterThan(15);
    for (const [lat, lng] of centres) {
      expect(lng).toBeGreaterThan(w);
      expect(lng).toBeLessThan(e);
      expect(lat).toBeGreaterThan(s);
      expect(lat).toBeLessThan(n);
      // Each is a cell's own centre at the sampling resolution.
      expect(cellToLatLng(latLngToCell(lat, lng, POLYGON_SAMPLE_H3_RES))).toEqual([lat, lng]);
    }
    // A cell whose centre is well inside is among them.
    const middle = cellToLatLng(latLngToCell(21.02, 105.84, POLYGON_SAMPLE_H3_RES));
    expect(centres).toContainEqual(middle);
  });

  it('samples each polygon of a MultiPolygon', () => {
    const a = rect(105.852, 21.028, 105.853, 21.029);
    const b = rect(105.9, 21.1, 105.901, 21.101);
    const points = polygonSamplePoints({ type: 'MultiPolygon', coordinates: [a.coordinates, b.coordinates] });
    expect(points).toHaveLength(10);
    expect(points[5]).toEqual([21.1, 105.9]);
  });

  it('samples a cell inside several polygons of a MultiPolygon once', () => {
    const big = rect(105.82, 21.0, 105.86, 21.04);
    const alone = polygonSamplePoints(big);
    const copies = polygonSamplePoints({ type: 'MultiPolygon', coordinates: Array(20).fill(big.coordinates) });
    // The first copy as the polygon alone, then only the other copies' vertices: no cell twice.
    expect(copies.slice(0, alone.length)).toEqual(alone);
    expect(copies).toHaveLength(alone.length + 19 * 5);
  });
});
