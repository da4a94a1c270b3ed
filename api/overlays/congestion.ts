import type { CityClock } from '../../core/cityClock';
import { clamp, hashUnit, hourlyCurve, smoothNoise } from './noise';

/**
 * Simulated congestion per H3 cell of the urban core, 0 = free flow … 1 = standstill (the share of
 * free-flow speed lost). Hanoi's motorbike traffic peaks 07–09 and 17–19 on weekdays, the evening
 * peak the worse (school pick-up, commuters and shoppers together); weekends are flatter.
 */

/** Weekday congestion at each local hour (knots at hh:00, linear in between). */
export const WEEKDAY_CONGESTION = [
  0.06,
  0.04,
  0.03,
  0.03,
  0.05,
  0.14, // 00–05
  0.32,
  0.62,
  0.78,
  0.62,
  0.42,
  0.4, // 06–11: morning peak 07–09
  0.38,
  0.34,
  0.38,
  0.44,
  0.58,
  0.82, // 12–17
  0.86,
  0.66,
  0.46,
  0.34,
  0.22,
  0.12, // 18–23: evening peak 17–19
] as const;
export const WEEKEND_CONGESTION = [
  0.08, 0.05, 0.03, 0.03, 0.04, 0.08, 0.16, 0.28, 0.4, 0.46, 0.48, 0.46, 0.4, 0.36, 0.4, 0.46, 0.52, 0.58, 0.62, 0.6,
  0.52, 0.4, 0.28, 0.16,
] as const;

/** City-wide level for the time of day and week, before any cell's own character. */
export function baseCongestion(t: Date, clock: CityClock): number {
  return hourlyCurve(clock.isoWeekday(t) >= 6 ? WEEKEND_CONGESTION : WEEKDAY_CONGESTION, clock.localHour(t));
}

/** Streets near the old quarter jam harder than the ring-road fringe: ×1 at the centre, ×0.65 from 7 km. */
const CENTRE_FALLOFF_KM = 7;
const FRINGE_FACTOR = 0.65;
/** Cells differ (a market, a school, a narrow street): ×0.85 … ×1.15. */
const CELL_SPREAD = 0.15;
/** Traffic waves over ~30 minutes: ±12 %. */
const WAVE_PERIOD_MS = 30 * 60_000;
const WAVE_AMPLITUDE = 0.12;
/** How much an incident of severity 3 adds to its cell's congestion; 1 and 2 add a third and two thirds. */
export const INCIDENT_CONGESTION_BUMP = 0.25;

export interface CongestionCell {
  key: string;
  /** Distance from the city centre, km. */
  centreKm: number;
}

/** Congestion (0–1, two decimals) of one cell at t, given the severities of incidents active in it. */
export function congestionAt(
  seed: number,
  cell: CongestionCell,
  t: Date,
  clock: CityClock,
  incidentSeverities: number[] = [],
): number {
  const centrality = 1 - (1 - FRINGE_FACTOR) * Math.min(1, cell.centreKm / CENTRE_FALLOFF_KM);
  const character = 1 + CELL_SPREAD * (2 * hashUnit(seed, 'cell', cell.key) - 1);
  const wave = 1 + WAVE_AMPLITUDE * smoothNoise(seed, `wave:${cell.key}`, t.getTime(), WAVE_PERIOD_MS);
  const incidents = incidentSeverities.reduce((s, sev) => s + (INCIDENT_CONGESTION_BUMP * sev) / 3, 0);
  return Math.round(clamp(baseCongestion(t, clock) * centrality * character * wave + incidents, 0, 1) * 100) / 100;
}
