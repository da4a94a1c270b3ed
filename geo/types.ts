import type { MultiPolygon, Polygon } from 'geojson';

export type AreaLevel = 'district' | 'commune';

/** One administrative unit as the city pack provides it. */
export interface AreaFeature {
  code: string;
  level: AreaLevel;
  nameVi: string;
  nameEn: string;
  /** For a commune: the pre-2025 district holding its label point; null for districts. */
  parentCode: string | null;
  population: number | null;
  areaKm2: number | null;
  geometry: Polygon | MultiPolygon;
}

/** H3 cells of one point at every resolution the product bins at. */
export interface H3Cells {
  h3r6: string;
  h3r7: string;
  h3r8: string;
  h3r9: string;
  h3r10: string;
}
