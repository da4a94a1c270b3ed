/**
 * Where reports come from.
 *
 * Baseline: a commune is picked with probability ∝ its population (people file reports where
 * they live and move), then a uniform point inside it. On top, some categories cluster in
 * known places, so the hotspot views have real structure to find: a per-category weight
 * multiplier on a handful of communes (GSO codes of the July-2025 units, as in the pack).
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { randomPointIn } from '../../geo/randomPoint';
import type { AreaFeature } from '../../geo/types';
import type { CityPack } from '../../core/cityPack';
import { WeightedTable, type Rng } from './random';

/** Multiplier applied to a commune's population weight for one category. */
export type HotZones = Record<string, Record<string, number>>;

/** Communes a category concentrates in (>1) — each block says why. */
export const HANOI_HOT_ZONES: HotZones = {
  // Flooding after heavy rain: the low-lying inner south and south-west, where the To Lịch /
  // Kim Ngưu / Nhuệ drainage backs up (Nguyễn Trãi, Khuất Duy Tiến, Định Công, Hà Đông all
  // flooded for days in the Sept–Oct 2025 storms), plus the Cửa Nam / Phan Bội Châu pocket.
  drainage_flooding: {
    '00082': 3, // Cửa Nam
    '00199': 3, // Láng (đường Láng)
    '00316': 5, // Định Công
    '00331': 4, // Hoàng Mai
    '00337': 3, // Hoàng Liệt
    '00364': 4, // Khương Đình (Kim Giang, Ngã Tư Sở)
    '00367': 4, // Thanh Xuân (Nguyễn Trãi, Khuất Duy Tiến)
    '00637': 3, // Đại Mỗ
    '09552': 4, // Kiến Hưng
    '09556': 4, // Hà Đông
    '09886': 5, // Dương Nội
  },
  // Congestion and signal faults around the big junctions and radial corridors.
  traffic_roads: {
    '00166': 3, // Cầu Giấy (Cầu Giấy – Xuân Thủy – Nguyễn Chí Thanh)
    '00175': 2.5, // Yên Hòa (Trần Duy Hưng – Khuất Duy Tiến)
    '00229': 3, // Kim Liên (Xã Đàn – Đại Cồ Việt)
    '00235': 2.5, // Đống Đa (Tây Sơn – Thái Hà)
    '00292': 3, // Bạch Mai (Ngã Tư Vọng, Giải Phóng)
    '00352': 2.5, // Phương Liệt (Giải Phóng, Trường Chinh)
    '00364': 3, // Khương Đình (Ngã Tư Sở)
    '00367': 3, // Thanh Xuân (Nguyễn Trãi)
    '00337': 2.5, // Hoàng Liệt (Pháp Vân – Cầu Giẽ, bến xe Nước Ngầm)
    '00118': 2, // Bồ Đề (Nguyễn Văn Cừ, cầu Chương Dương)
    '00592': 2, // Từ Liêm (Phạm Văn Đồng, Mai Dịch)
    '09556': 2.5, // Hà Đông (Nguyễn Trãi – Quang Trung)
  },
  // Building works, site dust, illegal construction: the fast-urbanising ring and new towns.
  construction_order: {
    '00454': 3, // Đông Anh
    '00475': 2.5, // Thư Lâm
    '00466': 2.5, // Phúc Thịnh
    '00565': 3, // Gia Lâm
    '00562': 2, // Thuận An
    '00613': 3, // Tây Tựu
    '00622': 2.5, // Xuân Phương
    '00634': 3, // Tây Mỗ
    '00637': 2.5, // Đại Mỗ
    '09886': 3, // Dương Nội
    '09877': 3, // An Khánh
    '09988': 2.5, // Hòa Lạc (hi-tech park)
    '09022': 2, // Mê Linh
  },
  // Waste and smells: around the big markets and wholesale hubs, and the Nam Sơn landfill.
  environment_waste: {
    '00070': 2.5, // Hoàn Kiếm (chợ Đồng Xuân)
    '00097': 2.5, // Hồng Hà (chợ Long Biên)
    '00256': 2, // Hai Bà Trưng (chợ Hôm – Đức Viên)
    '00292': 2, // Bạch Mai (chợ Mơ)
    '00331': 2.5, // Hoàng Mai (chợ đầu mối Đền Lừ)
    '00337': 2.5, // Hoàng Liệt (chợ đầu mối phía Nam)
    '00103': 1.5, // Tây Hồ (chợ Bưởi)
    '09556': 2, // Hà Đông (chợ Hà Đông)
    '00376': 4, // Sóc Sơn (khu liên hợp xử lý chất thải Nam Sơn)
  },
};

export interface Place {
  lat: number;
  lng: number;
  communeCode: string;
  communeNameVi: string;
  /** The pre-2025 district the commune's label point falls in, if known. */
  districtCode: string | null;
  /** Urban ward (phường) rather than rural commune (xã): steers street vs village wording. */
  urban: boolean;
}

interface Commune {
  code: string;
  nameVi: string;
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

export function createPlaceSampler(pack: Pick<CityPack, 'areas'>, hotZones: HotZones = HANOI_HOT_ZONES): PlaceSampler {
  const areas = pack.areas.filter((a) => a.level === 'commune');
  if (areas.length === 0) throw new Error('createPlaceSampler: the pack has no communes');
  const communes: Commune[] = areas.map((a) => ({
    code: a.code,
    nameVi: a.nameVi,
    parentCode: a.parentCode,
    // Vietnamese naming: "Phường …" is an urban ward, "Xã …" a rural commune.
    urban: /^phường(?=\s)/i.test(a.nameVi),
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
        districtCode: c.parentCode,
        urban: c.urban,
      };
    },
  };
}
