import { describe, expect, it } from 'vitest';
import { formatAge, formatCompact, formatDateTime, formatNumber, formatPercent, formatTime } from './format';

describe('format', () => {
  it.each([
    ['vi', 1234567, '1.234.567'],
    ['en', 1234567, '1,234,567'],
  ] as const)('numbers in %s', (lang, n, out) => expect(formatNumber(n, lang)).toBe(out));

  it.each([
    ['vi', 150_000, /^150\sN$/],
    ['vi', 1_500, /^1,5\sN$/],
    ['en', 150_000, /^150k$/i],
    ['en', 0, /^0$/],
  ] as const)('compact counts in %s: %d', (lang, n, out) => expect(formatCompact(n, lang)).toMatch(out));

  it.each([
    ['vi', 0.7734, /77,3\s?%/],
    ['en', 0.7734, /77\.3%/],
  ] as const)('percentages in %s', (lang, share, out) => expect(formatPercent(share, lang)).toMatch(out));

  it('shows a missing share as a dash', () => expect(formatPercent(null, 'en')).toBe('—'));

  it('tells time in Hanoi whatever the machine’s zone', () => {
    // 01:30 UTC is 08:30 in Hanoi.
    expect(formatTime('2026-03-02T01:30:00Z', 'en')).toBe('08:30:00');
    expect(formatDateTime('2026-03-01T17:05:00Z', 'vi')).toMatch(/02\/03\/2026/);
  });

  it.each([
    [30_000, 'en', '30 seconds ago'],
    [5 * 60_000, 'en', '5 minutes ago'],
    [5 * 60_000, 'vi', '5 phút trước'],
  ] as const)('ages %i ms in %s', (ms, lang, out) => expect(formatAge(0, ms, lang)).toBe(out));
});
