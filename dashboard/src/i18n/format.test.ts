import { describe, expect, it } from 'vitest';
import { HANOI, LAKESIDE } from '../views/fixtures/cities';
import { cityFormat, currentFormat, formatNumber, installCityFormat } from './format';

const hanoi = cityFormat(HANOI);
const lakeside = cityFormat(LAKESIDE);

describe('format', () => {
  it.each([
    ['vi', 1234567, '1.234.567'],
    ['en', 1234567, '1,234,567'],
  ] as const)('numbers in %s', (lang, n, out) => expect(hanoi.number(n, lang)).toBe(out));

  it.each([
    ['vi', 150_000, /^150\sN$/],
    ['vi', 1_500, /^1,5\sN$/],
    ['en', 150_000, /^150k$/i],
    ['en', 0, /^0$/],
  ] as const)('compact counts in %s: %d', (lang, n, out) => expect(hanoi.compact(n, lang)).toMatch(out));

  it.each([
    ['vi', 0.7734, /77,3\s?%/],
    ['en', 0.7734, /77\.3%/],
  ] as const)('percentages in %s', (lang, share, out) => expect(hanoi.percent(share, lang)).toMatch(out));

  it('shows a missing share as a dash', () => expect(hanoi.percent(null, 'en')).toBe('—'));

  it('tells time on the city’s clock whatever the machine’s zone', () => {
    // 01:30 UTC is 08:30 in Hanoi (UTC+7) and 19:30 the day before in Chicago (UTC−6 in March, before DST).
    expect(hanoi.time('2026-03-02T01:30:00Z', 'en')).toBe('08:30:00');
    expect(hanoi.dateTime('2026-03-01T17:05:00Z', 'vi')).toMatch(/02\/03\/2026/);
    expect(lakeside.time('2026-03-02T01:30:00Z', 'en')).toBe('19:30:00');
    // en-US writes the month first.
    expect(lakeside.dateTime('2026-03-02T01:30:00Z', 'en')).toBe('03/01/2026, 19:30');
    expect(lakeside.day('2026-03-02T01:30:00Z', 'en')).toBe('03/01');
    expect(hanoi.day('2026-03-02T01:30:00Z', 'en')).toBe('02/03');
  });

  it('writes numbers as the city’s locale for each language does', () => {
    expect(lakeside.number(1234567, 'vi')).toMatch(/^1['’]234['’]567$/);
    expect(lakeside.number(1234.5, 'en', 1)).toBe('1,234.5');
  });

  it.each([
    [30_000, 'en', '30 seconds ago'],
    [5 * 60_000, 'en', '5 minutes ago'],
    [5 * 60_000, 'vi', '5 phút trước'],
  ] as const)('ages %i ms in %s', (ms, lang, out) => expect(hanoi.age(0, ms, lang)).toBe(out));

  it('the module-level formatters follow the installed city', () => {
    installCityFormat(LAKESIDE);
    expect(currentFormat().timeZone).toBe('America/Chicago');
    expect(formatNumber(1234567, 'vi')).toMatch(/^1['’]234['’]567$/);
    installCityFormat(HANOI);
    expect(formatNumber(1234567, 'vi')).toBe('1.234.567');
  });
});
