import { describe, expect, it } from 'vitest';
import type { WorkingCalendar } from '../../core/cityPack';
import hanoiCalendarJson from '../../seeds/hanoi/calendar.json';
import { slotInstants } from './receptionCalendar';
import { createWorkingClock } from './workingCalendar';

const calendar = hanoiCalendarJson as WorkingCalendar;
const clock = createWorkingClock(calendar);
/** A Monday morning before everything below. */
const NOW = new Date('2026-01-05T01:00:00Z');
const hn = (local: string) => new Date(`${local}:00+07:00`).toISOString();

describe('reception slots on the Hanoi working calendar', () => {
  it.each([
    ['a Tuesday morning', '2026-01-06', '08:00', '09:30', hn('2026-01-06T08:00'), hn('2026-01-06T09:30')],
    ['a whole morning period', '2026-01-06', '08:00', '12:00', hn('2026-01-06T08:00'), hn('2026-01-06T12:00')],
    ['an afternoon to closing', '2026-01-07', '15:00', '17:30', hn('2026-01-07T15:00'), hn('2026-01-07T17:30')],
    [
      'the compensatory Saturday 10 Jan 2026',
      '2026-01-10',
      '09:00',
      '10:00',
      hn('2026-01-10T09:00'),
      hn('2026-01-10T10:00'),
    ],
    ['the Monday after Tết 2026', '2026-02-23', '08:00', '08:30', hn('2026-02-23T08:00'), hn('2026-02-23T08:30')],
  ])('accepts %s', (_label, date, start, end, startsAt, endsAt) => {
    const t = slotInstants({ date, start, end }, calendar, clock, NOW);
    expect({ startsAt: t.startsAt.toISOString(), endsAt: t.endsAt.toISOString() }).toEqual({ startsAt, endsAt });
  });

  it.each([
    ['a Saturday', '2026-01-17', '09:00', '10:00', 'slot_not_working_day', 'date'],
    ['a Sunday', '2026-01-11', '09:00', '10:00', 'slot_not_working_day', 'date'],
    ['Tết 2026 (mùng 1, a Tuesday)', '2026-02-17', '09:00', '10:00', 'slot_on_holiday', 'date'],
    ['the bridge day off Mon 31 Aug 2026', '2026-08-31', '09:00', '10:00', 'slot_on_holiday', 'date'],
    ['Monday 27 Apr 2026, off in lieu of Hùng Kings', '2026-04-27', '09:00', '10:00', 'slot_on_holiday', 'date'],
    ['National Day', '2026-09-02', '09:00', '10:00', 'slot_on_holiday', 'date'],
    ['before opening', '2026-01-06', '07:30', '08:30', 'slot_outside_hours', 'start'],
    ['over the lunch break', '2026-01-06', '11:00', '14:00', 'slot_outside_hours', 'end'],
    ['inside the lunch break', '2026-01-06', '12:15', '13:00', 'slot_outside_hours', 'start'],
    ['past closing', '2026-01-06', '17:00', '18:00', 'slot_outside_hours', 'end'],
    ['in the evening', '2026-01-06', '19:00', '20:00', 'slot_outside_hours', 'start'],
    ['earlier today', '2026-01-05', '07:00', '07:30', 'slot_in_past', 'date'],
    ['end before start', '2026-01-06', '10:00', '09:00', 'invalid_request', 'end'],
    ['more than a year ahead', '2027-02-01', '09:00', '10:00', 'slot_too_far', 'date'],
  ])('refuses %s', (_label, date, start, end, code, field) => {
    expect(() => slotInstants({ date, start, end }, calendar, clock, NOW)).toThrow(
      expect.objectContaining({ status: 400, code, field }),
    );
  });

  it('names the holiday in both languages', () => {
    expect(() => slotInstants({ date: '2026-02-17', start: '09:00', end: '10:00' }, calendar, clock, NOW)).toThrow(
      /Lunar New Year \(Tết\) 2026, first day.*Tết Nguyên đán Bính Ngọ \(mùng 1\)/,
    );
  });
});
