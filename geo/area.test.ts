import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { areaKm2 } from './area';

const box = (w: number, s: number, e: number, n: number, holes: number[][][] = []): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ],
    ...holes,
  ],
});

describe('areaKm2', () => {
  it.each([
    // 0.1° × 0.1° at Hanoi's latitude: 11.12 km × 11.12·cos(21°) km ≈ 115.4 km²
    ['0.1° box at 21° N', box(105.8, 21.0, 105.9, 21.1), 115.4],
    ['1° box at the equator', box(0, 0, 1, 1), 12_364],
  ])('%s', (_, geometry, expected) => {
    expect(areaKm2(geometry)).toBeCloseTo(expected, -1);
  });

  it('subtracts holes, whatever their winding', () => {
    const hole = [
      [105.82, 21.02],
      [105.82, 21.08],
      [105.88, 21.08],
      [105.88, 21.02],
      [105.82, 21.02],
    ];
    const outer = areaKm2(box(105.8, 21.0, 105.9, 21.1));
    const inner = areaKm2(box(105.82, 21.02, 105.88, 21.08));
    expect(areaKm2(box(105.8, 21.0, 105.9, 21.1, [hole]))).toBeCloseTo(outer - inner, 6);
  });

  it('sums the parts of a MultiPolygon', () => {
    const a = box(105.8, 21.0, 105.9, 21.1);
    const b = box(106.0, 21.0, 106.1, 21.1);
    expect(areaKm2({ type: 'MultiPolygon', coordinates: [a.coordinates, b.coordinates] })).toBeCloseTo(
      areaKm2(a) + areaKm2(b),
      6,
    );
  });
});
