/**
 * The city pack's format: what a city hands the desk (areas, categories, calendar, SLA rules, the
 * time zone and map views). Types only; seeds/ builds packs of it, db/ loads them, api/ serves them.
 */
import type { Feature, MultiPolygon, Polygon } from 'geojson';

export type AreaLevel = 'district' | 'commune';

/** One administrative unit as the city pack provides it. */
export interface AreaFeature {
  code: string;
  level: AreaLevel;
  nameVi: string;
  nameEn: string;
  /** For a commune: the pre-2025 district holding its label point; null for districts. */
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
}
