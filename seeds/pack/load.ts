import { readFile } from 'node:fs/promises';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { AREA_LEVELS, type AreaFeature, type AreaLevel, type CityPack } from '../../core/cityPack';
import { reportContentSchema } from '../../core/reportContent';
import { areaKm2 } from '../../geo/area';
import { bboxOf, preparePolygons } from '../../geo/pointInPolygon';
import { parseCsv } from './csv';
import { type PackManifest, manifestSchema, textIn } from './manifest';
import { calendarSchema, categoriesSchema, parseWith, slaSchema } from './schemas';

/**
 * Loads the city pack in a folder from its manifest (`pack.json`) and the files it names. Generic:
 * nothing here knows a city; a broken file fails with its path and the field named.
 */
export async function loadPackFolder(dir: URL): Promise<{ pack: CityPack; manifest: PackManifest }> {
  const folder = dir.pathname.replace(/\/$/, '').split('/').pop();
  const file = (name: string) => `seeds/${folder}/${name}`;
  const manifest = parseWith(manifestSchema, await readJson(dir, 'pack.json', file), file('pack.json'));
  if (manifest.code !== folder) {
    throw new Error(`seeds/${folder}/pack.json: code: "${manifest.code}" must be the folder's name "${folder}"`);
  }
  const [boundaryFc, categories, calendar, sla, reports, ...levels] = await Promise.all([
    readJson(dir, manifest.boundary, file),
    readJson(dir, manifest.categories, file),
    readJson(dir, manifest.calendar, file),
    readJson(dir, manifest.sla, file),
    manifest.simulator.reports ? readJson(dir, manifest.simulator.reports, file) : null,
    ...AREA_LEVELS.map((l) => loadLevel(dir, manifest, l, file)),
  ]);
  const boundary = (boundaryFc as FeatureCollection<Polygon | MultiPolygon>).features?.[0] as
    | Feature<Polygon | MultiPolygon>
    | undefined;
  if (!boundary?.geometry) throw new Error(`${file(manifest.boundary)}: no feature`);
  const parsedCalendar = parseWith(calendarSchema, calendar, file(manifest.calendar));
  if (parsedCalendar.timezone !== manifest.timezone) {
    throw new Error(
      `${file(manifest.calendar)}: timezone: "${parsedCalendar.timezone}" is not the pack's "${manifest.timezone}"`,
    );
  }
  const areas = levels.flat();
  checkParents(areas, file(manifest.levels.commune.attributes));
  const { languages } = manifest;
  const text = (t: PackManifest['name'], lang: 'vi' | 'en') => textIn(t, lang, languages);
  const parsedCategories = parseWith(categoriesSchema(languages), categories, file(manifest.categories));
  return {
    manifest,
    pack: {
      code: manifest.code,
      languages,
      publicIdPrefix: manifest.publicIdPrefix,
      nameVi: text(manifest.name, 'vi'),
      nameEn: text(manifest.name, 'en'),
      shortNameVi: text(manifest.shortName, 'vi'),
      shortNameEn: text(manifest.shortName, 'en'),
      timezone: manifest.timezone,
      locales: { vi: textIn(manifest.locales, 'vi', languages), en: textIn(manifest.locales, 'en', languages) },
      center: manifest.center,
      views: manifest.views,
      bbox: bboxOf(preparePolygons(boundary.geometry)),
      boundary,
      levels: Object.fromEntries(
        AREA_LEVELS.map((l) => {
          const lvl = manifest.levels[l];
          return [l, { nameVi: text(lvl.name, 'vi'), nameEn: text(lvl.name, 'en'), codePattern: lvl.codePattern }];
        }),
      ) as CityPack['levels'],
      areas,
      categories: parsedCategories.map((c) => ({
        code: c.code,
        group: c.group,
        nameVi: c.nameVi ?? (c.nameEn as string),
        nameEn: c.nameEn ?? (c.nameVi as string),
        agencyCode: c.agencyCode,
        agencyVi: c.agencyVi ?? (c.agencyEn as string),
        agencyEn: c.agencyEn ?? (c.agencyVi as string),
        severity: c.severity,
      })),
      initiativeCategoryCodes: manifest.initiativeCategoryCodes,
      calendar: parsedCalendar,
      sla: parseWith(slaSchema, sla, file(manifest.sla)),
      attribution: manifest.attribution,
      map: manifest.map,
      simulator: {
        reports:
          reports === null ? null : parseWith(reportContentSchema, reports, file(manifest.simulator.reports ?? '')),
        extras: manifest.simulator.extras,
      },
    },
  };
}

