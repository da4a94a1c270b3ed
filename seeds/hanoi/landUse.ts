import { cellToBoundary, cellToLatLng, cellToParent, polygonToCells } from 'h3-js';
import type { Polygon } from 'geojson';
import { buildAreaIndex } from '../../geo/areaIndex';
import type { OverlayFeature, OverlayLegend } from '../../core/overlayLayers';
import { createRng } from '../simulator/random';
import type { CityPack } from '../../core/cityPack';

/**
 * SIMULATED land use. No open zoning data exists for Hanoi, so this draws a plausible map for the
 * demo: H3 res-7 hexagons (~5 km²) classed by where they lie — old-quarter wards mostly commercial
 * and mixed, outer wards residential, rural communes agricultural with villages and industrial
 * parks, the Ba Vì massif forest, and water along a hand-placed, approximate Red River line and
 * the big lakes. It is a stand-in for a real planning layer (import one with `npm run import:layer`).
 */

export const LAND_USE_RES = 7;

export const LAND_USE_CLASSES = [
  { key: 'residential', nameVi: 'Đất ở', nameEn: 'Residential', color: '#f2d16b' },
  { key: 'commercial', nameVi: 'Thương mại – dịch vụ', nameEn: 'Commercial', color: '#e4572e' },
  { key: 'mixed', nameVi: 'Hỗn hợp', nameEn: 'Mixed use', color: '#f29e4c' },
  { key: 'industrial', nameVi: 'Công nghiệp', nameEn: 'Industrial', color: '#9b5de5' },
  { key: 'green', nameVi: 'Cây xanh – rừng', nameEn: 'Green / park / forest', color: '#4caf50' },
  { key: 'water', nameVi: 'Mặt nước', nameEn: 'Water', color: '#3a86ff' },
  { key: 'agricultural', nameVi: 'Nông nghiệp', nameEn: 'Agricultural', color: '#b5d99c' },
] as const satisfies OverlayLegend['classes'];
export type LandUse = (typeof LAND_USE_CLASSES)[number]['key'];

/** Approximate Red River course through Hanoi, NW → SE, [lng, lat], hand-placed from bridge positions. */
const RED_RIVER: Array<[number, number]> = [
  [105.35, 21.25],
  [105.47, 21.17],
  [105.56, 21.14],
  [105.65, 21.13],
  [105.74, 21.1],
  [105.8, 21.1],
  [105.826, 21.088],
  [105.857, 21.044],
  [105.878, 21.002],
  [105.899, 20.976],
  [105.91, 20.87],
  [105.96, 20.75],
  [106.0, 20.66],
];
/** The Đuống, leaving the Red River eastwards past Long Biên and Gia Lâm. */
const DUONG_RIVER: Array<[number, number]> = [
  [105.89, 21.07],
  [105.95, 21.085],
  [106.02, 21.08],
];
/** A res-7 cell's centre within this of a river line is mostly water (the Red River is ~1 km wide). */
const RIVER_HALF_WIDTH_KM = 0.8;
const LAKES: Array<{ lng: number; lat: number; radiusKm: number }> = [
  { lng: 105.8235, lat: 21.0545, radiusKm: 1.3 }, // Hồ Tây (West Lake)
  { lng: 105.395, lat: 21.075, radiusKm: 1.8 }, // Hồ Suối Hai
  { lng: 105.485, lat: 21.06, radiusKm: 1.4 }, // Hồ Đồng Mô
];
const BA_VI_MASSIF = { lng: 105.37, lat: 21.06, radiusKm: 7 };
/** Inner wards: the old quarter and the French quarter, within this of Hoàn Kiếm Lake. */
const INNER_KM = 4;
const PERI_URBAN_KM = 20;
/** Share of cells that take their res-6 parent's draw, so classes form districts, not confetti. */
const ZONE_COHERENCE = 0.6;

type Weights = Partial<Record<LandUse, number>>;
const INNER_WARD: Weights = { commercial: 0.35, mixed: 0.3, residential: 0.25, green: 0.1 };
const OUTER_WARD: Weights = { residential: 0.45, mixed: 0.2, commercial: 0.15, green: 0.1, industrial: 0.1 };
const PERI_URBAN_COMMUNE: Weights = {
  agricultural: 0.45,
  residential: 0.25,
  industrial: 0.15,
  green: 0.1,
  mixed: 0.05,
};
const RURAL_COMMUNE: Weights = { agricultural: 0.65, residential: 0.15, green: 0.15, industrial: 0.05 };
const MOUNTAIN: Weights = { green: 0.7, agricultural: 0.3 };

