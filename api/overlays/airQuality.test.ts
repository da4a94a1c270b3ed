import { describe, expect, it } from 'vitest';
import { cityClock } from '../../core/cityClock';
import { airQualityReadings, pm25At } from './airQuality';

const SEED = 7;
const STATION = 'moitruongthudo:14';
/** Instant at a local (UTC+7) wall-clock time. */
const local = (iso: string) => new Date(`${iso}+07:00`);
/** The tables are worked in Hanoi's local time (UTC+7). */
const HANOI = cityClock('Asia/Ho_Chi_Minh');

function meanOver(days: string[], hour: number) {
  const values = days.flatMap((d) =>
    ['moitruongthudo:14', 'moitruongthudo:49', 'airnow:HN1010001'].map((s) =>
      pm25At(SEED, s, local(`${d}T${String(hour).padStart(2, '0')}:00:00`), HANOI),
    ),
  );
  return values.reduce((a, b) => a + b, 0) / values.length;
}

const januaryDays = Array.from({ length: 28 }, (_, i) => `2026-01-${String(i + 1).padStart(2, '0')}`);
const julyDays = januaryDays.map((d) => d.replace('-01-', '-07-'));

describe('simulated PM2.5', () => {
  it('is deterministic given the seed, the station and the instant', () => {
    const t = local('2026-01-15T06:00:00');
    expect(pm25At(SEED, STATION, t, HANOI)).toBe(pm25At(SEED, STATION, new Date(t), HANOI));
    expect(pm25At(SEED + 1, STATION, t, HANOI)).not.toBe(pm25At(SEED, STATION, t, HANOI));
  });

  it('is worse at night and early morning than in mid-afternoon', () => {
    expect(meanOver(januaryDays, 5)).toBeGreaterThan(1.4 * meanOver(januaryDays, 14));
    expect(meanOver(julyDays, 23)).toBeGreaterThan(1.4 * meanOver(julyDays, 15));
  });

  it('is worse in winter, within Hanoi-typical ranges', () => {
    const winterNight = meanOver(januaryDays, 5);
    const summerAfternoon = meanOver(julyDays, 14);
    expect(winterNight).toBeGreaterThan(70);
    expect(winterNight).toBeLessThan(130);
    expect(summerAfternoon).toBeGreaterThan(8);
    expect(summerAfternoon).toBeLessThan(30);
    const january = januaryDays.flatMap((d) =>
      Array.from({ length: 24 }, (_, h) =>
        pm25At(SEED, STATION, local(`${d}T${String(h).padStart(2, '0')}:00:00`), HANOI),
      ),
    );
    expect(Math.min(...january)).toBeGreaterThan(20);
    expect(Math.max(...january)).toBeLessThan(220);
  });

  it('moves smoothly from one minute to the next', () => {
    let prev = pm25At(SEED, STATION, local('2026-01-10T00:00:00'), HANOI);
    for (let m = 1; m < 24 * 60; m++) {
      const v = pm25At(SEED, STATION, new Date(local('2026-01-10T00:00:00').getTime() + m * 60_000), HANOI);
      expect(Math.abs(v - prev) / prev).toBeLessThan(0.05);
      prev = v;
    }
  });

  it('reports the AQI computed from the PM2.5 it reports', () => {
    const [pm25, aqi] = airQualityReadings(SEED, STATION, local('2026-12-20T07:00:00'), HANOI);
    expect(pm25.metric).toBe('pm25');
    expect(aqi).toEqual({ metric: 'aqi', value: expect.any(Number) });
    expect(aqi.value).toBeGreaterThan(100); // a December morning in Hanoi is rarely better than orange
  });
});
