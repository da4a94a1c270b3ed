import { cityClock } from '../../core/cityClock';
import { publicIdOf } from '../../db/store';
import type { ImportRow } from './record';

/**
 * One report as a line of `COPY reports … FROM STDIN` text (copyWriter.ts), built field by field
 * with no per-row Date: times are epoch ms and written as toISOString writes them, from a cached
 * `YYYY-MM-DDT` per UTC day; the public id's local year is cached per local day.
 */

const MS_PER_DAY = 86_400_000;
/** Distinct days kept (a few per row's times; a real history spans some thousands). */
const MAX_CACHED_DAYS = 20_000;

const TWO = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const THREE = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/** Epoch ms → exactly `new Date(ms).toISOString()`, for the years toISOString writes with 4 digits. */
export function isoFormatter(): (ms: number) => string {
  const days = new Map<number, string>();
  return (ms) => {
    const day = Math.floor(ms / MS_PER_DAY);
    let prefix = days.get(day);
    if (prefix === undefined) {
      const iso = new Date(day * MS_PER_DAY).toISOString();
      // Years before 0 or after 9999 (±YYYYYY): written by Date itself, uncached.
      if (iso.length !== 24) return new Date(ms).toISOString();
      prefix = iso.slice(0, 11);
      if (days.size >= MAX_CACHED_DAYS) days.clear();
      days.set(day, prefix);
    }
    let rest = ms - day * MS_PER_DAY;
    const h = Math.floor(rest / 3_600_000);
    rest -= h * 3_600_000;
    const m = Math.floor(rest / 60_000);
    rest -= m * 60_000;
    const s = Math.floor(rest / 1000);
    return `${prefix}${TWO[h]}:${TWO[m]}:${TWO[s]}.${THREE[rest - s * 1000]}Z`;
  };
}

/** A report's public id as publicIdFormatter (db/store.ts) gives it, the local year cached per local day. */
export function importPublicIdFormatter(prefix: string, timezone: string): (id: number, createdAt: number) => string {
  const clock = cityClock(timezone);
  const years = new Map<number, string>();
  return (id, createdAt) => {
    const day = clock.dayIndex(createdAt);
    let year = years.get(day);
    if (year === undefined) {
      year = new Date(day * MS_PER_DAY).toISOString().slice(0, 4);
      if (years.size >= MAX_CACHED_DAYS) years.clear();
      years.set(day, year);
    }
    return publicIdOf(prefix, year, id);
  };
}

const ESCAPED = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** COPY's text format: tab-separated, `\N` for null, backslash escapes for what would break a line. */
function escapeText(s: string): string {
  return ESCAPED.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : s;
}

export type CopyLine = (id: number, row: ImportRow) => string;

/**
 * `id, public_id, 'import', importSource, ROW_KEYS…` (statements.ts; the order is checked by
 * copyText.test.ts) as one COPY text line. Free text (source id,
 * title, description) is escaped; the other columns are codes, numbers and times.
 */
export function copyLineWriter(o: { importSource: string; publicIdPrefix: string; timezone: string }): CopyLine {
  const iso = isoFormatter();
  const publicIdFor = importPublicIdFormatter(o.publicIdPrefix, o.timezone);
  const head = `\timport\t${escapeText(o.importSource)}\t`;
  const time = (ms: number | null) => (ms === null ? '\\N' : iso(ms));
  const orNull = (v: string | number | null) => (v === null ? '\\N' : v);
  return (id, r) =>
    `${id}\t${publicIdFor(id, r.createdAt)}${head}${escapeText(r.sourceId)}\t${r.category}\t${r.severity}\t${r.status}\t${escapeText(r.title)}\t${escapeText(r.description)}\t${r.lat}\t${r.lng}\t${r.h3r6}\t${r.h3r7}\t${r.h3r8}\t${r.h3r9}\t${r.h3r10}\t${orNull(r.districtCode)}\t${orNull(r.communeCode)}\t${r.agencyCode}\t${iso(r.createdAt)}\t${time(r.acceptedAt)}\t${time(r.clockStartedAt)}\t${time(r.dueAt)}\t${time(r.overdueAt)}\t${time(r.resolvedAt)}\t${r.resolvedOnTime === null ? '\\N' : r.resolvedOnTime ? 't' : 'f'}\t${orNull(r.acceptWorkingHours)}\t${orNull(r.resolveWorkingHours)}\t${time(r.closedAt)}\t${time(r.endedAt)}\t${iso(r.updatedAt)}\n`;
}
