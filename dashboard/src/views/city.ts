/**
 * The city the dashboard shows, as GET /api/city serves it from the pack: its names, clock, number
 * format and cameras. Nothing about a particular city is written in the dashboard; this module parses
 * what the server says once, and the views derive their titles and opening views from it.
 */
import type { CityResponse } from '../../../api/wire';
import type { FetchJson } from '../map/config';
import type { ViewState } from '../map/types';
import { type Lang, MESSAGES } from '../i18n/messages';

/** As the route returns it (typed from the handler, see api/wire.ts). */
export type City = CityResponse;
type CityView = City['views']['opening'];

const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isText = (x: unknown): x is string => typeof x === 'string' && x !== '';

function numbers<N extends number>(v: unknown, n: N, field: string): number[] {
  if (Array.isArray(v) && v.length === n && v.every(isNumber)) return v;
  throw new Error(`${field}: expected ${n} numbers`);
}

function text(o: Record<string, unknown>, key: string, field = key): string {
  const v = o[key];
  if (!isText(v)) throw new Error(`${field}: expected a non-empty string`);
  return v;
}

function cameraOf(v: unknown, field: string): CityView {
  const o = (v && typeof v === 'object' ? v : {}) as Record<string, unknown>;
  if (!isNumber(o.zoom)) throw new Error(`${field}.zoom: expected a number`);
  return { center: numbers(o.center, 2, `${field}.center`) as [number, number], zoom: o.zoom };
}

function validTimeZone(tz: string): string {
  // Intl throws a RangeError on a zone it does not know: fail here, once, with the field's name.
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
  } catch {
    throw new Error(`timezone: unknown time zone ${tz}`);
  }
  return tz;
}

type CityArea = City['areas'][number];

function areaOf(v: unknown, i: number): CityArea {
  const field = `areas[${i}]`;
  const o = (v && typeof v === 'object' ? v : {}) as Record<string, unknown>;
  if (o.level !== 'district' && o.level !== 'commune') throw new Error(`${field}.level: expected district or commune`);
  if (o.parentCode !== null && !isText(o.parentCode)) throw new Error(`${field}.parentCode: expected a code or null`);
  return {
    code: text(o, 'code', `${field}.code`),
    level: o.level,
    nameVi: text(o, 'nameVi', `${field}.nameVi`),
    nameEn: text(o, 'nameEn', `${field}.nameEn`),
    parentCode: o.parentCode,
  };
}

function languagesOf(v: unknown): Lang[] {
  if (Array.isArray(v) && v.length > 0 && v.every((l) => l === 'vi' || l === 'en')) return v;
  throw new Error('languages: expected a non-empty list of vi, en');
}

function levelOf(v: unknown, field: string): City['levels']['district'] {
  const o = (v && typeof v === 'object' ? v : {}) as Record<string, unknown>;
  return {
    nameVi: text(o, 'nameVi', `${field}.nameVi`),
    nameEn: text(o, 'nameEn', `${field}.nameEn`),
    codePattern: text(o, 'codePattern', `${field}.codePattern`),
  };
}

/** The city from an untrusted body; throws naming the first field that is missing or malformed. */
export function parseCity(raw: unknown): City {
  if (!raw || typeof raw !== 'object') throw new Error('expected an object');
  const o = raw as Record<string, unknown>;
  const locales = (o.locales && typeof o.locales === 'object' ? o.locales : {}) as Record<string, unknown>;
  const views = (o.views && typeof o.views === 'object' ? o.views : {}) as Record<string, unknown>;
  const levels = (o.levels && typeof o.levels === 'object' ? o.levels : {}) as Record<string, unknown>;
  if (o.basemap !== 'boundaries') throw new Error('basemap: expected boundaries');
  return {
    code: text(o, 'code'),
    languages: languagesOf(o.languages),
    nameVi: text(o, 'nameVi'),
    nameEn: text(o, 'nameEn'),
    shortNameVi: text(o, 'shortNameVi'),
    shortNameEn: text(o, 'shortNameEn'),
    timezone: validTimeZone(text(o, 'timezone')),
    locales: { vi: text(locales, 'vi', 'locales.vi'), en: text(locales, 'en', 'locales.en') },
    center: numbers(o.center, 2, 'center') as [number, number],
    bbox: numbers(o.bbox, 4, 'bbox') as [number, number, number, number],
    views: { opening: cameraOf(views.opening, 'views.opening'), city: cameraOf(views.city, 'views.city') },
    attribution: Array.isArray(o.attribution) ? o.attribution.filter(isText) : [],
    levels: {
      district: levelOf(levels.district, 'levels.district'),
      commune: levelOf(levels.commune, 'levels.commune'),
    },
    basemap: o.basemap,
    areas: Array.isArray(o.areas) ? o.areas.map(areaOf) : [],
  };
}

export async function loadCity(get: FetchJson): Promise<City> {
  const raw = await get('/api/city');
  try {
    return parseCity(raw);
  } catch (e) {
    throw new Error(`/api/city: ${(e as Error).message}`);
  }
}

/** The map's camera for one of the city's views. */
export function viewStateOf(view: CityView): ViewState {
  return { longitude: view.center[0], latitude: view.center[1], zoom: view.zoom };
}

/** The desk's opening view: the urban core, where most reports are. */
export const openingView = (city: City): ViewState => viewStateOf(city.views.opening);
/** The whole city, for the wall and the public map. */
export const wholeCityView = (city: City): ViewState => viewStateOf(city.views.city);

/** The city's name as titles use it, in the interface language. */
export const cityName = (city: City, lang: Lang): string => (lang === 'vi' ? city.shortNameVi : city.shortNameEn);

/** "citydesk <city>": the start of every page's header. */
export const appTitle = (city: City, lang: Lang): string => `${MESSAGES[lang].appName} ${cityName(city, lang)}`;

/** The browser tab's title, in the city's default language as the page opens. */
export const documentTitle = (city: City): string =>
  `${MESSAGES[city.languages[0]].appName} — ${cityName(city, city.languages[0])}`;

/** A level's name as the pack calls it ("Borough", "Phường/xã (2025)"). */
export const levelName = (city: City, level: 'district' | 'commune', lang: Lang): string =>
  lang === 'vi' ? city.levels[level].nameVi : city.levels[level].nameEn;

/** The city's default settings: its first language. */
export const cityLang = (city: City): Lang => city.languages[0];

/** An area code's level as the city lists it; undefined for a code it does not know. */
export function areaLevelOf(city: City): (code: string) => City['areas'][number]['level'] | undefined {
  const levels = new Map(city.areas.map((a) => [a.code, a.level]));
  return (code) => levels.get(code);
}
