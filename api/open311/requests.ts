import { cellToLatLng } from 'h3-js';
import type { CityClock } from '../../core/cityClock';
import type { Category } from '../../core/cityPack';
import type { ReportStatus } from '../../core/statuses';
import { isOpenStatus } from '../../core/statuses';
import type { EventRow } from '../../db/types';
import type { ReportRow } from '../../db/types';
import type { AreaNames } from '../views';
import { cityIso, cityIsoOrNull } from './datetime';
import type { Lang } from './locale';
import { agencyName, serviceName } from './services';

/**
 * A report as a GeoReport v2 `request`, for one of two readers (README, Open311):
 * - `public` (no staff credentials): what the public may see of one report — its category,
 *   status and times, the area's names, a point no finer than the centre of its resolution-8 cell
 *   (~0.7 km²), a status note from our own words, and the description only if it was cleared for
 *   publication; no media, no title, no staff note, and nothing filed within the public delay
 *   (the routes filter that);
 * - `staff` (a bearer token or session, within its scope): the exact point, the description, the
 *   media and the latest staff note.
 * No reporter contact reaches either: it is not read here.
 */
export type Reader = 'public' | 'staff';

/** Our status in a word, for status_notes where no staff note may be shown. */
const STATUS_NOTES: Record<ReportStatus, Record<Lang, string>> = {
  received: { vi: 'Đã nhận phản ánh', en: 'Received' },
  accepted: { vi: 'Cơ quan đã tiếp nhận', en: 'Accepted by the agency' },
  in_progress: { vi: 'Đang xử lý', en: 'In progress' },
  resolved: { vi: 'Đã xử lý xong', en: 'Resolved' },
  closed: { vi: 'Đã đóng', en: 'Closed' },
  rejected: { vi: 'Không thuộc phạm vi xử lý', en: 'Rejected' },
  reopened: { vi: 'Mở lại theo phản hồi của người dân', en: 'Reopened at the citizen’s request' },
  duplicate: { vi: 'Trùng với phản ánh khác', en: 'Duplicate of another report' },
};

export const open311Status = (s: string): 'open' | 'closed' => (isOpenStatus(s) ? 'open' : 'closed');

export interface RequestContext {
  reader: Reader;
  lang: Lang;
  clock: CityClock;
  categories: Map<string, Category>;
  names: AreaNames;
  /** Staff notes by report id (staff only). */
  notes?: Map<number, string>;
}

/** Six decimals: ~0.1 m, finer than any phone's fix; a public cell centre is no finer than its cell anyway. */
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

function pointOf(r: ReportRow, reader: Reader): { lat: number; long: number } {
  if (reader === 'staff') return { lat: round6(r.lat), long: round6(r.lng) };
  const [lat, lng] = cellToLatLng(r.h3r8);
  return { lat: round6(lat), long: round6(lng) };
}

function addressOf(r: ReportRow, ctx: RequestContext): string | null {
  const name = (code: string | null) => {
    const a = code ? ctx.names.get(code) : undefined;
    return a ? (ctx.lang === 'en' ? a.nameEn : a.nameVi) : null;
  };
  const parts = [name(r.communeCode), name(r.districtCode)].filter((p): p is string => p !== null);
  return parts.length ? parts.join(', ') : null;
}

function statusNote(r: ReportRow, ctx: RequestContext): string {
  const note = ctx.reader === 'staff' ? ctx.notes?.get(r.id) : undefined;
  return note ?? STATUS_NOTES[r.status][ctx.lang];
}

export function requestView(r: ReportRow, ctx: RequestContext) {
  const c = ctx.categories.get(r.category);
  const staff = ctx.reader === 'staff';
  return {
    service_request_id: r.publicId,
    status: open311Status(r.status),
    status_notes: statusNote(r, ctx),
    service_name: c ? serviceName(c, ctx.lang) : r.category,
    service_code: r.category,
    description: staff || r.publishable ? r.description : null,
    agency_responsible: c ? agencyName(c, ctx.lang) : r.agencyCode,
    service_notice: null,
    requested_datetime: cityIso(r.createdAt, ctx.clock),
    updated_datetime: cityIso(r.updatedAt, ctx.clock),
    expected_datetime: cityIsoOrNull(r.dueAt, ctx.clock),
    address: addressOf(r, ctx),
    address_id: null,
    zipcode: null,
    ...pointOf(r, ctx.reader),
    media_url: staff ? (r.media[0] ?? null) : null,
  };
}

/**
 * `extensions=true`: our own status and the status history from the event log (each move's
 * time, the status it led to, and for staff its note), and for staff the title.
 */
export function extendedAttributes(r: ReportRow, history: EventRow[], ctx: RequestContext) {
  const staff = ctx.reader === 'staff';
  const moves = history.filter((h) => h.type !== 'report.overdue');
  return {
    detailed_status: r.status,
    ...(staff ? { title: r.title } : {}),
    status_history: moves.map((h) => {
      const p = h.payload as { to?: ReportStatus; note?: string };
      const to: ReportStatus = p.to ?? 'received';
      return {
        status: open311Status(to),
        detailed_status: to,
        updated_datetime: cityIso(h.at, ctx.clock),
        status_notes: (staff ? p.note : undefined) ?? STATUS_NOTES[to][ctx.lang],
      };
    }),
  };
}

/** One entry of the servicerequestupdates feed: a status change of a request. */
export function updateView(at: Date, to: ReportStatus, note: string | undefined, r: ReportRow, ctx: RequestContext) {
  return {
    service_request_id: r.publicId,
    status: open311Status(to),
    detailed_status: to,
    updated_datetime: cityIso(at, ctx.clock),
    status_notes: (ctx.reader === 'staff' ? note : undefined) ?? STATUS_NOTES[to][ctx.lang],
  };
}
