import type { MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { checkAlertGeometry } from '../../../api/alerts/place';
import { preparePolygons } from '../../../geo/pointInPolygon';
import {
  addCorner,
  type DraftProblem,
  draftPolygon,
  type LngLat,
  reachesOutside,
  scopeShapes,
  undoCorner,
} from './polygonDraft';

/** Whole degrees keep the shoelace sums exact, so "on one line" is exactly zero area. */
const A: LngLat = [105, 21];
const B: LngLat = [106, 21];
const C: LngLat = [106, 22];
const D: LngLat = [105, 22];
const BBOX: [number, number, number, number] = [104.5, 20.5, 106.5, 22.5];

describe('addCorner and undoCorner', () => {
  it('adds a corner, and not the same one twice in a row (a double click)', () => {
    expect(addCorner([], A)).toEqual([A]);
    expect(addCorner([A], B)).toEqual([A, B]);
    const ab = [A, B] as const;
    expect(addCorner(ab, [...B] as LngLat)).toBe(ab);
    // The first corner again later is a corner (the ring is closed on finishing, see below).
    expect(addCorner([A, B, C], A)).toEqual([A, B, C, A]);
  });

  it('undoes the last corner, and nothing when there is none', () => {
    expect(undoCorner([A, B, C])).toEqual([A, B]);
    expect(undoCorner([])).toEqual([]);
  });
});

describe('draftPolygon', () => {
  it.each<[string, LngLat[], DraftProblem]>([
    ['no corner', [], 'too_few'],
    ['two corners', [A, B], 'too_few'],
    ['three clicks on two places', [A, B, B, A], 'too_few'],
    ['three corners on one line', [A, B, [107, 21]], 'no_area'],
    // Lopsided, so its two halves do not cancel out into no area.
    ['a bow tie', [A, C, B, [105, 22.5]], 'edges_cross'],
    ['a corner placed on an earlier edge', [A, [107, 21], [107, 23], [106, 21]], 'edges_cross'],
  ])('refuses %s', (_, corners, problem) => {
    expect(draftPolygon(corners)).toEqual({ polygon: null, problem });
  });

  it.each<[string, LngLat[], number[][]]>([
    ['a triangle', [A, B, C], [A, B, C, A]],
    ['a square drawn counter-clockwise', [A, B, C, D], [A, B, C, D, A]],
    // Clockwise clicks become the counter-clockwise ring RFC 7946 asks of an outer ring, from the same first corner.
    ['a square drawn clockwise', [A, D, C, B], [A, B, C, D, A]],
    ['a square closed by clicking the first corner again', [A, B, C, D, A], [A, B, C, D, A]],
    ['a concave shape', [A, B, C, [105.5, 21.25], D], [A, B, C, [105.5, 21.25], D, A]],
  ])('makes a closed polygon of %s, one the server takes', (_, corners, ring) => {
    const { polygon, problem } = draftPolygon(corners);
    expect(problem).toBeNull();
    expect(polygon).toEqual({ type: 'Polygon', coordinates: [ring] });
    // The server's own check of a drawn alert polygon (api/alerts/place.ts) accepts it as it is.
    expect(checkAlertGeometry(polygon, BBOX, 'Test')).toEqual(polygon);
  });

  it('does not share its positions with the corners it was given', () => {
    const corners: LngLat[] = [
      [105, 21],
      [106, 21],
      [106, 22],
    ];
    const { polygon } = draftPolygon(corners);
    corners[0]![0] = 0;
    expect(polygon!.coordinates[0]![0]).toEqual([105, 21]);
    expect(polygon!.coordinates[0]![3]).toEqual([105, 21]);
  });
});

describe('reachesOutside (a chief draws inside its area)', () => {
  // A U-shaped area, ~6 km across, open at the top between lng 105.82 and 105.84.
  const U: Polygon = {
    type: 'Polygon',
    coordinates: [
      [
        [105.8, 21.0],
        [105.86, 21.0],
        [105.86, 21.06],
        [105.84, 21.06],
        [105.84, 21.02],
        [105.82, 21.02],
        [105.82, 21.06],
        [105.8, 21.06],
        [105.8, 21.0],
      ],
    ],
  };
  const scope = preparePolygons(U);
  const rect = (w: number, s: number, e: number, n: number): Polygon =>
    draftPolygon([
      [w, s],
      [e, s],
      [e, n],
      [w, n],
    ]).polygon!;

  it.each<[string, Polygon, boolean]>([
    ['a polygon in the base of the U', rect(105.81, 21.005, 105.85, 21.015), false],
    ['a small polygon in one arm', rect(105.805, 21.03, 105.815, 21.04), false],
    ['a polygon with a corner past the edge', rect(105.81, 21.005, 105.87, 21.015), true],
    // Every corner in an arm, the middle over the gap: the server's inside cells catch it.
    ['a polygon whose corners are inside but whose middle spans the gap', rect(105.81, 21.04, 105.85, 21.05), true],
  ])('%s: %s', (_, polygon, outside) => {
    expect(reachesOutside(polygon, scope)).toBe(outside);
  });
});

describe('scopeShapes', () => {
  const square = (x: number): Polygon => ({
    type: 'Polygon',
    coordinates: [
      [
        [x, 21],
        [x + 1, 21],
        [x + 1, 22],
        [x, 22],
        [x, 21],
      ],
    ],
  });
  const multi: MultiPolygon = { type: 'MultiPolygon', coordinates: [square(110).coordinates, square(112).coordinates] };
  const fc = (features: Array<[string, Polygon | MultiPolygon]>) => ({
    type: 'FeatureCollection' as const,
    features: features.map(([code, geometry]) => ({ type: 'Feature' as const, properties: { code }, geometry })),
  });

  it('keeps the outlines of the codes asked for, from every collection, polygons and multipolygons', () => {
    const districts = fc([
      ['001', square(100)],
      ['002', multi],
    ]);
    const communes = fc([
      ['00004', square(102)],
      ['00070', square(104)],
    ]);
    const shapes = scopeShapes(['002', '00070'], districts, communes, null);
    expect(shapes.map((p) => p.bbox)).toEqual([
      [110, 21, 111, 22],
      [112, 21, 113, 22],
      [104, 21, 105, 22],
    ]);
  });
});
