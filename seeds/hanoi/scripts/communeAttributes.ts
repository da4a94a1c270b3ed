/**
 * Regenerates seeds/hanoi/communes_attributes.csv from the gis.vn commune layer, so the pack
 * carries its population/area/ASCII names without carrying that file's simplified geometry.
 *
 *   npx tsx seeds/hanoi/scripts/communeAttributes.ts /path/to/hanoi_communes_2025_gisvn.geojson
 */
import { readFileSync, writeFileSync } from 'node:fs';

interface GisVnProps {
  code: string;
  name: string;
  name_ascii: string;
  population: number | null;
  area_km2: number | null;
  label_point: [number, number] | null;
}

const COLUMNS = ['code', 'name_vi', 'name_ascii', 'population', 'area_km2', 'label_lng', 'label_lat'];

function main(source: string | undefined): void {
  if (!source) throw new Error('usage: communeAttributes.ts <hanoi_communes_2025_gisvn.geojson>');
  const fc = JSON.parse(readFileSync(source, 'utf8')) as { features: { properties: GisVnProps }[] };
  const rows = fc.features
    .map((f) => f.properties)
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((p) => [
      p.code,
      p.name,
      p.name_ascii,
      p.population ?? '',
      p.area_km2 ?? '',
      p.label_point?.[0] ?? '',
      p.label_point?.[1] ?? '',
    ]);
  for (const row of rows) {
    // The loader's CSV reader is deliberately minimal: no quoting.
    if (row.some((v) => String(v).includes(','))) throw new Error(`comma in row ${row.join('|')}`);
  }
  const out = new URL('../communes_attributes.csv', import.meta.url);
  writeFileSync(out, `${[COLUMNS, ...rows].map((r) => r.join(',')).join('\n')}\n`);
  console.log(`wrote ${rows.length} rows to ${out.pathname}`);
}

main(process.argv[2]);
