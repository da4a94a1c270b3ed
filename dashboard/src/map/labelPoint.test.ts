import { readFileSync } from 'node:fs';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { AREAS, SQUARE, U_SHAPE } from './fixtures/areas';
import { insidePolygon, labelPoint, largestPolygon, poleOfInaccessibility, ringArea } from './labelPoint';

describe('poleOfInaccessibility', () => {
  it('finds the centre of a square', () => {
    const [x, y] = poleOfInaccessibility([SQUARE]);
    expect(x).toBeCloseTo(105.85, 3);
    expect(y).toBeCloseTo(21.03, 3);
  });

  it('stays inside a U, where the centroid would not', () => {
    const [x, y] = poleOfInaccessibility([U_SHAPE]);
    expect(insidePolygon(x, y, [U_SHAPE])).toBe(true);
    expect(insidePolygon(105.85, 21.06, [U_SHAPE])).toBe(false); // the middle of the U
  });

  it('keeps out of holes', () => {
    const outer: [number, number][] = [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [0, 0],
    ];
    const hole: [number, number][] = [
      [3, 3],
      [7, 3],
      [7, 7],
      [3, 7],
      [3, 3],
    ];
    const [x, y] = poleOfInaccessibility([outer, hole], 0.01);
    expect(insidePolygon(x, y, [outer, hole])).toBe(true);
  });

  it('handles degenerate input', () => {
    expect(poleOfInaccessibility([])).toEqual([NaN, NaN]);
    expect(
      poleOfInaccessibility([
        [
          [1, 2],
          [1, 2],
          [1, 2],
        ],
      ]),
    ).toEqual([1, 2]);
  });
});

describe('labelPoint', () => {
  it('uses the largest part of a multipolygon', () => {
    const g = AREAS.features[2].geometry as MultiPolygon;
    expect(ringArea(largestPolygon(g)[0])).toBeCloseTo(0.2 * 0.15, 6);
    const [x, y] = labelPoint(g);
    expect(x).toBeGreaterThan(105.75);
    expect(y).toBeGreaterThan(21.1);
  });

  it('lands inside every Hanoi commune and district of the city pack', () => {
    for (const file of ['hanoi_communes_2025_osm.geojson', 'hanoi_districts_geoboundaries.geojson']) {
      const fc = JSON.parse(
        readFileSync(new URL(`../../../seeds/hanoi/${file}`, import.meta.url), 'utf8'),
      ) as FeatureCollection;
      for (const f of fc.features) {
        const g = f.geometry as Polygon | MultiPolygon;
        const [x, y] = labelPoint(g);
        expect(insidePolygon(x, y, largestPolygon(g)), `${file} ${String(f.properties?.name)}`).toBe(true);
      }
    }
  });
});
