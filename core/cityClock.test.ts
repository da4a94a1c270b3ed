import { describe, expect, it } from 'vitest';
import { cityClock } from './cityClock';

const H = 3_600_000;
const ms = (iso: string) => new Date(iso).getTime();

describe('cityClock', () => {
  // [zone, instant (UTC), local day, local hour, ISO weekday, month (0 = Jan), offset in hours]
  it.each([
    // Hanoi: UTC+7 all year. The last millisecond of Monday 9 March and the first of Tuesday.
    ['Asia/Ho_Chi_Minh', '2026-03-09T16:59:59.999Z', '2026-03-09', 24 - 1 / H, 1, 2, 7],
    ['Asia/Ho_Chi_Minh', '2026-03-09T17:00:00.000Z', '2026-03-10', 0, 2, 2, 7],
    ['Asia/Ho_Chi_Minh', '2026-03-10T05:00:00.000Z', '2026-03-10', 12, 2, 2, 7],
    ['Asia/Ho_Chi_Minh', '2026-03-10T05:30:00.000Z', '2026-03-10', 12.5, 2, 2, 7],
    // New Year happens 7 hours before it does in London: month and day roll over at 17:00 UTC.
    ['Asia/Ho_Chi_Minh', '2025-12-31T16:59:00.000Z', '2025-12-31', 23 + 59 / 60, 3, 11, 7],
    ['Asia/Ho_Chi_Minh', '2025-12-31T17:00:00.000Z', '2026-01-01', 0, 4, 0, 7],
    // New York springs forward on Sunday 8 March 2026 at 02:00 EST (07:00 UTC) to 03:00 EDT.
    ['America/New_York', '2026-03-08T04:59:00.000Z', '2026-03-07', 23 + 59 / 60, 6, 2, -5],
    ['America/New_York', '2026-03-08T05:00:00.000Z', '2026-03-08', 0, 7, 2, -5],
    ['America/New_York', '2026-03-08T06:59:00.000Z', '2026-03-08', 1 + 59 / 60, 7, 2, -5],
    ['America/New_York', '2026-03-08T07:00:00.000Z', '2026-03-08', 3, 7, 2, -4],
    ['America/New_York', '2026-03-08T16:00:00.000Z', '2026-03-08', 12, 7, 2, -4],
    // …and falls back on Sunday 1 November at 02:00 EDT (06:00 UTC): 01:30 happens twice.
    ['America/New_York', '2026-11-01T05:30:00.000Z', '2026-11-01', 1.5, 7, 10, -4],
    ['America/New_York', '2026-11-01T06:30:00.000Z', '2026-11-01', 1.5, 7, 10, -5],
    // A zone a quarter hour off the hour: Kathmandu, UTC+5:45.
    ['Asia/Kathmandu', '2026-03-10T18:14:00.000Z', '2026-03-10', 23 + 59 / 60, 2, 2, 5.75],
    ['Asia/Kathmandu', '2026-03-10T18:15:00.000Z', '2026-03-11', 0, 3, 2, 5.75],
  ] as const)('%s at %s is %s, hour %d, weekday %d, month %d, UTC%+d', (zone, iso, day, hour, weekday, month, offH) => {
    const clock = cityClock(zone);
    const t = new Date(iso);
    expect(clock.localDay(t)).toBe(day);
    expect(clock.localHour(t)).toBeCloseTo(hour, 9);
    expect(clock.isoWeekday(t)).toBe(weekday);
    expect(clock.month(t)).toBe(month);
    expect(clock.offsetMs(t)).toBe(offH * H);
    // Numbers and Dates read the same.
    expect(clock.localDay(t.getTime())).toBe(day);
  });

  // [zone, an instant of the day, its local midnight (UTC), the next local midnight (UTC), hours in the day]
  it.each([
    ['Asia/Ho_Chi_Minh', '2026-03-10T00:00:00Z', '2026-03-09T17:00:00Z', '2026-03-10T17:00:00Z', 24],
    ['Asia/Ho_Chi_Minh', '2026-03-09T17:00:00Z', '2026-03-09T17:00:00Z', '2026-03-10T17:00:00Z', 24],
    ['America/New_York', '2026-03-08T12:00:00Z', '2026-03-08T05:00:00Z', '2026-03-09T04:00:00Z', 23],
    ['America/New_York', '2026-11-01T12:00:00Z', '2026-11-01T04:00:00Z', '2026-11-02T05:00:00Z', 25],
  ])('%s: the day of %s starts at %s, the next at %s (%d h)', (zone, iso, start, next, hours) => {
    const clock = cityClock(zone);
    const startMs = clock.startOfLocalDay(new Date(iso));
    expect(new Date(startMs).toISOString()).toBe(new Date(start).toISOString());
    const nextMs = clock.utcOfLocal(clock.dayIndex(startMs) + 1);
    expect(new Date(nextMs).toISOString()).toBe(new Date(next).toISOString());
    expect((nextMs - startMs) / H).toBe(hours);
  });

  it('maps local wall times to instants on both sides of a DST change', () => {
    const ny = cityClock('America/New_York');
    const day = ny.dayIndex(ms('2026-03-08T12:00:00Z'));
    expect(new Date(ny.utcOfLocal(day, 60)).toISOString()).toBe('2026-03-08T06:00:00.000Z');
    expect(new Date(ny.utcOfLocal(day, 180)).toISOString()).toBe('2026-03-08T07:00:00.000Z');
    expect(new Date(ny.utcOfLocal(day, 8 * 60)).toISOString()).toBe('2026-03-08T12:00:00.000Z');
  });

  it('is one clock per zone, and refuses an unknown zone', () => {
    expect(cityClock('Asia/Ho_Chi_Minh')).toBe(cityClock('Asia/Ho_Chi_Minh'));
    expect(() => cityClock('Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
