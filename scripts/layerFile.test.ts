import { describe, expect, it } from 'vitest';
import { LayerFileError, type LayerMeta, layerFromGeoJson } from './layerFile';

const META: LayerMeta = {
  code: 'traffic_test',
  kind: 'traffic',
  nameVi: 'Thử',
  nameEn: 'Test',
  source: 'test',
  licence: 'CC0',
  simulated: false,
  dataDate: null,
};
const CITY = { nameEn: 'Hanoi', bbox: [105.29, 20.56, 106.02, 21.39] as [number, number, number, number] };
const point = (lng = 105.85, lat = 21.03) => ({
  type: 'Feature',
  properties: { name: 'ok' },
  geometry: { type: 'Point', coordinates: [lng, lat] },
});
const fc = (...features: unknown[]) => ({ type: 'FeatureCollection', features });
const square = [
  [105.8, 21.0],
  [105.81, 21.0],
  [105.81, 21.01],
  [105.8, 21.01],
  [105.8, 21.0],
];

describe('layerFromGeoJson', () => {
  it('keeps ids as keys, else properties.id, else the index', () => {
    const layer = layerFromGeoJson(
      fc({ ...point(), id: 'a' }, { ...point(), properties: { id: 7 } }, point(), {
        type: 'Feature',
        properties: null,
        geometry: { type: 'Polygon', coordinates: [square] },
      }),
      META,
      CITY,
    );
    expect(layer.features!.map((f) => f.key)).toEqual(['a', '7', '#2', '#3']);
    expect(layer.features![3].properties).toEqual({});
    expect(layer).toMatchObject({ code: 'traffic_test', kind: 'traffic', licence: 'CC0' });
  });

  it.each([
    [{ type: 'Feature' }, /^type: expected a GeoJSON FeatureCollection/],
    [fc(), /^features: the collection has no features/],
    [fc(point(), { ...point(), type: 'Feat' }), /^feature 1: type: expected "Feature"/],
    [fc(point(), point(105.85, 95)), /^feature 1: geometry\.coordinates: latitude must be within/],
    [fc(point(200, 21)), /^feature 0: geometry\.coordinates: longitude must be within/],
    [
      fc(point(), { ...point(), geometry: { type: 'Circle', coordinates: [1, 2] } }),
      /^feature 1: geometry\.type: expected a Point/,
    ],
    [
      fc({ ...point(), geometry: { type: 'Polygon', coordinates: [square.slice(0, 4)] } }),
      /^feature 0: geometry\.coordinates\.0: a polygon ring must end where it starts/,
    ],
    [
      fc({ ...point(), geometry: { type: 'LineString', coordinates: [[105.8, 21]] } }),
      /^feature 0: geometry\.coordinates: a line needs at least 2 positions/,
    ],
    [fc(point(), point(21.03, 105.85)), /^feature 1: (geometry\.coordinates: latitude|geometry: lies outside Hanoi)/],
    [fc(point(), point(2.35, 48.85)), /^feature 1: geometry: lies outside Hanoi \(lng and lat swapped\?\)/],
    [
      fc(point(), { ...point(), properties: { name: 'a\u0000b' } }),
      /^feature 1: properties\.name: must not contain control characters/,
    ],
    [fc({ ...point(), id: 'x' }, point(), { ...point(), id: 'x' }), /^feature 2: id: "x" repeats feature 0's/],
    [fc({ ...point(), geometry: null }), /^feature 0: geometry: expected a Point/],
  ])('refuses %j naming the feature and field', (json, message) => {
    expect(() => layerFromGeoJson(json, META, CITY)).toThrow(LayerFileError);
    expect(() => layerFromGeoJson(json, META, CITY)).toThrow(message);
  });
});
