import { describe, expect, it } from 'vitest';
import { loadCityPack } from '../packs';
import { contentOf } from './content';
import { createRng } from './random';
import { bookingsPerHour, citizenBooking, receptionSessions, targetFill } from './reception';

const WEEK = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'];

describe('the reception offices’ demo week', () => {
  it('has the city receive twice every working day, inside working hours', () => {
    for (const date of WEEK) {
      const s = receptionSessions({ code: 'hanoi', level: 'city' }, date);
      expect(s.map((x) => [x.start, x.end])).toEqual([
        ['08:00', '10:00'],
        ['14:00', '16:00'],
      ]);
      for (const x of s) expect(x.capacity).toBeGreaterThanOrEqual(6);
    }
  });

  it('has districts receive on about 2 days a week and wards on about 1, the same each time it is asked', () => {
    const days = (level: 'district' | 'commune', codes: string[]) =>
      codes.reduce((n, code) => n + WEEK.filter((d) => receptionSessions({ code, level }, d).length > 0).length, 0) /
      codes.length;
    const districts = Array.from({ length: 30 }, (_, i) => String(i + 1).padStart(3, '0'));
    const communes = Array.from({ length: 126 }, (_, i) => String(i * 3 + 4).padStart(5, '0'));
    expect(days('district', districts)).toBeGreaterThan(1.5);
    expect(days('district', districts)).toBeLessThan(2.5);
    expect(days('commune', communes)).toBeGreaterThan(0.7);
    expect(days('commune', communes)).toBeLessThan(1.3);
    expect(receptionSessions({ code: '00070', level: 'commune' }, '2026-03-03')).toEqual(
      receptionSessions({ code: '00070', level: 'commune' }, '2026-03-03'),
    );
  });

  it('books faster as a session nears, and not at all once it has begun or is full', () => {
    expect(bookingsPerHour(3, 62)).toBeCloseTo(3 / 48);
    expect(bookingsPerHour(3, 5)).toBe(1);
    expect(bookingsPerHour(3, 0)).toBe(0);
    expect(bookingsPerHour(0, 10)).toBe(0);
    for (let id = 1; id < 100; id++) expect(targetFill(id)).toBeGreaterThanOrEqual(0.55);
  });

  it('books with a name, a mobile number and a subject of the session’s topic', async () => {
    const b = citizenBooking(createRng(7), 'Đất đai', contentOf(await loadCityPack('hanoi')));
    expect(b.name.split(' ')).toHaveLength(3);
    expect(b.phone).toMatch(/^09\d{8}$/);
    expect(b.subject.length).toBeGreaterThan(3);
  });
});
