/**
 * Regenerates seeds/hanoi/poi/hanoi_poi_osm.geojson from the shared collection's POI extracts
 * (data/hanoi/poi/, see its PROVENANCE.md): the three point files merged on the OSM object, kept
 * inside the pack's city outline, and only the properties the product shows.
 *
 *   npx tsx seeds/hanoi/scripts/poi.ts /path/to/shared/data/hanoi/poi
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { pointInAny, preparePolygons } from '../../../geo/pointInPolygon';
import { fromFitHou, fromHealth, fromRealEstate2026, mergePoi } from '../poiSources';

/** In the order the merge trusts them: the 2025-11 layer for the core city, then the all-Hanoi files. */
export const SOURCE_FILES = {
  fitHou: 'hanoi_poi_osm_2025-11_points.geojson',
  health: 'hanoi_health_facilities_osm_2025-10.geojson',
  realEstate2026: 'hanoi_schools_universities_hospitals_osm_2026-06_points.geojson',
} as const;

const read = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

function main(dir: string | undefined): void {
  if (!dir) throw new Error('usage: poi.ts <shared data/hanoi/poi folder>');
  const city = read<FeatureCollection<Polygon | MultiPolygon>>(
    new URL('../hanoi_city_boundary_osm.geojson', import.meta.url).pathname,
  );
  const outline = preparePolygons(city.features[0].geometry);
  const { features, stats } = mergePoi(
    [
      fromFitHou(read(join(dir, SOURCE_FILES.fitHou))),
      fromHealth(read(join(dir, SOURCE_FILES.health))),
      fromRealEstate2026(read(join(dir, SOURCE_FILES.realEstate2026))),
    ],
    (lng, lat) => pointInAny(outline, lng, lat),
  );
  const out = new URL('../poi/hanoi_poi_osm.geojson', import.meta.url);
  // One feature per line: small diffs when the sources are refreshed. The category follows from the
  // kind (core/poi.ts), so the loader adds it back.
  const lines = features.map(({ properties: { category: _category, ...properties }, ...f }) =>
    JSON.stringify({ ...f, properties }),
  );
  writeFileSync(
    out,
    `{"type":"FeatureCollection","attribution":"© OpenStreetMap contributors, ODbL 1.0","features":[\n${lines.join(',\n')}\n]}\n`,
  );
  const byKind = new Map<string, number>();
  for (const f of features) byKind.set(f.properties.kind, (byKind.get(f.properties.kind) ?? 0) + 1);
  console.log(`wrote ${features.length} points to ${out.pathname}`);
  console.log(JSON.stringify(stats));
  console.log(JSON.stringify(Object.fromEntries([...byKind].sort())));
}

main(process.argv[2]);
