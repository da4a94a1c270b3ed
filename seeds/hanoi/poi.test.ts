import { readFile } from 'node:fs/promises';
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { pointInAny, preparePolygons } from '../../geo/pointInPolygon';
import { POI_CATEGORY_INFO, POI_LAYER_CODES, type PoiProperties } from '../../core/poi';
import { loadPoiLayers, POI_FILE } from './poi';
import { loadCityPack } from '../packs';

const layers = await loadPoiLayers();
const points = layers.flatMap((l) => l.features ?? []);
const props = (p: (typeof points)[number]) => p.properties as unknown as PoiProperties;

/** The committed file as the pack ships it (regenerate with scripts/poi.ts; counts in PROVENANCE.md). */
describe('Hanoi POI layers', () => {
  it('ships one real (not simulated) OSM layer per category, ODbL', () => {
    expect(layers.map((l) => l.code)).toEqual(POI_LAYER_CODES);
    for (const l of layers) {
      expect(l).toMatchObject({ kind: 'amenity', simulated: false, licence: 'ODbL 1.0' });
      expect(l.source).toMatch(/^© OpenStreetMap contributors/);
    }
  });

  it('holds the merged points, each OSM object once, each in its category layer', () => {
    expect(points).toHaveLength(2_662);
    expect(new Set(points.map((p) => p.key)).size).toBe(points.length);
    for (const l of layers) {
      const category = Object.values(POI_CATEGORY_INFO).findIndex((c) => c.layerCode === l.code);
      expect(category).toBeGreaterThanOrEqual(0);
      for (const f of l.features ?? []) expect(POI_CATEGORY_INFO[props(f).category].layerCode).toBe(l.code);
    }
    const count = (code: string) => layers.find((l) => l.code === code)?.features?.length;
    expect(count('poi_markets')).toBe(149);
    expect(count('poi_police')).toBe(234);
    expect(count('poi_community_houses')).toBe(219);
  });

  it('carries no generated name: those points are unnamed', () => {
    const generated = /#\d+$|^không rõ$/i;
    expect(points.filter((p) => generated.test(props(p).name ?? ''))).toEqual([]);
    expect(points.filter((p) => props(p).name === null)).toHaveLength(121);
  });

  it('reaches the outer districts (the 2025-11 layer alone stops at 20.9 N, 105.7 E)', async () => {
    const outer = points.filter((p) => {
      const [lng, lat] = (p.geometry as { coordinates: number[] }).coordinates;
      return lat < 20.9 || lng < 105.7 || lat > 21.2;
    });
    expect(outer.length).toBeGreaterThan(100);
    const city = preparePolygons((await loadCityPack('hanoi')).boundary.geometry);
    for (const p of points) {
      const [lng, lat] = (p.geometry as { coordinates: number[] }).coordinates;
      expect(pointInAny(city, lng, lat)).toBe(true);
    }
  });

  it('keeps the committed file small: only the properties the product shows', async () => {
    const text = await readFile(new URL(POI_FILE, import.meta.url), 'utf8');
    const fc = JSON.parse(text) as FeatureCollection;
    const keys = new Set(fc.features.flatMap((f) => Object.keys(f.properties ?? {})));
    expect([...keys].sort()).toEqual(['address', 'kind', 'name', 'osm', 'phone', 'website']);
    expect(text.length).toBeLessThan(700_000);
    for (const p of points) if (props(p).website) expect(props(p).website).toMatch(/^https?:\/\//);
  });
});
