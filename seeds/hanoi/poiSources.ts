import type { Feature, FeatureCollection, Point } from 'geojson';
import { foldForSearch } from '../../core/foldText';
import { POI_KIND_CATEGORY, type PoiKind, type PoiProperties, safeWebsite } from '../../core/poi';

/**
 * The Hanoi POI layer, derived from the shared collection's three OSM extracts (see PROVENANCE.md):
 * each file read through its own adapter into one shape, then merged on the OSM object (type + id),
 * the first source in SOURCE_ORDER giving the point, its kind and its coordinates, later ones only
 * filling what it lacks (a real name where it had a generated one, an address, a phone, a website).
 * Pure: the script in scripts/poi.ts reads and writes the files.
 */

/** One point as an adapter reads it; `name` null = the source has no real name. */
export interface PoiCandidate {
  osm: string;
  kind: PoiKind;
  name: string | null;
  address: string | null;
  phone: string | null;
  website: string | null;
  lng: number;
  lat: number;
}

export type PoiFeature = Feature<Point, PoiProperties>;

type Props = Record<string, unknown>;

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const first = (...vs: unknown[]): string | null => vs.map(text).find((v) => v !== null) ?? null;

/**
 * The placeholder DucNghia176/GIS wrote for objects without a name ("Không rõ", "unknown"): not a name.
 * The 2025-11 file flags its own generated names (`name_is_fallback`) instead.
 */
const PLACEHOLDER_NAMES = new Set(['khong ro']);

function realName(v: unknown): string | null {
  const name = text(v);
  return name && !PLACEHOLDER_NAMES.has(foldForSearch(name)) ? name : null;
}

/** "12 Phố Huế, Hai Bà Trưng, Hà Nội" from whichever parts a source has; null when it has none. */
export function joinAddress(houseNumber: unknown, street: unknown, ...areas: unknown[]): string | null {
  const line = [text(houseNumber), text(street)].filter(Boolean).join(' ');
  const parts = [line, ...areas.map(text)].filter((p): p is string => Boolean(p));
  // A district repeated as the city ("Hà Nội, Hà Nội") says nothing twice.
  const unique = parts.filter((p, i) => parts.findIndex((q) => foldForSearch(q) === foldForSearch(p)) === i);
  return unique.length ? unique.join(', ') : null;
}

function point(f: Feature): { lng: number; lat: number } | null {
  if (f.geometry?.type !== 'Point') return null;
  const [lng, lat] = f.geometry.coordinates;
  return Number.isFinite(lng) && Number.isFinite(lat) ? { lng, lat } : null;
}

/** The 2025-11 OpenDataFitHou points' categories (OSM amenity) → our kinds. */
const FITHOU_KINDS: Record<string, PoiKind> = {
  kindergarten: 'kindergarten',
  school: 'school',
  university: 'university',
  hospital: 'hospital',
  clinic: 'clinic',
  police: 'police',
  marketplace: 'market',
  community_centre: 'community_house',
};

/** `hanoi_poi_osm_2025-11_points.geojson`: the core city, all eight categories. */
export function fromFitHou(fc: FeatureCollection): PoiCandidate[] {
  return fc.features.flatMap((f) => {
    const p = (f.properties ?? {}) as Props;
    const kind = FITHOU_KINDS[String(p.category)];
    const at = point(f);
    if (!kind || !at || !p.osm_type || p.osm_id == null) return [];
    return [
      {
        osm: `${p.osm_type}/${p.osm_id}`,
        kind,
        name: p.name_is_fallback === true ? null : realName(p.name),
        address: joinAddress(p.addr_housenumber, p.addr_street, p.addr_district, p.addr_city),
        phone: text(p.telephone),
        website: safeWebsite(p.website),
        ...at,
      },
    ];
  });
}

/** OSM amenity of the health file → kind; a doctors' practice is a clinic to a citizen. */
const HEALTH_KINDS: Record<string, PoiKind> = { hospital: 'hospital', clinic: 'clinic', doctors: 'clinic' };

