import type { MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { pointInAny, preparePolygons } from './pointInPolygon';
import { randomPointIn } from './randomPoint';

/** mulberry32: a tiny seeded generator, so failures replay. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// An L shape: its bbox is 4 units, the shape 3, so a quarter of draws are rejected.
const ell: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [2, 0],
      [2, 1],
      [1, 1],
      [1, 2],
      [0, 2],
      [0, 0],
    ],
  ],
};
const withHole: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [3, 0],
      [3, 3],
      [0, 3],
      [0, 0],
    ],
    [
      [1, 1],
      [2, 1],
      [2, 2],
      [1, 2],
      [1, 1],
    ],
  ],
};
const twoIslands: MultiPolygon = {
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 1],
        [0, 0],
      ],
    ],
    [
      [
        [10, 10],
        [11, 10],
        [11, 11],
        [10, 11],
        [10, 10],
      ],
    ],
  ],
};

describe('randomPointIn', () => {
  it.each([
    ['L shape', ell],
    ['square with a hole', withHole],
    ['two islands', twoIslands],
  ])('%s: every point lies inside', (_, geometry) => {
    const rng = seeded(7);
    const polys = preparePolygons(geometry);
    for (let i = 0; i < 500; i++) {
      const [lng, lat] = randomPointIn(geometry, rng);
      expect(pointInAny(polys, lng, lat)).toBe(true);
    }
  });

  it('replays with the same seed', () => {
    const draw = (rng: () => number) => Array.from({ length: 5 }, () => randomPointIn(ell, rng));
    expect(draw(seeded(1))).toEqual(draw(seeded(1)));
  });

  it('reaches both islands of a MultiPolygon', () => {
    const rng = seeded(3);
    const lngs = Array.from({ length: 200 }, () => randomPointIn(twoIslands, rng)[0]);
    expect(lngs.some((x) => x < 5)).toBe(true);
    expect(lngs.some((x) => x > 5)).toBe(true);
  });

  it('gives up on a geometry with no area instead of looping', () => {
    const line: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 1],
          [0, 0],
        ],
      ],
    };
    expect(() => randomPointIn(line, seeded(1))).toThrow(/no point found/);
  });
});
