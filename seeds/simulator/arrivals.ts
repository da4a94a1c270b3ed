/**
 * When reports arrive.
 *
 * Independent citizens filing independently is the textbook Poisson process; its rate follows
 * the daily rhythm, so we sample a non-homogeneous Poisson process by thinning
 * (Lewis & Shedler): draw candidates at the peak rate, keep each with probability
 * rate(t) / peak. Generators let a caller stream a million arrivals without holding them.
 */
import type { CityClock } from '../../core/cityClock';
import type { Rng } from './random';
import { intensityPerHour, maxIntensityPerHour } from './rhythm';

const MS_PER_HOUR = 3_600_000;
const MS_PER_SECOND = 1000;

/** Arrival instants in [from, to), ascending, following the daily rhythm. */
export function* arrivalTimes(
  from: Date,
  to: Date,
  reportsPerDay: number,
  rng: Rng,
  clock: CityClock,
): Generator<Date> {
  if (!(reportsPerDay > 0)) return;
  const envelopePerHour = maxIntensityPerHour(reportsPerDay);
  const endMs = to.getTime();
  let tMs = from.getTime();
  for (;;) {
    tMs += rng.exponential(envelopePerHour) * MS_PER_HOUR;
    if (tMs >= endMs) return;
    const candidate = new Date(Math.floor(tMs));
    if (rng.next() * envelopePerHour < intensityPerHour(candidate, reportsPerDay, clock)) yield candidate;
  }
}

/** All arrivals in [from, to) as an array (fine up to a few hundred thousand). */
export function sampleArrivals(from: Date, to: Date, reportsPerDay: number, rng: Rng, clock: CityClock): Date[] {
  return Array.from(arrivalTimes(from, to, reportsPerDay, rng, clock));
}

/**
 * Arrivals at a flat `perSecond` rate in [from, to), ascending — the `SIMULATE=2/s` load mode.
 * Still Poisson (exponential gaps) rather than a metronome, so batching and bursts downstream
 * are exercised the way real traffic would.
 */
export function* constantRateTimes(from: Date, to: Date, perSecond: number, rng: Rng): Generator<Date> {
  if (!(perSecond > 0)) return;
  const endMs = to.getTime();
  let tMs = from.getTime();
  for (;;) {
    tMs += rng.exponential(perSecond) * MS_PER_SECOND;
    if (tMs >= endMs) return;
    yield new Date(Math.floor(tMs));
  }
}

export function sampleConstantRate(from: Date, to: Date, perSecond: number, rng: Rng): Date[] {
  return Array.from(constantRateTimes(from, to, perSecond, rng));
}

/** Parses the `SIMULATE` option: "2/s", "30/min", "600/day", or a bare number meaning per second. */
export function parseRate(spec: string): { perSecond: number } {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:\/\s*(s|sec|second|m|min|minute|h|hour|d|day))?\s*$/i.exec(spec);
  if (!m) throw new Error(`unrecognised rate "${spec}" (expected e.g. 2/s, 30/min, 600/day)`);
  const n = Number(m[1]);
  const unit = (m[2] ?? 's').toLowerCase();
  const secondsPerUnit = unit.startsWith('s') ? 1 : unit.startsWith('m') ? 60 : unit.startsWith('h') ? 3600 : 86_400;
  return { perSecond: n / secondsPerUnit };
}
