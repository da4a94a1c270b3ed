/**
 * Daily rhythm of report arrivals, in the city's local time.
 *
 * Citizens file reports when they are out and about and awake: almost nothing in the small
 * hours, a morning peak as people commute and reach the office, a lull over the lunch break
 * (Hanoi's offices close 12:00–13:30), and an evening peak when people get home and look at
 * their phones. Weekends are a little quieter (no commute, fewer office complaints).
 * Local time is the city's (core/cityClock.ts, with the zone from the pack).
 */
import type { CityClock } from '../../core/cityClock';

const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 24 * MS_PER_HOUR;

/**
 * Relative arrival rate at each local hour (knot at hh:00, linear in between).
 * Only the shape matters: it is normalised below so the daily mean is 1.
 * Tuned so that 02:00–05:00 sits near 0.15× the daily mean, peaks near 1.7× at 09:00 and 18:00–19:00.
 */
const HOURLY_SHAPE_RELATIVE = [
  0.42,
  0.27,
  0.16,
  0.14,
  0.15,
  0.28, // 00–05: asleep
  0.62,
  1.1,
  1.55,
  1.72,
  1.62,
  1.38, //  06–11: commute and office morning
  1.05,
  1.12,
  1.28,
  1.32,
  1.42,
  1.65, // 12–17: lunch lull, afternoon build-up
  1.76,
  1.7,
  1.45,
  1.12,
  0.82,
  0.6, //   18–23: evening at home, then bed
] as const;

/** Mean of a cyclic piecewise-linear curve with unit-spaced knots = mean of its knots. */
const SHAPE_MEAN = HOURLY_SHAPE_RELATIVE.reduce((a, b) => a + b, 0) / HOURLY_SHAPE_RELATIVE.length;

/** Shape normalised to a daily mean of 1 (so ∫ over a day of rate/24 = 1). */
export const HOURLY_FACTOR: readonly number[] = HOURLY_SHAPE_RELATIVE.map((v) => v / SHAPE_MEAN);

/** Saturday and Sunday volume relative to the weekly mean. */
export const WEEKEND_DAY_FACTOR = 0.9;
/** Weekdays make up the difference so a whole week still averages `reportsPerDay` a day. */
export const WEEKDAY_DAY_FACTOR = (7 - 2 * WEEKEND_DAY_FACTOR) / 5;

/** Upper bound of intensityPerHour / (reportsPerDay/24), used as the thinning envelope. */
export const PEAK_FACTOR = Math.max(...HOURLY_FACTOR) * Math.max(WEEKDAY_DAY_FACTOR, WEEKEND_DAY_FACTOR);

export function dayFactor(isoWeekday: number): number {
  return isoWeekday >= 6 ? WEEKEND_DAY_FACTOR : WEEKDAY_DAY_FACTOR;
}

/** Hour-of-day factor (daily mean 1) at a fractional local hour. */
export function hourFactor(localHour: number): number {
  const i = Math.floor(localHour) % 24;
  const frac = localHour - Math.floor(localHour);
  const a = HOURLY_FACTOR[i];
  const b = HOURLY_FACTOR[(i + 1) % 24];
  return a + (b - a) * frac;
}

/**
 * Expected reports per hour at instant `t`, for a city averaging `reportsPerDay` over a week.
 * A weekday integrates to `reportsPerDay × WEEKDAY_DAY_FACTOR`, a weekend day to
 * `reportsPerDay × WEEKEND_DAY_FACTOR`; a full week to exactly 7 × reportsPerDay.
 */
export function intensityPerHour(t: Date, reportsPerDay: number, clock: CityClock): number {
  return (reportsPerDay / 24) * hourFactor(clock.localHour(t)) * dayFactor(clock.isoWeekday(t));
}

/** An upper bound of `intensityPerHour` over all instants. */
export function maxIntensityPerHour(reportsPerDay: number): number {
  return (reportsPerDay / 24) * PEAK_FACTOR;
}
