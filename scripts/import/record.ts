import { createHash } from 'node:crypto';
import type { Category, CityPack } from '../../core/cityPack';
import type { CityClock } from '../../core/cityClock';
import { HANDLED_STATUSES, isOpenStatus, type ReportStatus } from '../../core/statuses';
import { type AreaIndex, locateAreas } from '../../geo/areaIndex';
import { h3CellsFor, isValidLatLng } from '../../geo/h3cells';
import type { SlaClock } from '../../api/domain/lifecycle';
import { categoryResolver, type FieldName, type Mapping, statusResolver } from './mapping';
import { repairMojibake } from './mojibake';
import { parseTimestamp } from './timestamps';

/**
 * One source record → the report it becomes, or why not. Times are the source's real times; the
 * deadline, on-time verdict and working hours are computed on the pack's SLA calendar from them,
 * so the KPIs of an imported period are those of what happened. Pure (the clock of "now" is given).
 */

/** A CSV file's header, read once: its names, and each name's position (a repeated name's last). */
export interface CsvHeader {
  names: readonly string[];
  columns: ReadonlyMap<string, number>;
}

/**
 * A record as a reader gives it: its position in the file, its fields (a JSON item's object, or a
 * CSV row's values in its header's order), and a point if the format has one.
 */
export type SourceRecord = {
  /** CSV: the line the record starts on (1 = the header); JSON: the item's position in the array (1-based). */
  line: number;
  point?: { lat: number; lng: number } | null;
  /** The record as the file has it (a CSV row's text, a JSON item), for the rejects file. */
  raw: string;
} & ({ fields: Record<string, unknown> } | { values: readonly string[]; header: CsvHeader });

const fieldOf = (rec: SourceRecord, name: string): unknown => {
  if ('fields' in rec) return rec.fields[name];
  const i = rec.header.columns.get(name);
  return i === undefined ? undefined : rec.values[i];
};

/** The record as one object, as the JSON items and CSV parsing into objects gave it (for hashed ids). */
function fieldsObject(rec: SourceRecord): Record<string, unknown> {
  if ('fields' in rec) return rec.fields;
  const o: Record<string, unknown> = {};
  const n = Math.min(rec.header.names.length, rec.values.length);
  for (let i = 0; i < n; i++) o[rec.header.names[i]] = rec.values[i];
  return o;
}

/** A report to store, in the columns the writer fills (db/schema.ts names). */
export interface ImportRow {
  sourceId: string;
  category: string;
  severity: Category['severity'];
  status: ReportStatus;
  title: string;
  description: string;
  lat: number;
  lng: number;
  h3r6: string;
  h3r7: string;
  h3r8: string;
  h3r9: string;
  h3r10: string;
  districtCode: string | null;
  communeCode: string | null;
  agencyCode: string;
  /** Times as epoch ms (not Dates: a million rows' worth of them is much of the importer's garbage). */
  createdAt: number;
  acceptedAt: number | null;
  clockStartedAt: number | null;
  dueAt: number | null;
  overdueAt: number | null;
  resolvedAt: number | null;
  resolvedOnTime: boolean | null;
  acceptWorkingHours: number | null;
  resolveWorkingHours: number | null;
  closedAt: number | null;
  endedAt: number | null;
  updatedAt: number;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
}

export const REJECT_REASONS = {
  missing_id: 'no id / thiếu mã',
  missing_time: 'no time / thiếu thời gian',
  bad_time: 'unreadable time / không đọc được thời gian',
  time_before_created: 'earlier than the filing time / trước thời điểm tiếp nhận',
  times_out_of_order: 'closed before resolved / đóng trước khi xử lý xong',
  in_future: 'in the future / ở tương lai',
  missing_category: 'no category / thiếu lĩnh vực',
  unknown_category: 'unknown category / lĩnh vực không có trong danh mục',
  unknown_status: 'unknown status / trạng thái không rõ',
  missing_coordinates: 'no coordinates / thiếu tọa độ',
  bad_coordinates: 'unreadable coordinates / tọa độ không hợp lệ',
  outside_city: 'outside the city / ngoài địa bàn',
  malformed_record: 'malformed record / bản ghi sai định dạng',
} as const;
export type RejectReason = keyof typeof REJECT_REASONS;

