import type { CityClock } from '../../core/cityClock';
import { HANDLED_STATUS_LIST, OPEN_STATUS_LIST, REJECTED_STATUS_LIST } from '../../core/statuses';
import { localDate, localStamp } from './localTime';

/** Past this many categories the name says how many, not which: file names stay readable. */
const MAX_NAMED_CATEGORIES = 3;

/** What an export covered, as its file name tells it. */
export interface ExportNameParts {
  city: string;
  /** `reports`, `hexes-r8`, `communes` … */
  what: string;
  /** None: from the first report. */
  since?: Date;
  until: Date;
  /** The area it holds: the filter's, or a chief's own (its scope is the export's). */
  area?: string;
  /** An agency's export holds its reports only. */
  agency?: string;
  status?: readonly string[];
  category?: readonly string[];
  bbox?: boolean;
  cell?: string;
  /** `csv` or `geojson`. */
  ext: string;
}

const SAME = (a: readonly string[], b: readonly string[]) => a.length === b.length && b.every((s) => a.includes(s));

/** A status list by the desk's name for it (open, handled, rejected) when it is one of those. */
function statusPart(status: readonly string[]): string {
  if (SAME(status, OPEN_STATUS_LIST)) return 'open';
  if (SAME(status, HANDLED_STATUS_LIST)) return 'handled';
  if (SAME(status, REJECTED_STATUS_LIST)) return 'rejected';
  return status.join('+');
}

/**
 * `hanoi-reports_20261128-20261205_area-002_open_exported-20261205T2305+0700.csv`: the city, what,
 * the window's local dates (the end exclusive, as the API's `until`), the filter, and when it was
 * made in the city's time. Only [A-Za-z0-9_.+-]: codes are already that, and nothing else goes in.
 */
export function exportFilename(p: ExportNameParts, clock: CityClock, now: Date): string {
  const parts = [
    `${p.city}-${p.what}`,
    `${p.since ? localDate(clock, p.since) : 'start'}-${localDate(clock, p.until)}`,
  ];
  if (p.area) parts.push(`area-${p.area}`);
  if (p.agency) parts.push(`agency-${p.agency}`);
  if (p.cell) parts.push(`cell-${p.cell}`);
  if (p.bbox) parts.push('bbox');
  if (p.status?.length) parts.push(statusPart(p.status));
  if (p.category?.length) {
    parts.push(p.category.length > MAX_NAMED_CATEGORIES ? `${p.category.length}-categories` : p.category.join('+'));
  }
  parts.push(`exported-${localStamp(clock, now)}`);
  return `${parts.join('_').replace(/[^A-Za-z0-9_.+-]/g, '')}.${p.ext}`;
}

/** `attachment; filename="…"`: the name is plain ASCII, so no RFC 6266 `filename*` is needed. */
export function attachment(filename: string): string {
  return `attachment; filename="${filename}"`;
}
