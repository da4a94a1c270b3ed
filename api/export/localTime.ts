import type { CityClock } from '../../core/cityClock';

const MS_PER_MINUTE = 60_000;

/** `+07:00` for an offset of 7 hours east of UTC (ISO 8601's form of an offset). */
export function offsetText(offsetMs: number): string {
  const minutes = Math.round(Math.abs(offsetMs) / MS_PER_MINUTE);
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${offsetMs < 0 ? '-' : '+'}${hh}:${mm}`;
}

/**
 * An instant as the city's wall clock reads it, with its offset: `2026-12-05T23:05:01.123+07:00`.
 * The same instant as `toISOString()`, written so that a spreadsheet user in the city reads their
 * own time; milliseconds kept, so an exported time compares exactly with the API's.
 */
export function localIso(clock: CityClock, t: Date): string {
  const offset = clock.offsetMs(t);
  return new Date(t.getTime() + offset).toISOString().slice(0, 23) + offsetText(offset);
}

/** `20261205T2305+0700`: the local time of an export, for a file name (no colons: Windows refuses them). */
export function localStamp(clock: CityClock, t: Date): string {
  const iso = localIso(clock, t);
  return `${iso.slice(0, 10).replaceAll('-', '')}T${iso.slice(11, 16).replace(':', '')}${iso.slice(23).replace(':', '')}`;
}

/** `20261205`: a local date for a file name. */
export function localDate(clock: CityClock, t: Date): string {
  return clock.localDay(t).replaceAll('-', '');
}
