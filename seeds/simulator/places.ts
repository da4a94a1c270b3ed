/**
 * Where reports come from.
 *
 * Baseline: a commune is picked with probability ∝ its population (people file reports where
 * they live and move), then a uniform point inside it. On top, some categories cluster in
 * known places, so the hotspot views have real structure to find: a per-category weight
 * multiplier on a handful of lower-level areas (the pack's content, `hotZones`).
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { randomPointIn } from '../../geo/randomPoint';
import type { AreaFeature } from '../../geo/types';
import type { CityPack } from '../../core/cityPack';
import { WeightedTable, type Rng } from './random';

/** Multiplier applied to a commune's population weight for one category. */
export type HotZones = Record<string, Record<string, number>>;

export interface Place {
  lat: number;
  lng: number;
  communeCode: string;
  communeNameVi: string;
  communeNameEn: string;
  /** The upper-level unit (district) the area rolls up to, if known. */
  districtCode: string | null;
  /** Urban rather than rural (the content's urbanAreaPattern): steers street vs village wording. */
  urban: boolean;
}

interface Commune {
  code: string;
  nameVi: string;
  nameEn: string;
  parentCode: string | null;
  urban: boolean;
  geometry: Polygon | MultiPolygon;
}

export interface PlaceSampler {
  readonly communes: readonly Commune[];
  /** Probability that a report of `category` lands in `communeCode` (for tests and docs). */
  probability(category: string, communeCode: string): number;
  sample(category: string, rng: Rng): Place;
}

/**
 * Communes without a population figure get the median of the others, so a gap in the source
 * data neither drops a commune from the map nor makes it a hotspot.
 */
function populationWeights(communes: readonly AreaFeature[]): number[] {
  const known = communes
    .map((c) => c.population)
    .filter((p): p is number => typeof p === 'number' && p > 0)
    .sort((a, b) => a - b);
  const median = known.length ? known[Math.floor(known.length / 2)] : 1;
  return communes.map((c) => (typeof c.population === 'number' && c.population > 0 ? c.population : median));
}

export function createPlaceSampler(
  pack: Pick<CityPack, 'areas' | 'simulator'>,
  hotZones: HotZones = pack.simulator.reports?.hotZones ?? {},
): PlaceSampler {
  const urbanPattern = pack.simulator.reports?.urbanAreaPattern;
  const urban = urbanPattern ? new RegExp(urbanPattern, 'i') : null;
  const areas = pack.areas.filter((a) => a.level === 'commune');
  if (areas.length === 0) throw new Error('createPlaceSampler: the pack has no communes');
  const communes: Commune[] = areas.map((a) => ({
    code: a.code,
    nameVi: a.nameVi,
    nameEn: a.nameEn,
    parentCode: a.parentCode,
    // Hanoi's content: "Phường …" is an urban ward, "Xã …" a rural commune; no pattern = all urban.
    urban: urban ? urban.test(a.nameVi) : true,
    geometry: a.geometry,
  }));
  const basePopulation = populationWeights(areas);
  const baseTable = new WeightedTable(communes, basePopulation);
  const indexByCode = new Map(communes.map((c, i) => [c.code, i]));

  // One table per hot-zone category; every other category uses the population table.
  const tables = new Map<string, WeightedTable<Commune>>();
  for (const [category, multipliers] of Object.entries(hotZones)) {
    const weights = basePopulation.slice();
    for (const [code, m] of Object.entries(multipliers)) {
      const i = indexByCode.get(code);
      if (i !== undefined) weights[i] *= m;
    }
    tables.set(category, new WeightedTable(communes, weights));
  }
  const tableFor = (category: string) => tables.get(category) ?? baseTable;

  return {
    communes,
    probability(category, communeCode) {
      const i = indexByCode.get(communeCode);
      return i === undefined ? 0 : tableFor(category).probability(i);
    },
    sample(category, rng) {
      const c = tableFor(category).pick(rng);
      const [lng, lat] = randomPointIn(c.geometry, rng.next);
      return {
        lat,
        lng,
        communeCode: c.code,
        communeNameVi: c.nameVi,
        communeNameEn: c.nameEn,
        districtCode: c.parentCode,
        urban: c.urban,
      };
    },
  };
}
