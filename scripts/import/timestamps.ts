import type { CityClock } from '../../core/cityClock';

/**
 * Instants as real exports write them, to epoch ms: ISO 8601 with or without a zone, a date alone,
 * `MM/DD/YYYY hh:mm:ss AM/PM` (NYC 311) or `DD/MM/YYYY HH:mm` (Vietnamese exports; the mapping says
 * which order), and Unix epochs in seconds or milliseconds. A time without a zone is local to the
 * city (the pack's time zone), right across a DST change. Pure.
 */
export type DateOrder = 'mdy' | 'dmy';

const MS_PER_DAY = 86_400_000;
const MS_PER_MINUTE = 60_000;

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;
const SLASHED =
  /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*([AaPp]\.?[Mm]\.?)?)?$/;
/** 9–10 digits: seconds (1973–2286); 12–13 digits: milliseconds (1973–2286). Others are not epochs. */
const EPOCH_S = /^\d{9,10}(?:\.\d+)?$/;
const EPOCH_MS = /^\d{12,13}$/;

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

interface Parts {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  ms: number;
}

function valid(p: Parts): boolean {
  return (
    p.y >= 1900 &&
    p.mo >= 1 &&
    p.mo <= 12 &&
    p.d >= 1 &&
    p.d <= daysInMonth(p.y, p.mo) &&
    p.h <= 23 &&
    p.mi <= 59 &&
    p.s <= 59
  );
}

const fraction = (f: string | undefined) => (f ? Number(f.slice(0, 3).padEnd(3, '0')) : 0);

/** Wall-clock parts in the city → the instant (two-pass offset lookup, see core/cityClock.ts). */
function localToUtc(p: Parts, clock: CityClock): number {
  const wall = Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s, p.ms);
  const day = Math.floor(wall / MS_PER_DAY);
  return clock.utcOfLocal(day, (wall - day * MS_PER_DAY) / MS_PER_MINUTE);
}

function zoneOffsetMs(z: string): number {
  if (z === 'Z' || z === 'z') return 0;
  const sign = z[0] === '-' ? -1 : 1;
  const digits = z.slice(1).replace(':', '');
  const h = Number(digits.slice(0, 2));
  const m = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return sign * (h * 60 + m) * MS_PER_MINUTE;
}

/** Epoch ms, or null when the text is not a time this reads (the caller rejects the row). */
export function parseTimestamp(text: string, clock: CityClock, order: DateOrder = 'mdy'): number | null {
  const t = text.trim();
  if (EPOCH_MS.test(t)) return Number(t);
  if (EPOCH_S.test(t)) return Math.round(Number(t) * 1000);
  let m = ISO.exec(t);
  if (m) {
    const p: Parts = {
      y: Number(m[1]),
      mo: Number(m[2]),
      d: Number(m[3]),
      h: Number(m[4] ?? 0),
      mi: Number(m[5] ?? 0),
      s: Number(m[6] ?? 0),
      ms: fraction(m[7]),
    };
    if (!valid(p)) return null;
    if (m[8] === undefined) return localToUtc(p, clock);
    return Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s, p.ms) - zoneOffsetMs(m[8]);
  }
  m = SLASHED.exec(t);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    let h = Number(m[4] ?? 0);
    const meridiem = m[8]?.replace(/\./g, '').toLowerCase();
    if (meridiem) {
      if (h < 1 || h > 12) return null;
      h = (h % 12) + (meridiem === 'pm' ? 12 : 0);
    }
    const p: Parts = {
      y: Number(m[3]),
      mo: order === 'mdy' ? a : b,
      d: order === 'mdy' ? b : a,
      h,
      mi: Number(m[5] ?? 0),
      s: Number(m[6] ?? 0),
      ms: fraction(m[7]),
    };
    return valid(p) ? localToUtc(p, clock) : null;
  }
  return null;
}
