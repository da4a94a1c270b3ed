import { describe, expect, it } from 'vitest';
import { cityClock } from '../../core/cityClock';
import { parseRate, sampleArrivals, sampleConstantRate } from './arrivals';
import { createRng } from './random';
import { WEEKDAY_DAY_FACTOR } from './rhythm';

const FROM = new Date('2026-03-01T17:00:00Z'); // Monday 00:00 local
const DAY_MS = 86_400_000;
const HANOI = cityClock('Asia/Ho_Chi_Minh');

describe('arrivals', () => {
  it('30 days at 600/day gives ≈18,000 arrivals, sorted, inside the window', () => {
    const to = new Date(FROM.getTime() + 30 * DAY_MS);
    const times = sampleArrivals(FROM, to, 600, createRng(42), HANOI);
    // 30 days = 4 whole weeks + Mon–Tue (two weekdays); Poisson sd ≈ √18,000 ≈ 134.
    const expected = 600 * (28 + 2 * WEEKDAY_DAY_FACTOR);
    expect(Math.abs(times.length - expected)).toBeLessThan(4 * Math.sqrt(expected));
    for (let i = 1; i < times.length; i++) expect(times[i] >= times[i - 1]).toBe(true);
    expect(times[0] >= FROM && times[times.length - 1] < to).toBe(true);
  });

  it('follows the rhythm: far more arrivals at 08–10 than at 02–04 local', () => {
    const times = sampleArrivals(FROM, new Date(FROM.getTime() + 28 * DAY_MS), 600, createRng(7), HANOI);
    let night = 0;
    let morning = 0;
    for (const t of times) {
      const h = HANOI.localHour(t);
      if (h >= 2 && h < 4) night++;
      if (h >= 8 && h < 10) morning++;
    }
    expect(morning / night).toBeGreaterThan(6);
  });

  it('is deterministic for a seed', () => {
    const to = new Date(FROM.getTime() + DAY_MS);
    const a = sampleArrivals(FROM, to, 600, createRng('s'), HANOI).map(Number);
    const b = sampleArrivals(FROM, to, 600, createRng('s'), HANOI).map(Number);
    expect(a).toEqual(b);
  });

  it('constant rate: 2/s over an hour ≈ 7,200', () => {
    const times = sampleConstantRate(FROM, new Date(FROM.getTime() + 3_600_000), 2, createRng(1));
    expect(Math.abs(times.length - 7200)).toBeLessThan(4 * Math.sqrt(7200));
  });

  it('parses SIMULATE rates', () => {
    expect(parseRate('2/s').perSecond).toBe(2);
    expect(parseRate('30/min').perSecond).toBe(0.5);
    expect(parseRate('864/day').perSecond).toBeCloseTo(0.01);
    expect(parseRate('3').perSecond).toBe(3);
    expect(() => parseRate('fast')).toThrow();
  });
});
