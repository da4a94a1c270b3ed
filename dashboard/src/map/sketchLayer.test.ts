import { describe, expect, it } from 'vitest';
import type { LngLat } from '../data/polygonDraft';
import { sketchFeatures } from './sketchLayer';

const CORNERS: LngLat[] = [
  [105.85, 21.02],
  [105.86, 21.02],
  [105.86, 21.03],
  [105.85, 21.03],
];
const sketch = (n: number) => ({
  corners: CORNERS.slice(0, n),
  closed: false,
  colour: [1, 2, 3] as [number, number, number],
});
const kinds = (n: number) =>
  sketchFeatures(sketch(n)).features.map((f) => `${f.geometry.type}${f.properties?.first ? '*' : ''}`);

describe('sketchFeatures', () => {
  it.each<[number, string[]]>([
    [0, []],
    [1, ['Point*']],
    [2, ['LineString', 'Point*', 'Point']],
    [3, ['Polygon', 'Point*', 'Point', 'Point']],
    [4, ['Polygon', 'Point*', 'Point', 'Point', 'Point']],
  ])('%i corners: the shape so far, then a dot per corner (the first marked)', (n, expected) => {
    expect(kinds(n)).toEqual(expected);
  });

  it('closes the previewed polygon back to the first corner', () => {
    const [shape] = sketchFeatures(sketch(4)).features;
    expect(shape!.geometry).toEqual({ type: 'Polygon', coordinates: [[...CORNERS, CORNERS[0]]] });
  });

  it('draws nothing when nobody is drawing', () => {
    expect(sketchFeatures(null).features).toEqual([]);
  });
});
