import { aqiFromPm25 } from './aqi';
import type { CityClock } from '../../core/cityClock';
import { clamp, hashUnit, hourlyCurve, smoothNoise } from './noise';

/**
 * Simulated PM2.5 at Hanoi's monitoring stations. No open live feed exists for them, so the
 * readings follow what years of the US Embassy's and CEM's records show: polluted winters
 * (dry north-east monsoon, crop burning, inversions), clean rainy summers, and a daily cycle that is
 * worst at night and in the early morning (a shallow mixing layer traps traffic and cooking smoke)
 * and best in mid-afternoon.
 */

/** Typical monthly mean PM2.5 in Hanoi, µg/m³, January … December (rounded from US Embassy records). */
export const MONTHLY_MEAN_PM25_UG_M3 = [75, 62, 55, 42, 30, 24, 21, 22, 27, 40, 55, 70] as const;

/** Relative PM2.5 at each local hour (knots at hh:00); normalised below to a daily mean of 1. */
const HOURLY_SHAPE_RELATIVE = [
  1.15,
  1.18,
  1.2,
  1.2,
  1.2,
  1.22, // 00–05: night inversion
  1.22,
  1.15,
  1.05,
  0.95,
  0.85,
  0.78, // 06–11: morning rush, then the mixing layer grows
  0.72,
  0.68,
  0.66,
  0.68,
  0.74,
  0.85, // 12–17: cleanest mid-afternoon
  0.98,
  1.07,
  1.12,
  1.14,
  1.15,
  1.15, // 18–23: evening rush and cooking, the layer collapses
] as const;
const SHAPE_MEAN = HOURLY_SHAPE_RELATIVE.reduce((a, b) => a + b, 0) / 24;
export const PM25_HOURLY_FACTOR: readonly number[] = HOURLY_SHAPE_RELATIVE.map((v) => v / SHAPE_MEAN);

/** Pollution episodes last days (stagnant high pressure) and lift with a front: city-wide, slow. */
const EPISODE_PERIOD_MS = 36 * 3_600_000;
/** exp(±0.35) ≈ ×0.7 … ×1.4 over the seasonal mean. */
const EPISODE_LOG_AMPLITUDE = 0.35;
/** Station-local variation (a nearby construction site, a street's traffic) over a couple of hours. */
const LOCAL_PERIOD_MS = 2 * 3_600_000;
const LOCAL_LOG_AMPLITUDE = 0.12;
/** Sensor jitter minute to minute. */
const JITTER_PERIOD_MS = 10 * 60_000;
const JITTER_LOG_AMPLITUDE = 0.03;
/** Stations differ: roadside ones read higher than one in a park, ×0.85 … ×1.15. */
const STATION_SPREAD = 0.15;
const PM25_FLOOR_UG_M3 = 3;
const PM25_CEILING_UG_M3 = 400;

/** PM2.5 (µg/m³, one decimal) at a station at instant t; a pure function of (seed, station, t). */
export function pm25At(seed: number, stationKey: string, t: Date, clock: CityClock): number {
  const ms = t.getTime();
  const seasonal = MONTHLY_MEAN_PM25_UG_M3[clock.month(t)];
  const daily = hourlyCurve(PM25_HOURLY_FACTOR, clock.localHour(t));
  const station = 1 + STATION_SPREAD * (2 * hashUnit(seed, 'station', stationKey) - 1);
  const logNoise =
    EPISODE_LOG_AMPLITUDE * smoothNoise(seed, 'episode', ms, EPISODE_PERIOD_MS) +
    LOCAL_LOG_AMPLITUDE * smoothNoise(seed, `local:${stationKey}`, ms, LOCAL_PERIOD_MS) +
    JITTER_LOG_AMPLITUDE * smoothNoise(seed, `jitter:${stationKey}`, ms, JITTER_PERIOD_MS);
  const value = seasonal * daily * station * Math.exp(logNoise);
  return Math.round(clamp(value, PM25_FLOOR_UG_M3, PM25_CEILING_UG_M3) * 10) / 10;
}

/** The readings one station reports at t: PM2.5 and the AQI computed from it. */
export function airQualityReadings(seed: number, stationKey: string, t: Date, clock: CityClock) {
  const pm25 = pm25At(seed, stationKey, t, clock);
  return [
    { metric: 'pm25', value: pm25 },
    { metric: 'aqi', value: aqiFromPm25(pm25) },
  ];
}
