import { cityClock } from '../../core/cityClock';

/**
 * The emerging-hotspot run's daily slices: the ends of the last `days` local days, oldest first,
 * the last "end" being now (today so far), and the name of today. Each end is a local midnight,
 * so a day with a daylight-saving change is 23 or 25 hours long, as it was lived.
 */
export function localDayEnds(nowMs: number, days: number, timezone: string): { ends: number[]; day: string } {
  const clock = cityClock(timezone);
  const today = clock.dayIndex(nowMs);
  const ends = Array.from({ length: days }, (_, t) =>
    t === days - 1 ? nowMs : clock.utcOfLocal(today - (days - 2 - t)),
  );
  return { ends, day: clock.localDay(nowMs) };
}
