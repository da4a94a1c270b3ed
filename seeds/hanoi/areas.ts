import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { areaKm2 } from '../../geo/area';
import { buildAreaIndex } from '../../geo/areaIndex';
import type { AreaFeature } from '../../geo/types';
import { communeNameEn, districtNameEn, toAscii } from './names';
import { parentDistrict } from './parents';

type Areas = FeatureCollection<Polygon | MultiPolygon, Record<string, unknown>>;

export interface AreaSources {
  /** geoBoundaries ADM2 with GSO codes (the 30 pre-2025 units). */
  districts: Areas;
  /** OSM admin_level=6 with GSO codes (the 126 units since 1 July 2025). */
  communes: Areas;
  /** districts_population_2019.csv rows */
  districtPopulation: Record<string, string>[];
  /** communes_attributes.csv rows (from gis.vn) */
  communeAttributes: Record<string, string>[];
}

/** Joins geometry, names, populations and parents into the pack's areas: districts first. */
export function buildAreas(src: AreaSources): AreaFeature[] {
  const population = byCode(src.districtPopulation, 'districts_population_2019.csv');
  const districts = src.districts.features.map((f): AreaFeature => {
    const code = str(f.properties.gso_code, 'district gso_code');
    const row = population.get(code);
    if (!row) throw new Error(`districts_population_2019.csv: no row for district ${code}`);
    return {
      code,
      level: 'district',
      nameVi: str(f.properties.name, `district ${code} name`),
      nameEn: districtNameEn(str(f.properties.name_short, `district ${code} name_short`), String(f.properties.type)),
      parentCode: null,
      population: toInt(row.population),
      // The source carries no area; computed from its geometry (within ~1% of the official figures).
      areaKm2: round2(areaKm2(f.geometry)),
      geometry: f.geometry,
    };
  });

  const districtIndex = buildAreaIndex(districts, 'district');
  const attributes = byCode(src.communeAttributes, 'communes_attributes.csv');
  const communes = src.communes.features.map((f): AreaFeature => {
    const code = str(f.properties.gso_code, 'commune gso_code');
    const attr = attributes.get(code);
    const nameVi = str(f.properties.name, `commune ${code} name`);
    const type = String(f.properties.type);
    const ascii = attr?.name_ascii || toAscii(String(f.properties.name_short ?? nameVi));
    const label = attr?.label_lng ? ([Number(attr.label_lng), Number(attr.label_lat)] as [number, number]) : null;
    const parent = parentDistrict(f.geometry, label, districtIndex);
    return {
      code,
      level: 'commune',
      nameVi,
      nameEn: communeNameEn(f.properties['name:en'] as string | undefined, ascii, type),
      parentCode: parent?.code ?? null,
      // gis.vn figures cover all 126; OSM's tag (54 missing) is the fallback.
      population: toInt(attr?.population) ?? toInt(f.properties.population),
      areaKm2: toFloat(attr?.area_km2) ?? round2(areaKm2(f.geometry)),
      geometry: f.geometry,
    };
  });

  return [...districts, ...communes];
}

function byCode(rows: Record<string, string>[], file: string): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const row of rows) {
    if (out.has(row.code)) throw new Error(`${file}: duplicate code ${row.code}`);
    out.set(row.code, row);
  }
  return out;
}

function str(v: unknown, what: string): string {
  if (typeof v !== 'string' || v === '') throw new Error(`city pack: missing ${what}`);
  return v.normalize('NFC');
}

function toInt(v: unknown): number | null {
  const n = typeof v === 'number' ? v : Number.parseInt(String(v ?? ''), 10);
  return Number.isFinite(n) ? n : null;
}

function toFloat(v: unknown): number | null {
  const n = Number.parseFloat(String(v ?? ''));
  return Number.isFinite(n) ? n : null;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
