/**
 * The city's local clock: which local day, hour, weekday and month an instant falls in, and when
 * a local day starts, for any IANA zone. The one way the code reads local time: the simulator's
 * rhythm, the working calendar, the overlays and the analytics' daily slices all ask here, with
 * the zone from the city pack. Pure (Intl only), no IO.
 *
 * Offsets are read through Intl once per quarter hour of UTC and cached: the backfill and the
 * analytics ask per report (a million times), and a Map lookup is ~100× cheaper than Intl.
 */

const MS_PER_SECOND = 1_000;
const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;
/**
 * Offsets are constant within each cached span. Every offset change since 1972 falls on a
 * quarter hour of UTC (zones change at a local hh:00 or hh:30 and offsets are whole quarter
 * hours), so a 15-minute span never straddles one.
 */
const OFFSET_SPAN_MS = 15 * MS_PER_MINUTE;
/** A long-running server meets ~35,000 spans a year; start afresh past this rather than grow for ever. */
const MAX_CACHED_SPANS = 200_000;

export interface CityClock {
  readonly timezone: string;
  /** Offset of the zone from UTC at instant `t` (ms, east positive): +7 h in Hanoi. */
  offsetMs(t: Date | number): number;
  /** The local calendar date, 'YYYY-MM-DD'. */
  localDay(t: Date | number): string;
  /** Days since 1970-01-01 of the local calendar date (a day number for per-day tables). */
  dayIndex(t: Date | number): number;
  /** Local time of day in hours, fractional: 13.5 at 13:30. */
  localHour(t: Date | number): number;
  /** ISO weekday of the local date: 1 = Monday … 7 = Sunday. */
  isoWeekday(t: Date | number): number;
  /** Month of the local date, 0 = January (as Date#getMonth). */
  month(t: Date | number): number;
  /** UTC ms of the local midnight that starts the local day of `t`. */
  startOfLocalDay(t: Date | number): number;
  /** UTC ms of local wall time `minute` (0–1440) on local day `dayIndex`; right across a DST change. */
  utcOfLocal(dayIndex: number, minute?: number): number;
}

const clocks = new Map<string, CityClock>();

/** The clock of an IANA zone (e.g. 'Asia/Ho_Chi_Minh'); one per zone, shared. Throws RangeError for an unknown zone. */
export function cityClock(timezone: string): CityClock {
  let clock = clocks.get(timezone);
  if (!clock) {
    clock = createCityClock(timezone);
    clocks.set(timezone, clock);
  }
  return clock;
}

function createCityClock(timezone: string): CityClock {
  const readOffset = intlOffsetReader(timezone);
  const spans = new Map<number, number>();

  // The last span asked for: hot loops walk time forwards, so most asks hit it without a Map lookup.
  let lastSpan = Number.NaN;
  let lastOffset = 0;
  const offsetAt = (ms: number): number => {
    const span = Math.floor(ms / OFFSET_SPAN_MS);
    if (span === lastSpan) return lastOffset;
    let offset = spans.get(span);
    if (offset === undefined) {
      if (spans.size >= MAX_CACHED_SPANS) spans.clear();
      offset = readOffset(span * OFFSET_SPAN_MS);
      spans.set(span, offset);
    }
    lastSpan = span;
    lastOffset = offset;
    return offset;
  };
  const localMs = (t: Date | number): number => {
    const ms = typeof t === 'number' ? t : t.getTime();
    return ms + offsetAt(ms);
  };
  const dayIndex = (t: Date | number) => Math.floor(localMs(t) / MS_PER_DAY);
  const utcOfLocal = (day: number, minute = 0): number => {
    const wallMs = day * MS_PER_DAY + minute * MS_PER_MINUTE;
    // Two passes: the offset at the guess can differ from the offset at the answer near a DST change.
    const first = offsetAt(wallMs);
    return wallMs - offsetAt(wallMs - first);
  };

  return {
    timezone,
    offsetMs: (t) => offsetAt(typeof t === 'number' ? t : t.getTime()),
    localDay: (t) => new Date(dayIndex(t) * MS_PER_DAY).toISOString().slice(0, 10),
    dayIndex,
    localHour: (t) => {
      const ms = localMs(t);
      return (ms - Math.floor(ms / MS_PER_DAY) * MS_PER_DAY) / MS_PER_HOUR;
    },
    // 1970-01-01 was a Thursday (ISO 4).
    isoWeekday: (t) => ((((dayIndex(t) + 3) % 7) + 7) % 7) + 1,
    month: (t) => new Date(localMs(t)).getUTCMonth(),
    startOfLocalDay: (t) => utcOfLocal(dayIndex(t)),
    utcOfLocal,
  };
}

/** Offset of `timeZone` from UTC (ms, east positive) at a UTC instant, read through Intl. */
function intlOffsetReader(timeZone: string): (utcMs: number) => number {
  // Throws RangeError for an unknown zone, which is what we want at start-up.
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  return (utcMs) => {
    const f: Record<string, number> = {};
    for (const part of format.formatToParts(utcMs)) f[part.type] = Number(part.value);
    // `% 24`: some engines still print midnight as hour 24.
    const wallMs = Date.UTC(f.year, f.month - 1, f.day, f.hour % 24, f.minute, f.second);
    // The formatter drops milliseconds, so compare against the instant truncated to the second.
    return wallMs - Math.floor(utcMs / MS_PER_SECOND) * MS_PER_SECOND;
  };
}
