import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Polygon } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCityPack } from '../seeds/packs';
import { type AreaIndex, buildAreaIndex, locateAreas } from './areaIndex';
import { h3CellsFor } from './h3cells';
import type { AreaFeature } from './types';

let areas: AreaFeature[];
let districts: AreaIndex;
let communes: AreaIndex;

beforeAll(async () => {
  // Tests may read the pack; geo itself never does.
  areas = (await loadCityPack('hanoi')).areas;
  districts = buildAreaIndex(areas, 'district');
  communes = buildAreaIndex(areas, 'commune');
});

describe('area lookup on the Hanoi pack', () => {
  // Each row checked by exact point-in-polygon against the pack's polygons.
  it.each([
    // place, lat, lng, district (pre-2025), commune (2025)
    ['Hồ Hoàn Kiếm', 21.0287, 105.8524, '002', '00070'], // Quận Hoàn Kiếm, Phường Hoàn Kiếm
    ['Lăng Bác', 21.0368, 105.8347, '001', '00004'], // Quận Ba Đình, Phường Ba Đình
    ['Hồ Tây', 21.058, 105.819, '003', '00103'], // Quận Tây Hồ, Phường Tây Hồ
    ['Cầu Long Biên, mid-river', 21.0427, 105.86, '004', '00097'], // Long Biên, Phường Hồng Hà
    ['Sân vận động Mỹ Đình', 21.0205, 105.7637, '019', '00592'], // Nam Từ Liêm, Phường Từ Liêm
    ['Hà Đông centre', 20.9714, 105.7788, '268', '09556'], // Quận Hà Đông, Phường Hà Đông
    ['Thành cổ Sơn Tây', 21.1406, 105.5052, '269', '09574'], // Thị xã Sơn Tây, Phường Sơn Tây
    ['Tây Đằng (Ba Vì)', 21.2036, 105.4236, '271', '09619'], // Huyện Ba Vì, Xã Quảng Oai
    ['Núi Ba Vì', 21.0583, 105.3653, '271', '09700'], // Huyện Ba Vì, Xã Ba Vì
    ['Sân bay Nội Bài', 21.2187, 105.8042, '016', '00433'], // Huyện Sóc Sơn, Xã Nội Bài
    ['Chùa Hương', 20.618, 105.747, '282', '10489'], // Huyện Mỹ Đức, Xã Hương Sơn
  ])('%s (%s, %s) → district %s, commune %s', (_, lat, lng, district, commune) => {
    expect(districts.lookup(lat, lng)).toBe(district);
    expect(communes.lookup(lat, lng)).toBe(commune);
  });

  it.each([
    ['Hải Phòng', 20.86, 106.68],
    ['Bắc Ninh city', 21.186, 106.076],
    ['Null Island', 0, 0],
    ['lat NaN', Number.NaN, 105.85],
    ['lng NaN', 21.03, Number.NaN],
    ['lat Infinity', Number.POSITIVE_INFINITY, 105.85],
    ['lat 91', 91, 105.85],
    ['lng 181', 21.03, 181],
  ])('%s (%s, %s) is outside the city: no district and no commune', (_, lat, lng) => {
    expect(districts.lookup(lat, lng)).toBeNull();
    expect(communes.lookup(lat, lng)).toBeNull();
  });

  // ~7 m apart across the Hoàn Kiếm / Hai Bà Trưng border, in the same r8 cell: only the
  // exact test can tell them apart. Both lie in Phường Cửa Nam, which straddles the old border.
  it.each([
    ['north side', 21.022436, 105.842237, '002'],
    ['south side', 21.022376, 105.842243, '007'],
  ])('district border, %s → %s', (_, lat, lng, district) => {
    expect(districts.lookup(lat, lng)).toBe(district);
    expect(communes.lookup(lat, lng)).toBe('00082');
  });

  it.each(['district', 'commune'] as const)('%s index agrees with a brute-force turf test', (level) => {
    const index = level === 'district' ? districts : communes;
    const candidates = areas.filter((a) => a.level === level);
    let seed = 20_250_701;
    const rng = () => (seed = (seed * 1_664_525 + 1_013_904_223) >>> 0) / 2 ** 32;
    for (let i = 0; i < 3000; i++) {
      // Hanoi's bbox plus a margin, so border cells on the outer edge are exercised too.
      const lat = 20.5 + rng() * 0.95;
      const lng = 105.2 + rng() * 0.9;
      const want = candidates.find((a) => booleanPointInPolygon([lng, lat], a.geometry))?.code ?? null;
      expect(index.lookup(lat, lng), `${lat},${lng}`).toBe(want);
    }
  });

  // Inside a 2025 commune but outside every pre-2025 district polygon (the two layers come from
  // different surveys): the point takes the commune's parent district from the pack.
  it.each([
    ['Phúc Lộc, Phúc Thọ', 21.155841, 105.567122, '09739', '272'],
    ['Kim Anh, Sóc Sơn, at the city edge', 21.350333, 105.789389, '00382', '016'],
    ['Bát Tràng, on the Red River bank', 20.975094, 105.9158, '00577', '018'],
  ])('%s (%s, %s): commune %s, no district polygon → its parent %s', (_, lat, lng, commune, district) => {
    expect(districts.lookup(lat, lng)).toBeNull();
    expect(locateAreas(districts, communes, lat, lng)).toEqual({ districtCode: district, communeCode: commune });
  });

  it('gives every point in a commune a district, and keeps the polygon district where there is one', () => {
    let seed = 20_251_204;
    const rng = () => (seed = (seed * 1_664_525 + 1_013_904_223) >>> 0) / 2 ** 32;
    for (let i = 0; i < 3000; i++) {
      const lat = 20.5 + rng() * 0.95;
      const lng = 105.2 + rng() * 0.9;
      const found = locateAreas(districts, communes, lat, lng);
      if (found.communeCode !== null) expect(found.districtCode, `${lat},${lng}`).not.toBeNull();
      const polygon = districts.lookup(lat, lng);
      if (polygon !== null) expect(found.districtCode).toBe(polygon);
    }
    expect(locateAreas(districts, communes, 20.86, 106.68)).toEqual({ districtCode: null, communeCode: null });
  });

  it('answers the same from the r8 cell the caller computed, and ignores a cell at another resolution', () => {
    let seed = 20_261_205;
    const rng = () => (seed = (seed * 1_664_525 + 1_013_904_223) >>> 0) / 2 ** 32;
    for (let i = 0; i < 3000; i++) {
      const lat = 20.5 + rng() * 0.95;
      const lng = 105.2 + rng() * 0.9;
      const cells = h3CellsFor(lat, lng);
      const plain = locateAreas(districts, communes, lat, lng);
      expect(locateAreas(districts, communes, lat, lng, { res: 8, cell: cells.h3r8 }), `${lat},${lng}`).toEqual(plain);
      expect(locateAreas(districts, communes, lat, lng, { res: 9, cell: cells.h3r9 })).toEqual(plain);
    }
  });

  it('reports its shape', () => {
    expect(communes.stats.areas).toBe(126);
    expect(districts.stats.areas).toBe(30);
    expect(communes.stats.interiorCells).toBeGreaterThan(1000);
    expect(communes.stats.boundaryCells).toBeGreaterThan(0);
  });
});

