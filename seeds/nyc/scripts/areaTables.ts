/**
 * Writes the New York pack's area tables from the copied DCP and Census files (PROVENANCE.md):
 * - areas_boroughs.csv: BoroCode 1–5 (as DCP numbers them), BoroName from the borough layer, and the
 *   2010 Census count of the borough's county (New York County = Manhattan, Kings = Brooklyn, …);
 * - areas_community_districts.csv: BoroCD 101–503 (the 59 community districts; the 12 joint interest
 *   areas, parks and airports, get no row and are left out of the lower level), DCP's short title,
 *   the borough by code (BoroCD // 100, not by spatial join: Rikers Island and Marble Hill) and the
 *   2010 decennial population as DCP tabulates it.
 * Run: npx tsx seeds/nyc/scripts/areaTables.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';

const at = (name: string) => new URL(`../${name}`, import.meta.url);
const csv = (name: string) => {
  const [header, ...rows] = readFileSync(at(name), 'utf8').split(/\r?\n/).filter(Boolean);
  const cols = header.split(',');
  return rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [cols[i], v])));
};

const COUNTY_BORO: Record<string, string> = {
  'New York County': '1',
  'Bronx County': '2',
  'Kings County': '3',
  'Queens County': '4',
  'Richmond County': '5',
};

const boroughs = JSON.parse(readFileSync(at('nyc_boroughs_dcp2013.geojson'), 'utf8')) as {
  features: Array<{ properties: { BoroCode: number; BoroName: string } }>;
};
const countyPop = new Map(
  csv('nyc_borough_population_census2010_est2019.csv').map((r) => [COUNTY_BORO[r.CTYNAME], r.CENSUS2010POP]),
);
const boroRows = boroughs.features
  .map((f) => String(f.properties.BoroCode))
  .sort()
  .map((code) => {
    const f = boroughs.features.find((x) => String(x.properties.BoroCode) === code)!;
    const pop = countyPop.get(code);
    if (!pop) throw new Error(`no county population for borough ${code}`);
    return [code, f.properties.BoroName, '', pop].join(',');
  });
writeFileSync(at('areas_boroughs.csv'), `code,name_en,parent_code,population\n${boroRows.join('\n')}\n`);

const pop = new Map(csv('nyc_cd_population_2000_2010_dcp.csv').map((r) => [r.borocd, r.pop_2010]));
const cdRows = csv('nyc_cd_titles_dcp.csv')
  .sort((a, b) => Number(a.borocd) - Number(b.borocd))
  .map((r) => {
    const p = pop.get(r.borocd);
    if (!p) throw new Error(`no population for CD ${r.borocd}`);
    return [r.borocd, r.cd_short_title, String(Math.floor(Number(r.borocd) / 100)), p].join(',');
  });
writeFileSync(at('areas_community_districts.csv'), `code,name_en,parent_code,population\n${cdRows.join('\n')}\n`);
console.log(`areas_boroughs.csv: ${boroRows.length} rows; areas_community_districts.csv: ${cdRows.length} rows`);
