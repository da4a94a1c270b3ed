import { readFile } from 'node:fs/promises';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { CityPack } from '../../core/cityPack';
import { bboxOf, preparePolygons } from '../../geo/pointInPolygon';
import { buildAreas } from './areas';
import { parseCsv } from './csv';
import { calendarSchema, categoriesSchema, parseWith, slaSchema } from './schema';

/**
 * The map opens on Hoàn Kiếm Lake, the administrative heart of the city; the bbox centre
 * would land in the rice fields of Quốc Oai. [lng, lat]
 */
const CENTER: [number, number] = [105.8524, 21.0287];

/**
 * The desk opens on the urban core (the inner districts around Hoàn Kiếm, where most reports are);
 * the wall and the public map show the whole city, whose centre of mass lies west of the core.
 */
const VIEWS: CityPack['views'] = {
  opening: { center: [105.84, 21.02], zoom: 10.6 },
  city: { center: [105.7, 21.0], zoom: 9.2 },
};

const ATTRIBUTION = [
  'Ward/commune (2025) and city boundaries, bus stops, places (schools, health, markets, police, community houses): © OpenStreetMap contributors, ODbL 1.0',
  'District boundaries (2020): geoBoundaries gbOpen VNM ADM2, Government of Viet Nam / OCHA ROAP, CC BY 3.0 IGO',
  'Ward/commune population and area: gis.vn / sapnhap.bando.com.vn (via lamngockhuong/vietnam-3d-map)',
  'District population: 2019 Population and Housing Census, General Statistics Office of Viet Nam',
  'Air-quality stations: moitruongthudo.vn (Hanoi CEM); US Embassy station: AirNow, US Department of State',
];

let cached: Promise<CityPack> | undefined;

/** Loads the Hanoi pack from the files beside this module, once per process. */
export function loadHanoiPack(): Promise<CityPack> {
  // Cache the promise, not the value, so concurrent first callers share one load.
  cached ??= load().catch((err: unknown) => {
    cached = undefined;
    throw err;
  });
  return cached;
}

async function load(): Promise<CityPack> {
  const [districts, communes, city, districtPopulation, communeAttributes, categories, calendar, sla] =
    await Promise.all([
      readJson('hanoi_districts_geoboundaries.geojson'),
      readJson('hanoi_communes_2025_osm.geojson'),
      readJson('hanoi_city_boundary_osm.geojson'),
      readText('districts_population_2019.csv'),
      readText('communes_attributes.csv'),
      readJson('categories.json'),
      readJson('calendar.json'),
      readJson('sla.json'),
    ]);
  const boundary = (city as FeatureCollection<Polygon | MultiPolygon>).features[0] as Feature<Polygon | MultiPolygon>;
  if (!boundary) throw new Error('hanoi_city_boundary_osm.geojson: no feature');
  return {
    code: 'hanoi',
    publicIdPrefix: 'HN',
    nameVi: 'Thành phố Hà Nội',
    nameEn: 'Hanoi',
    shortNameVi: 'Hà Nội',
    shortNameEn: 'Hanoi',
    timezone: 'Asia/Ho_Chi_Minh',
    // Numbers as each language writes them here: 1.234,5 in Vietnamese, 1,234.5 and day-first dates in English.
    locales: { vi: 'vi-VN', en: 'en-GB' },
    center: CENTER,
    views: VIEWS,
    bbox: bboxOf(preparePolygons(boundary.geometry)),
    boundary,
    areas: buildAreas({
      districts: districts as never,
      communes: communes as never,
      districtPopulation: parseCsv(districtPopulation, 'districts_population_2019.csv'),
      communeAttributes: parseCsv(communeAttributes, 'communes_attributes.csv'),
    }),
    categories: parseWith(categoriesSchema, categories, 'categories.json'),
    // iHanoi's "Sáng kiến, góp ý" category, an initiative since initiatives are their own entity.
    initiativeCategoryCodes: ['initiative_suggestion'],
    calendar: parseWith(calendarSchema, calendar, 'calendar.json'),
    sla: parseWith(slaSchema, sla, 'sla.json'),
    attribution: ATTRIBUTION,
  };
}

async function readText(name: string): Promise<string> {
  return readFile(new URL(name, import.meta.url), 'utf8');
}

async function readJson(name: string): Promise<unknown> {
  const text = await readText(name);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`${name}: invalid JSON (${(err as Error).message})`);
  }
}
