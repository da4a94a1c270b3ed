/**
 * Working-hours clock on a city's calendar: pure maths, no IO. The caller hands in the
 * WorkingCalendar (from the city pack), so this file never reads seeds itself.
 *
 * Days are numbered by their local calendar date (days since 1970-01-01 in the city's zone).
 * Each day's working periods are turned into UTC instants once, lazily, and cached, so the hot
 * path (addWorkingHours on every report insert, ~1M times in the simulator's backfill) is plain
 * arithmetic on numbers with no Intl calls.
 */
import { cityClock } from '../../core/cityClock';
import type { WorkingCalendar } from '../../core/cityPack';

export interface WorkingClock {
  /** The instant `hours` working hours after `start`; counting starts at the next working period if `start` is outside one. */
  addWorkingHours(start: Date, hours: number): Date;
  /** Working hours elapsed between `a` and `b`; 0 if `b <= a`. */
  workingHoursBetween(a: Date, b: Date): number;
  /** True inside a working period (start inclusive, end exclusive). */
  isWorkingTime(t: Date): boolean;
}

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;
const MINUTES_PER_DAY = 1_440;
/** A calendar with no working period for ~10 years is broken; fail instead of looping forever. */
const MAX_DAYS_WITHOUT_WORK = 3_660;

interface Day {
  /** UTC ms of this local midnight and of the next one (23–25 h apart on a DST change). */
  startMs: number;
  endMs: number;
  /** Working periods as flat [start, end, start, end, …] UTC ms; empty on a day off. */
  periods: number[];
}

export function createWorkingClock(calendar: WorkingCalendar): WorkingClock {
  const { utcOfLocal: localToUtc } = cityClock(calendar.timezone);
  const periodMinutes = parsePeriods(calendar.periods);
  const workingWeekdays = new Set(calendar.workingWeekdays);
  const holidays = new Set(calendar.holidays.map((h) => parseIsoDay(h.date)));
  const extraWorkingDays = new Set(calendar.compensatoryWorkingDays.map((d) => parseIsoDay(d.date)));

  // Grows by one small entry per distinct local day touched: a few hundred per simulated year.
  const days = new Map<number, Day>();
  // Guess of the zone's offset for mapping an instant to its local day; corrected in dayIndexOf.
  let hintOffsetMs = 0;

  function isWorkingDay(dayIndex: number): boolean {
    // A holiday wins over a compensatory Saturday, should a calendar ever list the same date twice.
    if (holidays.has(dayIndex)) return false;
    if (extraWorkingDays.has(dayIndex)) return true;
    return workingWeekdays.has(isoWeekday(dayIndex));
  }

  function getDay(dayIndex: number): Day {
    let day = days.get(dayIndex);
    if (day) return day;
    const startMs = localToUtc(dayIndex, 0);
    const endMs = localToUtc(dayIndex + 1, 0);
    const periods: number[] = [];
    if (isWorkingDay(dayIndex)) {
      // One offset for the whole day unless the zone changes offset during it (DST); then per boundary.
      const offsetMs = dayIndex * MS_PER_DAY - startMs;
      const steady = endMs - startMs === MS_PER_DAY;
      for (const minute of periodMinutes) {
        periods.push(steady ? dayIndex * MS_PER_DAY + minute * MS_PER_MINUTE - offsetMs : localToUtc(dayIndex, minute));
      }
    }
    day = { startMs, endMs, periods };
    days.set(dayIndex, day);
    return day;
  }

  /** The local day containing instant `t`. */
  function dayIndexOf(t: number): number {
    let dayIndex = Math.floor((t + hintOffsetMs) / MS_PER_DAY);
    let day = getDay(dayIndex);
    while (t < day.startMs) day = getDay(--dayIndex);
    while (t >= day.endMs) day = getDay(++dayIndex);
    hintOffsetMs = dayIndex * MS_PER_DAY - day.startMs;
    return dayIndex;
  }

  return {
    addWorkingHours(start, hours) {
      const t = toMs(start, 'start');
      if (!Number.isFinite(hours) || hours < 0)
        throw new RangeError(`hours must be a finite number >= 0, got ${hours}`);
      // A Date holds whole milliseconds; rounding once here keeps round trips exact to 1 ms.
      let remainingMs = Math.round(hours * MS_PER_HOUR);
      let idleDays = 0;
      for (let dayIndex = dayIndexOf(t); idleDays < MAX_DAYS_WITHOUT_WORK; dayIndex++) {
        const { periods } = getDay(dayIndex);
        idleDays = periods.length === 0 ? idleDays + 1 : 0;
        for (let i = 0; i < periods.length; i += 2) {
          const end = periods[i + 1];
          if (end <= t) continue;
          const from = Math.max(periods[i], t);
          // `<=`: a deadline that uses up a period exactly is due at its end (12:00), not at 13:30.
          if (remainingMs <= end - from) return new Date(from + remainingMs);
          remainingMs -= end - from;
        }
      }
      throw new Error(
        `working calendar has no working time for ${MAX_DAYS_WITHOUT_WORK} days after ${start.toISOString()}`,
      );
    },

    workingHoursBetween(a, b) {
      const from = toMs(a, 'a');
      const to = toMs(b, 'b');
      if (to <= from) return 0;
      let totalMs = 0;
      const lastDay = dayIndexOf(to);
      for (let dayIndex = dayIndexOf(from); dayIndex <= lastDay; dayIndex++) {
        const { periods } = getDay(dayIndex);
        for (let i = 0; i < periods.length; i += 2) {
          const overlapMs = Math.min(periods[i + 1], to) - Math.max(periods[i], from);
          if (overlapMs > 0) totalMs += overlapMs;
        }
      }
      return totalMs / MS_PER_HOUR;
    },

    isWorkingTime(t) {
      const ms = toMs(t, 't');
      const { periods } = getDay(dayIndexOf(ms));
      for (let i = 0; i < periods.length; i += 2) {
        if (ms >= periods[i] && ms < periods[i + 1]) return true;
      }
      return false;
    },
  };
}

/** "HH:MM" pairs → flat sorted minute boundaries; rejects overlaps so the clock never counts twice. */
function parsePeriods(periods: Array<[string, string]>): number[] {
  const minutes: number[] = [];
  for (const [start, end] of periods) {
    const from = parseHhMm(start);
    const to = parseHhMm(end);
    if (to <= from) throw new Error(`working period ${start}–${end} must end after it starts`);
    if (minutes.length > 0 && from < minutes[minutes.length - 1]) {
      throw new Error(`working periods must be in order and not overlap (at ${start})`);
    }
    minutes.push(from, to);
  }
  return minutes;
}

function parseHhMm(text: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(text);
  const minute = match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
  // 24:00 is allowed as the end of a period that runs to midnight.
  if (!match || Number(match[2]) > 59 || minute > MINUTES_PER_DAY)
    throw new Error(`bad time "${text}", expected HH:MM`);
  return minute;
}

/** "YYYY-MM-DD" → local day index (days since 1970-01-01). */
function parseIsoDay(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
  // Round trip catches impossible dates such as 2025-02-30, which Date.UTC would roll over.
  if (!match || new Date(ms).toISOString().slice(0, 10) !== text)
    throw new Error(`bad date "${text}", expected YYYY-MM-DD`);
  return ms / MS_PER_DAY;
}

/** ISO weekday of a day index: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
function isoWeekday(dayIndex: number): number {
  return ((((dayIndex + 3) % 7) + 7) % 7) + 1;
}

function toMs(date: Date, name: string): number {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`${name} is an invalid Date`);
  return ms;
}