export interface Rejection {
  reason: RejectReason;
  field: FieldName | null;
  /** The offending value, when there is one. */
  value: string | null;
}

export type Outcome = { row: ImportRow } | { rejected: Rejection };

export interface RecordContext {
  mapping: Mapping;
  pack: Pick<CityPack, 'categories'>;
  clock: CityClock;
  sla: SlaClock;
  districts: AreaIndex;
  communes: AreaIndex;
  /** When the import runs: later times are refused, deadlines before it are already announced. */
  now: Date;
}

/** A time up to this much ahead of the importing machine's clock is taken as skew, not as the future. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

const reject = (reason: RejectReason, field: FieldName | null, value: string | null = null): Outcome => ({
  rejected: { reason, field, value },
});

/** Only text with a NUL or a non-ASCII character needs more than trimming (most fields of most rows). */
const NEEDS_CARE = /[^\u0001-\u007f]/;

/** Text as the source meant it: mojibake repaired, NUL (which Postgres refuses in text) dropped, trimmed. */
function clean(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return NEEDS_CARE.test(s) ? repairMojibake(s.replace(/\u0000/g, '')).trim() : s.trim();
}

/** Words a source repeats on every row (categories, statuses): folded once each, not per row. */
const MEMO_WORDS = 10_000;
function memo<T>(fn: (word: string) => T): (word: string) => T {
  const seen = new Map<string, T>();
  return (word) => {
    let v = seen.get(word);
    if (v === undefined && !seen.has(word)) {
      v = fn(word);
      if (seen.size < MEMO_WORDS) seen.set(word, v);
    }
    return v as T;
  };
}

