import { beforeAll, describe, expect, it } from 'vitest';
import { pointInAny, preparePolygons } from '../../geo/pointInPolygon';
import { loadCityPack } from '../packs';
import type { CityPack } from '../../core/cityPack';
import { createPlaceSampler, type HotZones, type PlaceSampler } from './places';
import { createRng } from './random';

let pack: CityPack;
let sampler: PlaceSampler;
let HANOI_HOT_ZONES: HotZones;

beforeAll(async () => {
  pack = await loadCityPack('hanoi');
  sampler = createPlaceSampler(pack);
  HANOI_HOT_ZONES = pack.simulator.reports?.hotZones ?? {};
});

describe('places', () => {
  it('hot zones name categories and communes that exist in the pack', () => {
    const communes = new Set(pack.areas.filter((a) => a.level === 'commune').map((a) => a.code));
    const categories = new Set(pack.categories.map((c) => c.code));
    for (const [category, zones] of Object.entries(HANOI_HOT_ZONES)) {
      expect(categories.has(category), category).toBe(true);
      for (const code of Object.keys(zones)) expect(communes.has(code), `${category} ${code}`).toBe(true);
    }
  });

  it('every point falls inside the commune it was drawn in', () => {
    const geometry = new Map(
      pack.areas.filter((a) => a.level === 'commune').map((a) => [a.code, preparePolygons(a.geometry)]),
    );
    const rng = createRng('inside');
    for (const category of ['traffic_roads', 'drainage_flooding', 'water_supply']) {
      for (let i = 0; i < 1500; i++) {
        const p = sampler.sample(category, rng);
        expect(pointInAny(geometry.get(p.communeCode)!, p.lng, p.lat), `${category} ${p.communeCode}`).toBe(true);
      }
    }
  });

  it('without hot zones, communes are picked ∝ population', () => {
    const communes = pack.areas.filter((a) => a.level === 'commune');
    const totalPop = communes.reduce((s, c) => s + (c.population ?? 0), 0);
    const n = 40_000;
    const counts = new Map<string, number>();
    const rng = createRng('population');
    // water_supply has no hot zones, so it shows the bare population weighting.
    for (let i = 0; i < n; i++) {
      const code = sampler.sample('water_supply', rng).communeCode;
      counts.set(code, (counts.get(code) ?? 0) + 1);
    }
    let worstZ = 0;
    for (const c of communes) {
      const p = (c.population ?? 0) / totalPop;
      expect(sampler.probability('water_supply', c.code)).toBeCloseTo(p, 6);
      const z = Math.abs((counts.get(c.code) ?? 0) - n * p) / Math.sqrt(n * p * (1 - p));
      worstZ = Math.max(worstZ, z);
    }
    // 126 binomial counts: the largest |z| stays under ~4 unless the weighting is wrong.
    expect(worstZ).toBeLessThan(4.5);
    // Hà Đông (185k) should see ~28× Minh Châu (6.6k).
    expect(counts.get('09556')! / Math.max(1, counts.get('09661') ?? 0)).toBeGreaterThan(10);
  });

  it('hot zones concentrate their category', () => {
    const base = sampler.probability('water_supply', '00316');
    expect(sampler.probability('drainage_flooding', '00316')).toBeGreaterThan(3 * base);
    expect(sampler.probability('environment_waste', '00376')).toBeGreaterThan(
      2.5 * sampler.probability('water_supply', '00376'),
    );
    // Inner hot wards together take a clearly larger share of flooding reports than of others.
    const zones = Object.keys(HANOI_HOT_ZONES.drainage_flooding);
    const share = (cat: string) => zones.reduce((s, z) => s + sampler.probability(cat, z), 0);
    expect(share('drainage_flooding')).toBeGreaterThan(2.5 * share('water_supply'));
  });

  it('marks urban wards and carries the old district', () => {
    const p = sampler.sample('water_supply', createRng(3));
    const area = pack.areas.find((a) => a.code === p.communeCode)!;
    expect(p.urban).toBe(area.nameVi.startsWith('Phường'));
    expect(p.districtCode).toBe(area.parentCode);
  });
});
