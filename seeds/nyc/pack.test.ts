import { describe, expect, it } from 'vitest';
import { createWorkingClock } from '../../api/domain/workingCalendar';
import { loadCityPack } from '../packs';

const pack = await loadCityPack('nyc');
const boroughs = pack.areas.filter((a) => a.level === 'district');
const cds = pack.areas.filter((a) => a.level === 'commune');

describe('New York City pack', () => {
  it('identifies the city: English only, en-US, America/New_York, NYC- report ids', () => {
    expect(pack).toMatchObject({
      code: 'nyc',
      languages: ['en'],
      publicIdPrefix: 'NYC',
      nameEn: 'New York City',
      timezone: 'America/New_York',
      locales: { en: 'en-US' },
    });
    const [w, s, e, n] = pack.bbox.map((x) => Math.round(x * 100) / 100);
    expect([w, s, e, n]).toEqual([-74.26, 40.5, -73.7, 40.92]);
  });

  it('has the five boroughs by BoroCode and the 59 community districts by BoroCD, no joint interest area', () => {
    expect(boroughs.map((b) => [b.code, b.nameEn])).toEqual([
      ['1', 'Manhattan'],
      ['2', 'Bronx'],
      ['3', 'Brooklyn'],
      ['4', 'Queens'],
      ['5', 'Staten Island'],
    ]);
    expect(cds).toHaveLength(59);
    expect(cds.every((c) => /^[1-5](0[1-9]|1[0-8])$/.test(c.code))).toBe(true);
    // Central Park (164), the Bronx Zoo (227), JFK (483) … belong to no community district.
    for (const jia of ['164', '226', '227', '228', '355', '356', '480', '481', '482', '483', '484', '595']) {
      expect(pack.areas.find((a) => a.code === jia)).toBeUndefined();
    }
    // Parents by code, not by spatial join: CD 401 holds Rikers Island, in the Bronx's polygon.
    expect(cds.every((c) => c.parentCode === c.code[0])).toBe(true);
  });

  it.each([
    ['1', 'Manhattan', 1_585_873],
    ['3', 'Brooklyn', 2_504_700],
    ['101', 'Manhattan CD 1', 60_978],
    ['503', 'Staten Island CD 3', 160_209],
  ])('%s is %s with %i people (2010 Census)', (code, nameEn, population) => {
    expect(pack.areas.find((a) => a.code === code)).toMatchObject({ nameEn, nameVi: nameEn, population });
  });

  it('sums the community districts to the DCP total of 8,171,680', () => {
    expect(cds.reduce((s, c) => s + (c.population ?? 0), 0)).toBe(8_171_680);
  });

  it('has NYC 311 complaint types with their agencies', () => {
    const byName = new Map(pack.categories.map((c) => [c.nameEn, c.agencyCode]));
    expect(byName.get('HEAT/HOT WATER')).toBe('HPD');
    expect(byName.get('Noise - Residential')).toBe('NYPD');
    expect(byName.get('Rodent')).toBe('DOHMH');
    expect(byName.get('Street Light Condition')).toBe('DOT');
    expect(byName.get('Homeless Person Assistance')).toBe('DHS');
  });

  it.each([
    // Friday 16:00 + 2 working hours → Monday 10:00 (9:00–17:00, Mon–Fri).
    ['2026-10-30T16:00:00-04:00', 2, '2026-11-02T10:00:00-05:00'],
    // Election Day (Tue 3 Nov 2026) is a City holiday: Monday 16:00 + 2 h → Wednesday 10:00.
    ['2026-11-02T16:00:00-05:00', 2, '2026-11-04T10:00:00-05:00'],
    // Independence Day 2026 falls on a Saturday: observed Friday 3 July.
    ['2026-07-02T16:00:00-04:00', 2, '2026-07-06T10:00:00-04:00'],
    // Thanksgiving (Thu 26 Nov 2026): Wednesday 16:00 + 2 h → Friday 10:00.
    ['2026-11-25T16:00:00-05:00', 2, '2026-11-27T10:00:00-05:00'],
  ])('the working clock: %s + %i h = %s', (from, hours, to) => {
    const clock = createWorkingClock(pack.calendar);
    expect(clock.addWorkingHours(new Date(from), hours).toISOString()).toBe(new Date(to).toISOString());
  });
});