export function createRecordReader(ctx: RecordContext): (rec: SourceRecord) => Outcome {
  const { mapping, clock, sla } = ctx;
  const f = mapping.fields;
  const categoryOf = memo(categoryResolver(mapping, ctx.pack));
  const statusOf = memo(statusResolver(mapping));
  const categories = new Map(ctx.pack.categories.map((c) => [c.code, c]));
  const nowMs = ctx.now.getTime();

  const values = (rec: SourceRecord, names: string[] | undefined) =>
    (names ?? []).map((n) => clean(fieldOf(rec, n))).filter((v) => v !== '');
  // Per row and field: without the arrays `values` builds.
  const first = (rec: SourceRecord, names: string[] | undefined) => {
    if (names)
      for (const n of names) {
        const v = clean(fieldOf(rec, n));
        if (v !== '') return v;
      }
    return '';
  };

  /** undefined = absent; null = unreadable. */
  const timeOf = (rec: SourceRecord, field: FieldName): number | null | undefined => {
    const text = first(rec, f[field]);
    if (text === '') return undefined;
    return parseTimestamp(text, clock, mapping.dateOrder);
  };

  return (rec) => {
    let sourceId = first(rec, f.id);
    if (!f.id)
      sourceId = createHash('sha256')
        .update(JSON.stringify(fieldsObject(rec)))
        .digest('base64url')
        .slice(0, 22);
    if (sourceId === '') return reject('missing_id', 'id');

    const times: Partial<Record<'createdAt' | 'acceptedAt' | 'resolvedAt' | 'closedAt', number>> = {};
    for (const field of ['createdAt', 'acceptedAt', 'resolvedAt', 'closedAt'] as const) {
      const t = timeOf(rec, field);
      if (t === null) return reject('bad_time', field, first(rec, f[field]));
      if (t !== undefined) {
        if (t > nowMs + FUTURE_TOLERANCE_MS) return reject('in_future', field, first(rec, f[field]));
        times[field] = t;
      }
    }
    const created = times.createdAt;
    if (created === undefined) return reject('missing_time', 'createdAt');

    const words = values(rec, f.category);
    if (words.length === 0) return reject('missing_category', 'category');
    const code = words.map(categoryOf).find((c) => c !== null);
    if (!code) return reject('unknown_category', 'category', words[0]);
    const category = categories.get(code)!;

    const statusWord = first(rec, f.status);
    let status: ReportStatus | null;
    if (statusWord === '') status = times.closedAt !== undefined ? 'closed' : 'received';
    else status = statusOf(statusWord);
    if (status === null) return reject('unknown_status', 'status', statusWord);

    // Ending times count only for a report that ended: an open one's "closed date" is stale.
    const open = isOpenStatus(status);
    const accepted = times.acceptedAt ?? null;
    let resolved: number | null = null;
    let closed: number | null = null;
    if (HANDLED_STATUSES.has(status)) {
      resolved = times.resolvedAt ?? times.closedAt ?? null;
      closed = status === 'closed' ? (times.closedAt ?? resolved) : null;
      if (resolved === null) return reject('missing_time', 'closedAt');
    } else if (!open) {
      closed = times.closedAt ?? times.resolvedAt ?? null;
      if (closed === null) return reject('missing_time', 'closedAt');
    }
    // A closing time before the filing is an error in the source, and which of the two is wrong
    // cannot be told: the row is rejected rather than guessed at (README, Import).
    for (const field of open ? (['acceptedAt'] as const) : (['acceptedAt', 'resolvedAt', 'closedAt'] as const)) {
      const t = times[field];
      if (t !== undefined && t < created) return reject('time_before_created', field, first(rec, f[field]));
    }
    if (resolved !== null && closed !== null && status === 'closed' && closed < resolved)
      return reject('times_out_of_order', 'closedAt', first(rec, f.closedAt));

    let lat: number;
    let lng: number;
    const latText = first(rec, f.lat);
    const lngText = first(rec, f.lng);
    // A GeoJSON feature's point wins; fields named by the mapping are the fallback.
    if (rec.point) {
      ({ lat, lng } = rec.point);
    } else {
      if (latText === '' || lngText === '') return reject('missing_coordinates', latText === '' ? 'lat' : 'lng');
      lat = Number(latText);
      lng = Number(lngText);
      if (!Number.isFinite(lat) || !Number.isFinite(lng))
        return reject('bad_coordinates', 'lat', `${latText},${lngText}`);
    }
    if (!isValidLatLng(lat, lng)) return reject('bad_coordinates', 'lat', `${lat},${lng}`);
    const cells = h3CellsFor(lat, lng);
    const { districtCode, communeCode } = locateAreas(ctx.districts, ctx.communes, lat, lng, {
      res: 8,
      cell: cells.h3r8,
    });
    if (!districtCode && !communeCode) return reject('outside_city', 'lat', `${lat},${lng}`);

    // Dates only where the SLA calendar takes them; the row holds epoch ms.
    const createdAt = new Date(created);
    const acceptedAt = accepted === null ? null : new Date(accepted);
    const severity = category.severity;
    // The deadline it ran against: the resolve stage's, counted from acceptance (else from filing).
    const resolveDue =
      resolved === null ? null : sla.dueAt({ status: 'in_progress', severity, createdAt, acceptedAt, at: createdAt });
    const due = open ? sla.dueAt({ status, severity, createdAt, acceptedAt, at: ctx.now }) : null;
    const dueAt = due === null ? null : due.getTime();
    const latest = Math.max(created, accepted ?? 0, resolved ?? 0, closed ?? 0);

    const title = values(rec, f.title).join(' — ') || words[0];
    return {
      row: {
        sourceId,
        category: category.code,
        severity,
        status,
        title,
        description: values(rec, f.description).join('\n'),
        lat,
        lng,
        ...cells,
        districtCode,
        communeCode,
        agencyCode: category.agencyCode,
        createdAt: created,
        acceptedAt: accepted,
        clockStartedAt: accepted,
        dueAt,
        // Already late when imported: flagged as of its deadline, so the sweeper announces nothing.
        overdueAt: dueAt !== null && dueAt < nowMs ? dueAt : null,
        resolvedAt: resolved,
        resolvedOnTime: resolved !== null && resolveDue ? resolved <= resolveDue.getTime() : null,
        acceptWorkingHours: acceptedAt ? sla.workingHoursBetween(createdAt, acceptedAt) : null,
        resolveWorkingHours: resolved !== null ? sla.workingHoursBetween(createdAt, new Date(resolved)) : null,
        closedAt: closed,
        endedAt: open ? null : (resolved ?? closed),
        updatedAt: latest,
        contactName: first(rec, f.name) || null,
        contactPhone: first(rec, f.phone) || null,
        contactEmail: first(rec, f.email) || null,
      },
    };
  };
}
