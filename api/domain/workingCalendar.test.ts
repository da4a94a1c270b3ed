import { describe, expect, it } from 'vitest';
import type { WorkingCalendar } from '../../core/cityPack';
import hanoiCalendarJson from '../../seeds/hanoi/calendar.json';
import { createWorkingClock } from './workingCalendar';

const hanoiCalendar = hanoiCalendarJson as WorkingCalendar;
const clock = createWorkingClock(hanoiCalendar);

/** Hanoi wall time → Date; Hanoi is UTC+7 all year. */
const hn = (local: string) => new Date(`${local}+07:00`);
const MS_PER_HOUR = 3_600_000;

describe('addWorkingHours (Hanoi)', () => {
  it.each([
    // Fri 16:00–17:30 = 1.5 h, Mon 08:00–12:00 = 4 h, Mon 13:30 + 2.5 h.
    ['filed Friday 16:00', '2025-03-14T16:00', 8, '2025-03-17T16:00'],
    ['filed Saturday night: counting starts Monday 08:00', '2025-03-15T22:00', 8, '2025-03-17T17:30'],
    ['filed during lunch: counting starts at 13:30', '2025-03-12T12:30', 1, '2025-03-12T14:30'],
    ['filed during lunch, a full day', '2025-03-12T12:30', 8, '2025-03-13T12:00'],
    ['filed before opening', '2025-03-12T06:15', 2, '2025-03-12T10:00'],
    ['crosses lunch', '2025-03-12T10:00', 3, '2025-03-12T14:30'],
    ['uses up the morning exactly: due 12:00, not 13:30', '2025-03-17T08:00', 4, '2025-03-17T12:00'],
    ['zero hours inside working time', '2025-03-12T09:10', 0, '2025-03-12T09:10'],
    ['zero hours outside working time: the next period start', '2025-03-12T18:00', 0, '2025-03-13T08:00'],
    ['fraction of an hour', '2025-03-12T11:45', 0.5, '2025-03-12T13:45'],
    ['evening before Tết 2025: resumes Mon 3 Feb', '2025-01-24T18:00', 0.5, '2025-02-03T08:30'],
    ['evening before Tết 2025, 8 h', '2025-01-24T18:00', 8, '2025-02-03T17:30'],
    ['Friday before Tết 2025', '2025-01-24T16:00', 4, '2025-02-03T10:30'],
    ['Tết 2024 (8–14 Feb)', '2024-02-07T17:00', 1, '2024-02-15T08:30'],
    ['Tết 2026 (14–22 Feb)', '2026-02-13T17:00', 1, '2026-02-23T08:30'],
    ['compensatory Saturday 26 Apr 2025 counts', '2025-04-25T16:00', 8, '2025-04-26T16:00'],
    ['compensatory Saturday 4 May 2024 counts', '2024-05-03T17:00', 1, '2024-05-04T08:30'],
    ['30/4–1/5 2025 with bridged Fri 2 May', '2025-04-29T16:00', 8, '2025-05-05T16:00'],
    ['Hùng Kings 2026 on a Sunday: Monday 27 Apr off in lieu', '2026-04-24T17:00', 1, '2026-04-28T08:30'],
    ['New Year 2026 bridged to Fri 2 Jan', '2025-12-31T17:00', 1, '2026-01-05T08:30'],
    ['a whole working week', '2025-03-10T08:00', 40, '2025-03-14T17:30'],
  ])('%s: %s + %s h → %s', (_label, start, hours, due) => {
    expect(clock.addWorkingHours(hn(start), hours).toISOString()).toBe(hn(due).toISOString());
  });

  it('treats the instant, not its representation: 09:00Z is 16:00 in Hanoi', () => {
    expect(clock.addWorkingHours(new Date('2025-03-14T09:00:00Z'), 8).toISOString()).toBe('2025-03-17T09:00:00.000Z');
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('rejects %s hours', (hours) => {
    expect(() => clock.addWorkingHours(hn('2025-03-12T09:00'), hours)).toThrow(RangeError);
  });
});

describe('workingHoursBetween (Hanoi)', () => {
  it.each([
    ['Friday 16:00 → Monday 16:00', '2025-03-14T16:00', '2025-03-17T16:00', 8],
    ['one working day', '2025-03-17T08:00', '2025-03-17T17:30', 8],
    ['lunch break', '2025-03-17T12:00', '2025-03-17T13:30', 0],
    ['b before a', '2025-03-17T16:00', '2025-03-17T09:00', 0],
    ['equal instants', '2025-03-17T09:00', '2025-03-17T09:00', 0],
    ['midnight to midnight over a normal week', '2025-03-10T00:00', '2025-03-17T00:00', 40],
    ['the Tết 2025 break', '2025-01-24T17:30', '2025-02-03T08:00', 0],
    ['week with the compensatory Saturday 26 Apr 2025', '2025-04-21T00:00', '2025-04-28T00:00', 48],
    // 261 weekdays − 12 weekday holidays + 1 compensatory Saturday = 250 working days.
    ['the whole of 2025', '2025-01-01T00:00', '2026-01-01T00:00', 250 * 8],
  ])('%s', (_label, a, b, hours) => {
    expect(clock.workingHoursBetween(hn(a), hn(b))).toBe(hours);
  });
});

describe('isWorkingTime (Hanoi)', () => {
  it.each([
    ['08:00 opening', '2025-03-12T08:00:00.000', true],
    ['a millisecond before opening', '2025-03-12T07:59:59.999', false],
    ['a millisecond before noon', '2025-03-12T11:59:59.999', true],
    ['12:00, lunch', '2025-03-12T12:00:00.000', false],
    ['13:30, afternoon opens', '2025-03-12T13:30:00.000', true],
    ['17:30, closed', '2025-03-12T17:30:00.000', false],
    ['a Saturday', '2025-03-15T10:00:00.000', false],
    ['compensatory Saturday 26 Apr 2025', '2025-04-26T10:00:00.000', true],
    ['compensatory Saturday 22 Aug 2026', '2026-08-22T10:00:00.000', true],
    ['mùng 1 Tết 2025', '2025-01-29T10:00:00.000', false],
    ['National Day bridge 31 Aug 2026', '2026-08-31T10:00:00.000', false],
  ])('%s', (_label, local, expected) => {
    expect(clock.isWorkingTime(hn(local))).toBe(expected);
  });
});

/** mulberry32: a tiny seeded PRNG, so a failure replays the same inputs. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('properties (seeded random inputs over 2024–2027)', () => {
  const SPAN_START_MS = Date.parse('2024-01-01T00:00:00+07:00');
  const SPAN_MS = Date.parse('2028-01-01T00:00:00+07:00') - SPAN_START_MS;
  const MAX_HOURS = 120;
  const CASES = 3_000;
  const random = prng(20_250_124);
  const randomInstant = () => new Date(SPAN_START_MS + Math.floor(random() * SPAN_MS));

  it('workingHoursBetween(a, addWorkingHours(a, h)) === h', () => {
    for (let i = 0; i < CASES; i++) {
      const start = randomInstant();
      const hours = random() * MAX_HOURS;
      const due = clock.addWorkingHours(start, hours);
      // addWorkingHours rounds to whole milliseconds.
      expect(Math.abs(clock.workingHoursBetween(start, due) - hours)).toBeLessThanOrEqual(0.5 / MS_PER_HOUR);
      // A positive deadline lands inside working time or exactly at a period's end.
      if (hours > 0) expect(clock.isWorkingTime(new Date(due.getTime() - 1))).toBe(true);
    }
  });

  it('addWorkingHours(a, workingHoursBetween(a, b)) === b when b is inside working time', () => {
    for (let i = 0; i < CASES; i++) {
      const [a, b] = [randomInstant(), randomInstant()].sort((x, y) => x.getTime() - y.getTime());
      // b at a period's very start is ambiguous (the previous period's end is as good an answer).
      if (!clock.isWorkingTime(b) || !clock.isWorkingTime(new Date(b.getTime() - 1))) continue;
      expect(clock.addWorkingHours(a, clock.workingHoursBetween(a, b)).getTime()).toBe(b.getTime());
    }
  });

  it('is additive: adding h1 then h2 equals adding h1 + h2', () => {
    for (let i = 0; i < CASES; i++) {
      const start = randomInstant();
      const h1 = Math.round(random() * 40 * 60) / 60; // whole minutes, so no rounding drift
      const h2 = Math.round(random() * 40 * 60) / 60;
      const stepwise = clock.addWorkingHours(clock.addWorkingHours(start, h1), h2);
      expect(stepwise.getTime()).toBe(clock.addWorkingHours(start, h1 + h2).getTime());
    }
  });
});

describe('other zones and calendars', () => {
  it('counts the real length of a period across a DST change (Berlin, 30 Mar 2025)', () => {
    const berlin = createWorkingClock({
      timezone: 'Europe/Berlin',
      periods: [['00:00', '06:00']],
      workingWeekdays: [1, 2, 3, 4, 5, 6, 7],
      holidays: [],
      compensatoryWorkingDays: [],
    });
    // 02:00 CET jumps to 03:00 CEST, so this night's 00:00–06:00 lasts 5 hours.
    const midnight = new Date('2025-03-29T23:00:00Z');
    expect(berlin.workingHoursBetween(midnight, new Date('2025-03-30T12:00:00Z'))).toBe(5);
    expect(berlin.addWorkingHours(midnight, 5).toISOString()).toBe('2025-03-30T04:00:00.000Z');
    expect(berlin.addWorkingHours(midnight, 6).toISOString()).toBe('2025-03-30T23:00:00.000Z');
  });

  it('keeps local working hours on both sides of a DST change (New York, Nov 2025)', () => {
    const newYork = createWorkingClock({
      timezone: 'America/New_York',
      periods: [['09:00', '17:00']],
      workingWeekdays: [1, 2, 3, 4, 5],
      holidays: [],
      compensatoryWorkingDays: [],
    });
    // Fri 31 Oct 16:00 EDT (20:00Z) + 2 h → Mon 3 Nov 10:00 EST (15:00Z).
    expect(newYork.addWorkingHours(new Date('2025-10-31T20:00:00Z'), 2).toISOString()).toBe('2025-11-03T15:00:00.000Z');
  });

  it.each([
    ['an unknown time zone', { timezone: 'Asia/Nowhere' }],
    ['a time that is not HH:MM', { periods: [['8:00', '12:00']] }],
    ['a period ending before it starts', { periods: [['12:00', '08:00']] }],
    [
      'overlapping periods',
      {
        periods: [
          ['08:00', '12:00'],
          ['11:00', '17:00'],
        ],
      },
    ],
    ['an impossible date', { holidays: [{ date: '2025-02-30', nameVi: 'x', nameEn: 'x' }] }],
  ] as Array<[string, Partial<WorkingCalendar>]>)('rejects a calendar with %s', (_label, override) => {
    expect(() => createWorkingClock({ ...hanoiCalendar, ...override })).toThrow();
  });

  it('fails instead of looping when the calendar has no working days', () => {
    const never = createWorkingClock({ ...hanoiCalendar, workingWeekdays: [], compensatoryWorkingDays: [] });
    expect(() => never.addWorkingHours(hn('2025-03-12T09:00'), 1)).toThrow(/no working time/);
  });
});