const KM_PER_DEG_LAT = 111.32;

function distanceKm(aLng: number, aLat: number, bLng: number, bLat: number): number {
  const kx = KM_PER_DEG_LAT * Math.cos(((aLat + bLat) / 2) * (Math.PI / 180));
  return Math.hypot((aLng - bLng) * kx, (aLat - bLat) * KM_PER_DEG_LAT);
}

function distanceToLineKm(lng: number, lat: number, line: Array<[number, number]>): number {
  const kx = KM_PER_DEG_LAT * Math.cos(lat * (Math.PI / 180));
  let best = Infinity;
  for (let i = 1; i < line.length; i++) {
    const [ax, ay] = [(line[i - 1][0] - lng) * kx, (line[i - 1][1] - lat) * KM_PER_DEG_LAT];
    const [bx, by] = [(line[i][0] - lng) * kx, (line[i][1] - lat) * KM_PER_DEG_LAT];
    const t = Math.max(0, Math.min(1, -(ax * (bx - ax) + ay * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
    best = Math.min(best, Math.hypot(ax + t * (bx - ax), ay + t * (by - ay)));
  }
  return best;
}

function pick(weights: Weights, u: number): LandUse {
  const entries = Object.entries(weights) as Array<[LandUse, number]>;
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let x = u * total;
  for (const [k, w] of entries) if ((x -= w) < 0) return k;
  return entries[entries.length - 1][0];
}

/** The class of one cell: water by geography, otherwise drawn from its setting's weights. */
export function classifyCell(
  cell: string,
  lng: number,
  lat: number,
  isWard: boolean,
  center: [number, number],
): LandUse {
  if (
    distanceToLineKm(lng, lat, RED_RIVER) < RIVER_HALF_WIDTH_KM ||
    distanceToLineKm(lng, lat, DUONG_RIVER) < RIVER_HALF_WIDTH_KM / 2
  )
    return 'water';
  if (LAKES.some((l) => distanceKm(lng, lat, l.lng, l.lat) < l.radiusKm)) return 'water';
  const centreKm = distanceKm(lng, lat, center[0], center[1]);
  const weights =
    distanceKm(lng, lat, BA_VI_MASSIF.lng, BA_VI_MASSIF.lat) < BA_VI_MASSIF.radiusKm
      ? MOUNTAIN
      : isWard
        ? centreKm < INNER_KM
          ? INNER_WARD
          : OUTER_WARD
        : centreKm < PERI_URBAN_KM
          ? PERI_URBAN_COMMUNE
          : RURAL_COMMUNE;
  const zone = createRng(`landuse-zone:${cellToParent(cell, LAND_USE_RES - 1)}`);
  const own = createRng(`landuse-cell:${cell}`);
  const u = own.next() < ZONE_COHERENCE ? zone.next() : own.next();
  return pick(weights, u);
}

/** One hexagon feature per res-7 cell whose centre lies in one of the pack's communes. */
export function landUseFeatures(pack: CityPack): OverlayFeature[] {
  const communes = buildAreaIndex(pack.areas, 'commune');
  const byCode = new Map(pack.areas.map((a) => [a.code, a]));
  const g = pack.boundary.geometry;
  const cells = new Set<string>();
  for (const rings of g.type === 'Polygon' ? [g.coordinates] : g.coordinates) {
    for (const c of polygonToCells(rings, LAND_USE_RES, true)) cells.add(c);
  }
  const out: OverlayFeature[] = [];
  for (const cell of [...cells].sort()) {
    const [lat, lng] = cellToLatLng(cell);
    const code = communes.lookup(lat, lng);
    if (!code) continue;
    const commune = byCode.get(code)!;
    const landUse = classifyCell(cell, lng, lat, commune.nameVi.startsWith('Phường'), pack.center);
    const geometry: Polygon = { type: 'Polygon', coordinates: [cellToBoundary(cell, true)] };
    out.push({ key: cell, properties: { cell, landUse, communeCode: code }, geometry });
  }
  return out;
}
