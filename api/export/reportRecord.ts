import type { CityClock } from '../../core/cityClock';
import type { Category, CityPack } from '../../core/cityPack';
import { isOpenStatus } from '../../core/statuses';
import type { ReportRow } from '../../db/types';
import type { AreaNames } from '../views';
import { localIso } from './localTime';

/**
 * One report as the staff export writes it: the columns of the CSV (in this order) and the
 * properties of a GeoJSON feature (lat/lng are its geometry there). Built only from the reports
 * row and the pack: the reporter's contact lives in another table that no export reads.
 */
export const REPORT_COLUMNS = [
  'public_id',
  'category',
  'category_vi',
  'category_en',
  'group',
  'status',
  'severity',
  'created_at',
  'accepted_at',
  'due_at',
  'resolved_at',
  'district_code',
  'district_vi',
  'district_en',
  'commune_code',
  'commune_vi',
  'commune_en',
  'agency',
  'agency_vi',
  'agency_en',
  'lat',
  'lng',
  'title',
  'description',
  'overdue',
] as const;

export type ReportRecord = Record<(typeof REPORT_COLUMNS)[number], string | number | boolean | null>;

export interface RecordContext {
  categories: ReadonlyMap<string, Category>;
  /** Agencies by code, with their names (the pack names agencies on its categories). */
  agencies: ReadonlyMap<string, { vi: string; en: string }>;
  areas: AreaNames;
  clock: CityClock;
  /** The export's time: a report is overdue when its deadline passed before it and it is still open. */
  now: Date;
}

export function recordContext(pack: CityPack, areas: AreaNames, clock: CityClock, now: Date): RecordContext {
  return {
    categories: new Map(pack.categories.map((c) => [c.code, c])),
    agencies: new Map(pack.categories.map((c) => [c.agencyCode, { vi: c.agencyVi, en: c.agencyEn }])),
    areas,
    clock,
    now,
  };
}

export function reportRecord(r: ReportRow, ctx: RecordContext): ReportRecord {
  const time = (d: Date | null) => (d ? localIso(ctx.clock, d) : null);
  const category = ctx.categories.get(r.category);
  const district = r.districtCode ? ctx.areas.get(r.districtCode) : undefined;
  const commune = r.communeCode ? ctx.areas.get(r.communeCode) : undefined;
  const agency = ctx.agencies.get(r.agencyCode);
  return {
    public_id: r.publicId,
    category: r.category,
    category_vi: category?.nameVi ?? null,
    category_en: category?.nameEn ?? null,
    group: category?.group ?? null,
    status: r.status,
    severity: r.severity,
    created_at: time(r.createdAt),
    accepted_at: time(r.acceptedAt),
    due_at: time(r.dueAt),
    resolved_at: time(r.resolvedAt),
    district_code: r.districtCode,
    district_vi: district?.nameVi ?? null,
    district_en: district?.nameEn ?? null,
    commune_code: r.communeCode,
    commune_vi: commune?.nameVi ?? null,
    commune_en: commune?.nameEn ?? null,
    agency: r.agencyCode,
    agency_vi: agency?.vi ?? null,
    agency_en: agency?.en ?? null,
    lat: r.lat,
    lng: r.lng,
    title: r.title,
    description: r.description,
    // Paused reports have no deadline (dueAt null) and are never overdue, as everywhere else.
    overdue: isOpenStatus(r.status) && r.dueAt !== null && r.dueAt < ctx.now,
  };
}
