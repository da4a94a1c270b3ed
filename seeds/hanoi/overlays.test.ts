import { describe, expect, it } from 'vitest';
import { loadCityOverlays } from '../overlays';
import { CONGESTION_RES, LAYER_CODES } from './overlays';
import { loadCityPack } from '../packs';
import { getResolution } from 'h3-js';
import { POI_LAYER_CODES } from '../../core/poi';

const pack = await loadCityPack('hanoi');
const layers = await loadCityOverlays(pack);
const byCode = new Map(layers.map((l) => [l.code, l]));

describe('Hanoi overlay layers', () => {
  it('ships five layers and one per POI category, each with source, licence, simulated flag and date', () => {
    expect(layers.map((l) => l.code).sort()).toEqual([...Object.values(LAYER_CODES), ...POI_LAYER_CODES].sort());
    for (const l of layers) {
      expect(l.source.length).toBeGreaterThan(5);
      expect(l.licence.length).toBeGreaterThan(3);
      expect(typeof l.simulated).toBe('boolean');
    }
    expect(byCode.get(LAYER_CODES.busStops)).toMatchObject({
      kind: 'transit',
      source: '© OpenStreetMap contributors',
      licence: 'ODbL 1.0',
      simulated: false,
    });
    expect(byCode.get(LAYER_CODES.airQuality)).toMatchObject({
      kind: 'environment',
      simulated: true,
      source: expect.stringMatching(/readings simulated/),
    });
    expect(byCode.get(LAYER_CODES.landUse)).toMatchObject({ kind: 'planning', simulated: true, licence: 'simulated' });
    expect(byCode.get(LAYER_CODES.incidents)?.features).toBeNull();
  });

  it('keeps only the bus stops inside the city polygon', () => {
    const stops = byCode.get(LAYER_CODES.busStops)!.features!;
    // PROVENANCE.md's collection note says 3,144; the pack's own outline holds 3,135 (turf agrees).
    expect(stops).toHaveLength(3_135);
    expect(new Set(stops.map((f) => f.key)).size).toBe(stops.length);
    expect(stops[0].key).toMatch(/^node\/\d+$/);
  });

  it('places the five real air-quality stations', () => {
    const stations = byCode.get(LAYER_CODES.airQuality)!.features!;
    expect(stations.map((f) => f.key)).toContain('airnow:HN1010001');
    expect(stations).toHaveLength(5);
  });

  it('classes every land-use hexagon, mostly agricultural outside and built-up inside', () => {
    const cells = byCode.get(LAYER_CODES.landUse)!.features!;
    expect(cells.length).toBeGreaterThan(550);
    const count = (cls: string) => cells.filter((f) => f.properties.landUse === cls).length;
    for (const cls of ['residential', 'commercial', 'industrial', 'green', 'water', 'agricultural', 'mixed'])
      expect(count(cls)).toBeGreaterThan(0);
    expect(count('agricultural')).toBeGreaterThan(count('commercial'));
    const hoanKiem = cells.filter((f) => f.properties.communeCode === '00070');
    expect(
      hoanKiem.every((f) =>
        ['commercial', 'mixed', 'residential', 'green', 'water'].includes(f.properties.landUse as string),
      ),
    ).toBe(true);
  });

  it('covers the inner districts with ~100 congestion cells (one tick fits an 8 KB event)', () => {
    const cells = byCode.get(LAYER_CODES.congestion)!.features!;
    expect(cells.length).toBeGreaterThan(60);
    expect(cells.length).toBeLessThan(125);
    expect(cells.every((f) => getResolution(f.key) === CONGESTION_RES)).toBe(true);
  });

  it('is deterministic', async () => {
    const { landUseFeatures } = await import('./landUse');
    expect(landUseFeatures(pack)).toEqual(byCode.get(LAYER_CODES.landUse)!.features);
  });
});
