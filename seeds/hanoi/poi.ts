import { readFile } from 'node:fs/promises';
import type { FeatureCollection } from 'geojson';
import type { OverlayFeature, OverlayLayer } from '../../core/overlayLayers';
import { POI_CATEGORIES, POI_CATEGORY_INFO, POI_KIND_CATEGORY, type PoiProperties, isPoiKind } from '../../core/poi';

/**
 * The pack's points of interest (schools, health facilities, markets, police, community houses) as
 * one overlay layer per category, from poi/hanoi_poi_osm.geojson (built by scripts/poi.ts; sources
 * and licence in PROVENANCE.md). Cultural and historic sites and People's Committee offices have no
 * open point data and are left out rather than invented.
 */

export const POI_FILE = 'poi/hanoi_poi_osm.geojson';

/** Short enough for a legend; which extracts and snapshots (2025-10 … 2026-06) is in PROVENANCE.md. */
const POI_SOURCE = '© OpenStreetMap contributors';

/** The file's features checked and completed (the category follows from the kind). */
export function poiFeatures(fc: FeatureCollection): OverlayFeature[] {
  return fc.features.map((f, i) => {
    const p = (f.properties ?? {}) as Record<string, unknown>;
    if (!isPoiKind(p.kind) || typeof p.osm !== 'string' || f.geometry?.type !== 'Point')
      throw new Error(`${POI_FILE}: feature ${i} is not a POI point`);
    const properties: PoiProperties = {
      osm: p.osm,
      category: POI_KIND_CATEGORY[p.kind],
      kind: p.kind,
      name: typeof p.name === 'string' ? p.name : null,
      ...(typeof p.address === 'string' ? { address: p.address } : {}),
      ...(typeof p.phone === 'string' ? { phone: p.phone } : {}),
      ...(typeof p.website === 'string' ? { website: p.website } : {}),
    };
    return { key: p.osm, properties: { ...properties }, geometry: f.geometry };
  });
}

/** One layer per category, every category present even if the file had none of it. */
export function poiLayers(features: OverlayFeature[]): OverlayLayer[] {
  return POI_CATEGORIES.map((category) => ({
    code: POI_CATEGORY_INFO[category].layerCode,
    kind: 'amenity' as const,
    nameVi: POI_CATEGORY_INFO[category].nameVi,
    nameEn: POI_CATEGORY_INFO[category].nameEn,
    source: POI_SOURCE,
    licence: 'ODbL 1.0',
    simulated: false,
    // The snapshot most points come from; outer-district schools and hospitals are of 2026-06.
    dataDate: '2025-11',
    features: features.filter((f) => f.properties.category === category),
  }));
}

export async function loadPoiLayers(): Promise<OverlayLayer[]> {
  const text = await readFile(new URL(POI_FILE, import.meta.url), 'utf8');
  return poiLayers(poiFeatures(JSON.parse(text) as FeatureCollection));
}
