/**
 * The city pack's format: what a city hands the desk (areas, categories, calendar, SLA rules, the
 * time zone and map views). Types only; seeds/ builds packs of it, db/ loads them, api/ serves them.
 */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { ReportContent } from './reportContent';

/**
 * The two levels every pack maps its units onto: `district` the upper (Hanoi's pre-2025 districts,
 * New York's boroughs), `commune` the lower (Hanoi's wards/communes, New York's community districts).
 * What the user reads is the pack's own level name (`CityPack.levels`).
 */
export type AreaLevel = 'district' | 'commune';
export const AREA_LEVELS = ['district', 'commune'] as const satisfies readonly AreaLevel[];

/** Languages the interface speaks; a pack declares which of them its names are in. */
export type PackLanguage = 'vi' | 'en';

/** A level as the pack describes it: its name for the user and the shape of its codes. */
export interface AreaLevelInfo {
  nameVi: string;
  nameEn: string;
  /** A regular expression every code of the level matches (e.g. "^\\d{3}$"). */
  codePattern: string;
}

/** One administrative unit as the city pack provides it. */
export interface AreaFeature {
  code: string;
  level: AreaLevel;
  nameVi: string;
  nameEn: string;
  /** For a commune: the district (upper-level unit) it rolls up to; null for districts. */
  parentCode: string | null;
  population: number | null;
  areaKm2: number | null;
  geometry: Polygon | MultiPolygon;
}

/**
 * Report groups: field incidents and administrative-procedure complaints. Ideas are not reports:
 * they are initiatives (core/initiatives.ts), filed at POST /api/initiatives.
 */
export const CATEGORY_GROUPS = ['field', 'procedure'] as const;
export type CategoryGroup = (typeof CATEGORY_GROUPS)[number];
export type Severity = 'normal' | 'urgent' | 'complex';

export interface Category {
  code: string;
  group: CategoryGroup;
  nameVi: string;
  nameEn: string;
  agencyCode: string;
  agencyVi: string;
  agencyEn: string;
  /** Default severity of a new report in this category. */
  severity: Severity;
}

/** Working calendar: ISO dates (YYYY-MM-DD, local to the city's time zone). */
export interface WorkingCalendar {
  timezone: string;
  /** Working periods of a normal working day, local "HH:MM" pairs. */
  periods: Array<[string, string]>;
  /** ISO weekdays that are working days (1 = Monday … 7 = Sunday). */
  workingWeekdays: number[];
  holidays: Array<{ date: string; nameVi: string; nameEn: string }>;
  /** Weekend days declared working days to compensate a bridged holiday. */
  compensatoryWorkingDays: Array<{ date: string; noteVi: string; noteEn: string }>;
}

/** SLA rules in working hours per severity. */
export interface SlaRules {
  acceptWithinHours: number;
  resolveWithinHours: Record<Severity, number>;
}

/** A map camera: [lng, lat] and a web-mercator zoom. */
export interface CityView {
  center: [number, number];
  zoom: number;
}

export interface CityPack {
  code: string;
  /**
   * Languages of the pack's names, the first the default. A one-language pack fills the other
   * language's name fields with its own (the dashboard never offers that language).
   */
  languages: PackLanguage[];
  /** Prefix of human-readable report ids, e.g. HN → HN-2026-000123. */
  publicIdPrefix: string;
  nameVi: string;
  nameEn: string;
  /** The name as titles use it ("Hà Nội", "Hanoi"), where nameVi/nameEn are the formal ones. */
  shortNameVi: string;
  shortNameEn: string;
  timezone: string;
  /** BCP 47 locale per interface language, for numbers and dates as the city writes them. */
  locales: { vi: string; en: string };
  /** [lng, lat] */
  center: [number, number];
  /** The dashboard's cameras: `opening` where most reports are, `city` the whole city (wall, public map). */
  views: { opening: CityView; city: CityView };
  /** [minLng, minLat, maxLng, maxLat] */
  bbox: [number, number, number, number];
  boundary: Feature<Polygon | MultiPolygon>;
  levels: Record<AreaLevel, AreaLevelInfo>;
  areas: AreaFeature[];
  categories: Category[];
  /**
   * Category codes the city's clients used for ideas before initiatives were their own entity
   * (iHanoi's "Sáng kiến, góp ý"): POST /api/reports answers them with a pointer to /api/initiatives.
   */
  initiativeCategoryCodes: string[];
  calendar: WorkingCalendar;
  sla: SlaRules;
  /** Provenance and licence lines to show wherever the data is shown. */
  attribution: string[];
  /** The basemap the pack brings: `boundaries` = its own outlines on a plain ground, no tiles. */
  map: { basemap: 'boundaries'; note?: string };
  /** The demo simulator's material: report text (null = generic text from the category names), extras on. */
  simulator: { reports: ReportContent | null; extras: SimulatorExtra[] };
}

export type SimulatorExtra = 'alerts' | 'chat' | 'initiatives' | 'reception';

/**
 * The shape every pack's area codes share (Hanoi's "002" and "00070", New York's "1" and "101"):
 * what a request may carry before the pack says whether the area exists. Each level's exact shape is
 * the pack's `levels[level].codePattern`.
 */
export const AREA_CODE = /^[A-Za-z0-9]{1,12}$/;
export const AREA_CODE_MESSAGE = "must be an area code of the city's pack (letters and digits)";