async function loadLevel(
  dir: URL,
  manifest: PackManifest,
  level: AreaLevel,
  file: (name: string) => string,
): Promise<AreaFeature[]> {
  const spec = manifest.levels[level];
  const [fc, csv] = await Promise.all([readJson(dir, spec.geometry, file), readText(dir, spec.attributes, file)]);
  const attrFile = file(spec.attributes);
  const rows = new Map<string, Record<string, string>>();
  for (const row of parseCsv(csv, attrFile)) {
    if (rows.has(row.code)) throw new Error(`${attrFile}: duplicate code ${row.code}`);
    rows.set(row.code, row);
  }
  const pattern = new RegExp(spec.codePattern);
  const features = (fc as FeatureCollection<Polygon | MultiPolygon, Record<string, unknown>>).features ?? [];
  const byCode = new Map<string, AreaFeature>();
  for (const [i, f] of features.entries()) {
    const raw = f.properties?.[spec.codeProperty];
    const code = typeof raw === 'number' ? String(raw) : raw;
    if (typeof code !== 'string' || code === '') {
      throw new Error(`${file(spec.geometry)}: features[${i}].properties.${spec.codeProperty}: missing`);
    }
    const row = rows.get(code);
    if (!row) continue; // Not an area of this level (NYC's joint interest areas): the manifest's CSV decides.
    if (!pattern.test(code)) {
      throw new Error(`${attrFile}: code ${code}: does not match levels.${level}.codePattern ${spec.codePattern}`);
    }
    if (byCode.has(code)) throw new Error(`${file(spec.geometry)}: two features with code ${code}`);
    if (f.geometry?.type !== 'Polygon' && f.geometry?.type !== 'MultiPolygon') {
      throw new Error(`${file(spec.geometry)}: features[${i}]: not a Polygon or MultiPolygon`);
    }
    const name = (lang: 'vi' | 'en') => {
      const v = row[`name_${lang}`]?.normalize('NFC');
      return v || undefined;
    };
    for (const lang of manifest.languages) {
      if (!name(lang)) throw new Error(`${attrFile}: code ${code}: name_${lang}: missing`);
    }
    const nameEn = name('en') ?? (name('vi') as string);
    byCode.set(code, {
      code,
      level,
      nameVi: name('vi') ?? nameEn,
      nameEn,
      parentCode: level === 'district' ? null : row.parent_code || null,
      population: toInt(row.population, attrFile, code, 'population'),
      areaKm2: toFloat(row.area_km2, attrFile, code) ?? Math.round(areaKm2(f.geometry) * 100) / 100,
      geometry: f.geometry,
    });
  }
  const missing = [...rows.keys()].filter((c) => !byCode.has(c));
  if (missing.length) throw new Error(`${attrFile}: no feature in ${spec.geometry} for code ${missing.join(', ')}`);
  // In the table's order: the pack decides which area comes first (demo accounts take the first).
  return [...rows.keys()].map((c) => byCode.get(c) as AreaFeature);
}

function checkParents(areas: AreaFeature[], file: string): void {
  const districts = new Set(areas.filter((a) => a.level === 'district').map((a) => a.code));
  for (const a of areas) {
    if (a.parentCode !== null && !districts.has(a.parentCode)) {
      throw new Error(`${file}: code ${a.code}: parent_code: ${a.parentCode} is no area of the upper level`);
    }
  }
}

function toInt(v: string | undefined, file: string, code: string, column: string): number | null {
  if (v === undefined || v === '') return null;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${file}: code ${code}: ${column}: not a whole number (${v})`);
  return n;
}

function toFloat(v: string | undefined, file: string, code: string): number | null {
  if (v === undefined || v === '') return null;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${file}: code ${code}: area_km2: not a positive number (${v})`);
  return n;
}

export async function readText(dir: URL, name: string, file: (n: string) => string = (n) => n): Promise<string> {
  try {
    return await readFile(new URL(name, dir), 'utf8');
  } catch (err) {
    throw new Error(`${file(name)}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

export async function readJson(dir: URL, name: string, file: (n: string) => string = (n) => n): Promise<unknown> {
  const text = await readText(dir, name, file);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`${file(name)}: invalid JSON (${(err as Error).message})`);
  }
}
