const DAY_MS = 86_400_000;

/** Offset of `timezone` from UTC at instant `ms`, in ms (positive east of Greenwich). */
function offsetMs(ms: number, timezone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(ms);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(ms / 1000) * 1000;
}

/**
 * The emerging-hotspot run's daily slices: the ends of the last `days` local days, oldest first,
 * the last "end" being now (today so far), and the name of today. Days are 24 h apart, which is
 * exact for zones without daylight saving (Hanoi) and off by an hour around a change elsewhere.
 */
export function localDayEnds(nowMs: number, days: number, timezone: string): { ends: number[]; day: string } {
  const offset = offsetMs(nowMs, timezone);
  const localMidnight = Math.floor((nowMs + offset) / DAY_MS) * DAY_MS - offset;
  const ends = Array.from({ length: days }, (_, t) =>
    t === days - 1 ? nowMs : localMidnight - (days - 2 - t) * DAY_MS,
  );
  return { ends, day: new Date(localMidnight + offset).toISOString().slice(0, 10) };
}
