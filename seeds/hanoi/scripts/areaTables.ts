/**
 * Writes the Hanoi pack's area tables (areas_districts.csv, areas_communes.csv) from its sources:
 * GSO codes and names from the boundary files, English names built from the Vietnamese ones
 * (../names.ts), 2019 census district populations, gis.vn ward/commune populations and areas, and
 * each 2025 commune's pre-2025 district (../parents.ts). The pack loader then reads plain tables.
 * Run: npx tsx seeds/hanoi/scripts/areaTables.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseCsv } from '../../pack/csv';
import { buildAreas } from '../areas';

const at = (name: string) => new URL(`../${name}`, import.meta.url);
const json = (name: string) => JSON.parse(readFileSync(at(name), 'utf8'));
const text = (name: string) => readFileSync(at(name), 'utf8');

const areas = buildAreas({
  districts: json('hanoi_districts_geoboundaries.geojson'),
  communes: json('hanoi_communes_2025_osm.geojson'),
  districtPopulation: parseCsv(text('districts_population_2019.csv'), 'districts_population_2019.csv'),
  communeAttributes: parseCsv(text('communes_attributes.csv'), 'communes_attributes.csv'),
});

for (const [level, file] of [
  ['district', 'areas_districts.csv'],
  ['commune', 'areas_communes.csv'],
] as const) {
  const rows = areas
    .filter((a) => a.level === level)
    .map((a) => {
      const cells = [a.code, a.nameVi, a.nameEn, a.parentCode ?? '', a.population ?? '', a.areaKm2 ?? ''];
      if (cells.some((c) => String(c).includes(','))) throw new Error(`${a.code}: a comma in ${cells.join('|')}`);
      return cells.join(',');
    });
  writeFileSync(at(file), `code,name_vi,name_en,parent_code,population,area_km2\n${rows.join('\n')}\n`);
  console.log(`${file}: ${rows.length} rows`);
}