/** `hanoi_health_facilities_osm_2025-10.geojson`: health facilities of all of Hanoi (flat OSM tags). */
export function fromHealth(fc: FeatureCollection): PoiCandidate[] {
  return fc.features.flatMap((f) => {
    const p = (f.properties ?? {}) as Props;
    const kind = HEALTH_KINDS[String(p.amenity)];
    const at = point(f);
    if (!kind || !at || !p.element || p.id == null) return [];
    return [
      {
        osm: `${p.element}/${p.id}`,
        kind,
        name: realName(p.name) ?? realName(p['name:vi']),
        address: joinAddress(
          p['addr:housenumber'],
          p['addr:street'],
          p['addr:subdistrict'],
          p['addr:district'],
          first(p['addr:city'], p['addr:province']),
        ),
        phone: first(p.phone, p['contact:phone'], p['contact:mobile']),
        website: safeWebsite(first(p.website, p['contact:website'])),
        ...at,
      },
    ];
  });
}

/** `hanoi_schools_universities_hospitals_osm_2026-06_points.geojson`: all of Hanoi, three layers. */
export function fromRealEstate2026(fc: FeatureCollection): PoiCandidate[] {
  return fc.features.flatMap((f) => {
    const p = (f.properties ?? {}) as Props;
    const layer = String(p.category);
    const kind: PoiKind | undefined =
      layer === 'high_schools'
        ? 'school'
        : layer === 'universities'
          ? p.amenity === 'college'
            ? 'college'
            : 'university'
          : layer === 'hospitals'
            ? 'hospital'
            : undefined;
    const at = point(f);
    if (!kind || !at || !p.element_type || p.osmid == null) return [];
    return [
      {
        osm: `${p.element_type}/${p.osmid}`,
        kind,
        name: realName(p.name) ?? realName(p['name:vi']) ?? realName(p.official_name),
        address: joinAddress(null, p['addr:street'], p['addr:district']),
        phone: null,
        website: null,
        ...at,
      },
    ];
  });
}

/** A commune health station ("Trạm y tế phường …") is tagged clinic or hospital in OSM. */
const HEALTH_STATION = /^tram y te\b/;

function refineKind(kind: PoiKind, name: string | null): PoiKind {
  if ((kind === 'clinic' || kind === 'hospital') && name && HEALTH_STATION.test(foldForSearch(name)))
    return 'health_station';
  return kind;
}

export interface MergeStats {
  read: number;
  duplicates: number;
  outside: number;
  kept: number;
  /** Points whose first source had no real name and a later one did. */
  namesFromLaterSource: number;
  unnamed: number;
}

/**
 * Merges the sources in order on the OSM object, drops points `inside` refuses (outside the city),
 * and returns the points sorted by OSM key (stable files, stable diffs).
 */
export function mergePoi(
  sources: PoiCandidate[][],
  inside: (lng: number, lat: number) => boolean = () => true,
): { features: PoiFeature[]; stats: MergeStats } {
  const byKey = new Map<string, PoiCandidate>();
  const stats: MergeStats = { read: 0, duplicates: 0, outside: 0, kept: 0, namesFromLaterSource: 0, unnamed: 0 };
  for (const source of sources) {
    for (const c of source) {
      stats.read++;
      const base = byKey.get(c.osm);
      if (!base) {
        byKey.set(c.osm, { ...c });
        continue;
      }
      stats.duplicates++;
      if (!base.name && c.name) {
        base.name = c.name;
        stats.namesFromLaterSource++;
      }
      base.address ??= c.address;
      base.phone ??= c.phone;
      base.website ??= c.website;
    }
  }
  const features: PoiFeature[] = [];
  for (const c of [...byKey.values()].sort((a, b) => compareKeys(a.osm, b.osm))) {
    if (!inside(c.lng, c.lat)) {
      stats.outside++;
      continue;
    }
    const kind = refineKind(c.kind, c.name);
    if (!c.name) stats.unnamed++;
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [round(c.lng), round(c.lat)] },
      properties: {
        osm: c.osm,
        category: POI_KIND_CATEGORY[kind],
        kind,
        name: c.name,
        ...(c.address ? { address: c.address } : {}),
        ...(c.phone ? { phone: c.phone } : {}),
        ...(c.website ? { website: c.website } : {}),
      },
    });
  }
  stats.kept = features.length;
  return { features, stats };
}

/** node/9 before node/10: by type, then by id as a number. */
function compareKeys(a: string, b: string): number {
  const [ta, ia] = a.split('/');
  const [tb, ib] = b.split('/');
  return ta === tb ? Number(ia) - Number(ib) || ia.localeCompare(ib) : ta.localeCompare(tb);
}

/** 6 decimals of a degree ≈ 0.1 m: finer than any of the sources' centroids mean. */
function round(deg: number): number {
  return Math.round(deg * 1e6) / 1e6;
}
