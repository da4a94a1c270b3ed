/** What the POI card and search list show, as plain functions of a point (the components only draw). */
import type { Feature } from 'geojson';
import {
  POI_CATEGORY_INFO,
  POI_KIND_CATEGORY,
  POI_KIND_INFO,
  isPoiCategory,
  isPoiKind,
  osmUrl,
  safeWebsite,
  type PoiCategory,
  type PoiKind,
} from '../../../core/poi';
import type { Lang } from '../i18n/messages';
import type { PoiEntry } from '../../../api/poi/searchIndex';

/** One point as a search result or a map click gives it: GET /api/poi/search's item. */
export type PoiDetail = PoiEntry;

/** Half the side of the box the map fits around a point, in degrees (~55 m); the zoom caps it anyway. */
const FOCUS_HALF_DEG = 0.0005;

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);

/** A feature of a POI layer's GeoJSON (properties as core/poi.ts defines, plus the feature id) as a detail. */
export function poiFromFeature(f: Feature, layer: string): PoiDetail | null {
  const p = (f.properties ?? {}) as Record<string, unknown>;
  const id = typeof f.id === 'number' ? f.id : typeof p.id === 'number' ? p.id : null;
  if (id === null || f.geometry?.type !== 'Point' || !isPoiKind(p.kind) || !isPoiCategory(p.category)) return null;
  const [lng, lat] = f.geometry.coordinates;
  return {
    id,
    layer,
    category: p.category,
    kind: p.kind,
    name: text(p.name),
    address: text(p.address),
    phone: text(p.phone),
    website: text(p.website),
    osm: text(p.osm) ?? '',
    lng,
    lat,
  };
}

/** The name, or the localised "unnamed" label of its kind: a missing name is never made up. */
export function poiTitle(p: Pick<PoiDetail, 'name' | 'kind'>, lang: Lang): string {
  if (p.name) return p.name;
  const k = POI_KIND_INFO[p.kind];
  return lang === 'vi' ? k.unnamedVi : k.unnamedEn;
}

export function poiKindName(kind: PoiKind, lang: Lang): string {
  return lang === 'vi' ? POI_KIND_INFO[kind].nameVi : POI_KIND_INFO[kind].nameEn;
}

export function poiCategoryName(category: PoiCategory, lang: Lang): string {
  return lang === 'vi' ? POI_CATEGORY_INFO[category].nameVi : POI_CATEGORY_INFO[category].nameEn;
}

/** The rows of the card, only those the sources know; the website only as an http(s) link. */
export function poiLinks(p: Pick<PoiDetail, 'phone' | 'website' | 'osm'>) {
  return {
    tel: p.phone ? `tel:${p.phone.replace(/[^\d+]/g, '')}` : null,
    website: safeWebsite(p.website),
    osm: osmUrl(p.osm),
  };
}

/** The map's focus for a point: a small box around it, which the map fits up to its zoom cap. */
export function poiFocus(p: Pick<PoiDetail, 'lng' | 'lat'>): { bbox: [number, number, number, number] } {
  return {
    bbox: [p.lng - FOCUS_HALF_DEG, p.lat - FOCUS_HALF_DEG, p.lng + FOCUS_HALF_DEG, p.lat + FOCUS_HALF_DEG],
  };
}

/** Whether a category holds several kinds (schools, health), so the card names both ("Clinic · Health facilities"). */
export function categoryHasKinds(category: PoiCategory): boolean {
  return Object.values(POI_KIND_CATEGORY).filter((c) => c === category).length > 1;
}

/** The layer a category's points are drawn in. */
export function poiLayerCode(category: PoiCategory): string {
  return POI_CATEGORY_INFO[category].layerCode;
}
