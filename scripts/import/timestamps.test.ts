import { describe, expect, it } from 'vitest';
import { cityClock } from '../../core/cityClock';
import { parseTimestamp } from './timestamps';

const hanoi = cityClock('Asia/Ho_Chi_Minh');
const newYork = cityClock('America/New_York');
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

describe('parseTimestamp', () => {
  it.each([
    // Local to the city when no zone is written: Hanoi is UTC+7 all year.
    ['2026-03-02 09:15:00', 'mdy', '2026-03-02T02:15:00.000Z'],
    ['2026-03-02T09:15', 'mdy', '2026-03-02T02:15:00.000Z'],
    ['2026-03-02', 'mdy', '2026-03-01T17:00:00.000Z'],
    ['2026-03-02 09:15:00.250', 'mdy', '2026-03-02T02:15:00.250Z'],
    // A zone, when written, wins.
    ['2026-03-02T09:15:00Z', 'mdy', '2026-03-02T09:15:00.000Z'],
    ['2026-03-02T09:15:00+07:00', 'mdy', '2026-03-02T02:15:00.000Z'],
    ['2026-03-02T09:15:00-0500', 'mdy', '2026-03-02T14:15:00.000Z'],
    // NYC 311's MM/DD/YYYY hh:mm:ss AM/PM; 12 AM is midnight, 12 PM noon.
    ['03/02/2026 09:15:00 PM', 'mdy', '2026-03-02T14:15:00.000Z'],
    ['03/02/2026 12:00:00 AM', 'mdy', '2026-03-01T17:00:00.000Z'],
    ['03/02/2026 12:30:00 PM', 'mdy', '2026-03-02T05:30:00.000Z'],
    ['3/2/2026 9:15 am', 'mdy', '2026-03-02T02:15:00.000Z'],
    // Vietnamese exports write the day first.
    ['02/03/2026 09:15', 'dmy', '2026-03-02T02:15:00.000Z'],
    ['31/12/2025 23:59:59', 'dmy', '2025-12-31T16:59:59.000Z'],
    // Unix epochs: seconds (10 digits) and milliseconds (13).
    ['1772417700', 'mdy', '2026-03-02T02:15:00.000Z'],
    ['1772417700.5', 'mdy', '2026-03-02T02:15:00.500Z'],
    ['1772417700123', 'mdy', '2026-03-02T02:15:00.123Z'],
  ])('%s (%s) → %s', (text, order, expected) => {
    expect(iso(parseTimestamp(text, hanoi, order as 'mdy' | 'dmy'))).toBe(expected);
  });

  it('reads New York wall time right across the spring-forward change', () => {
    // 8 March 2026: clocks go from 02:00 EST to 03:00 EDT.
    expect(iso(parseTimestamp('03/08/2026 01:30:00 AM', newYork))).toBe('2026-03-08T06:30:00.000Z');
    expect(iso(parseTimestamp('03/08/2026 03:30:00 AM', newYork))).toBe('2026-03-08T07:30:00.000Z');
    expect(iso(parseTimestamp('07/01/2026 12:00:00 PM', newYork))).toBe('2026-07-01T16:00:00.000Z');
  });

  it.each([
    'yesterday',
    '',
    '2026-02-30 10:00',
    '2026-13-01',
    '13/45/2026',
    '02/30/2026 10:00:00 AM',
    '03/02/2026 13:00:00 PM',
    '2026-03-02 25:00',
    '12345',
    '1899-12-31',
  ])('refuses %j', (text) => {
    expect(parseTimestamp(text, hanoi)).toBeNull();
  });
});
