import { describe, expect, it } from 'vitest';
import { cityClock } from '../../core/cityClock';
import { HOURLY_FACTOR, intensityPerHour, maxIntensityPerHour, WEEKDAY_DAY_FACTOR } from './rhythm';

const HANOI = cityClock('Asia/Ho_Chi_Minh');

const MS_PER_HOUR = 3_600_000;
/** 00:00 Asia/Ho_Chi_Minh on Monday 2026-03-02. */
const MONDAY_LOCAL_MIDNIGHT = new Date('2026-03-01T17:00:00Z');

/** ∫ intensity dt over [start, start + hours), midpoint rule on 1-minute steps. */
function integrate(start: Date, hours: number, reportsPerDay: number): number {
  const stepH = 1 / 60;
  let sum = 0;
  for (let h = stepH / 2; h < hours; h += stepH) {
    sum += intensityPerHour(new Date(start.getTime() + h * MS_PER_HOUR), reportsPerDay, HANOI) * stepH;
  }
  return sum;
}

describe('rhythm', () => {
  it("follows the city's local time, not UTC", () => {
    // 20:00 UTC on a Monday: 03:00 Tuesday in Hanoi (asleep), 20:00 in London (evening at home).
    const t = new Date('2026-03-09T20:00:00Z');
    expect(intensityPerHour(t, 24, HANOI)).toBeCloseTo(HOURLY_FACTOR[3] * WEEKDAY_DAY_FACTOR, 9);
    expect(intensityPerHour(t, 24, cityClock('Europe/London'))).toBeCloseTo(HOURLY_FACTOR[20] * WEEKDAY_DAY_FACTOR, 9);
  });

  it('integrates to reportsPerDay over each day (±10%) and over a week (±1%)', () => {
    const perDay = 600;
    let week = 0;
    for (let d = 0; d < 7; d++) {
      const day = integrate(new Date(MONDAY_LOCAL_MIDNIGHT.getTime() + d * 24 * MS_PER_HOUR), 24, perDay);
      expect(Math.abs(day / perDay - 1)).toBeLessThan(0.1);
      week += day;
    }
    expect(Math.abs(week / 7 / perDay - 1)).toBeLessThan(0.01);
  });

  it('a weekday integrates to reportsPerDay ± 5% and weekends are lower', () => {
    const perDay = 600;
    const tuesday = integrate(new Date(MONDAY_LOCAL_MIDNIGHT.getTime() + 24 * MS_PER_HOUR), 24, perDay);
    const sunday = integrate(new Date(MONDAY_LOCAL_MIDNIGHT.getTime() + 6 * 24 * MS_PER_HOUR), 24, perDay);
    expect(Math.abs(tuesday / perDay - 1)).toBeLessThan(0.05);
    expect(sunday).toBeLessThan(tuesday);
  });

  it('is quiet at night and peaks morning and evening', () => {
    const at = (h: number) => intensityPerHour(new Date(MONDAY_LOCAL_MIDNIGHT.getTime() + h * MS_PER_HOUR), 24, HANOI);
    // With reportsPerDay = 24 the weekday mean rate is ~1/h, so values read as multiples of the mean.
    for (const h of [2, 3, 4, 5]) expect(at(h)).toBeLessThan(0.3);
    expect((at(2) + at(3) + at(4)) / 3).toBeLessThan(0.2);
    expect(at(9)).toBeGreaterThan(1.5);
    expect(at(18.5)).toBeGreaterThan(1.5);
    expect(at(3)).toBeLessThan(at(9) / 5);
    expect(at(12.5)).toBeLessThan(at(9));
  });

  it('the envelope bounds the rate everywhere', () => {
    const max = maxIntensityPerHour(600);
    for (let m = 0; m < 7 * 24 * 60; m += 7) {
      expect(intensityPerHour(new Date(MONDAY_LOCAL_MIDNIGHT.getTime() + m * 60_000), 600, HANOI)).toBeLessThanOrEqual(
        max,
      );
    }
    expect(HOURLY_FACTOR.reduce((a, b) => a + b, 0) / 24).toBeCloseTo(1, 10);
  });
});