describe('area lookup on synthetic shapes', () => {
  const square = (code: string, w: number, s: number, size: number, holes: number[][][] = []): AreaFeature => ({
    code,
    level: 'commune',
    nameVi: code,
    nameEn: code,
    parentCode: null,
    population: null,
    areaKm2: null,
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [w, s],
          [w + size, s],
          [w + size, s + size],
          [w, s + size],
          [w, s],
        ],
        ...holes,
      ],
    } as Polygon,
  });
  // A 0.1° square with a 0.04° hole, and a second area inside the hole (an enclave).
  const hole = [
    [105.83, 21.03],
    [105.83, 21.07],
    [105.87, 21.07],
    [105.87, 21.03],
    [105.83, 21.03],
  ];
  const ring = square('RING', 105.8, 21.0, 0.1, [hole]);
  const enclave = square('ENCLAVE', 105.84, 21.04, 0.02);
  const index = buildAreaIndex([ring, enclave, { ...square('D', 0, 0, 1), level: 'district' }], 'commune');

  it.each([
    ['in the ring', 21.01, 105.81, 'RING'],
    ['in the enclave', 21.05, 105.85, 'ENCLAVE'],
    ['in the hole, outside the enclave', 21.035, 105.835, null],
    ['outside everything', 21.2, 105.6, null],
    ['in an area of another level', 0.5, 0.5, null],
  ])('%s → %s', (_, lat, lng, code) => {
    expect(index.lookup(lat, lng)).toBe(code);
  });

  it('indexes only the requested level', () => {
    expect(index.stats.areas).toBe(2);
  });
});
