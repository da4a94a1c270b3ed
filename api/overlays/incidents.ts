import type { CityClock } from '../../core/cityClock';
import { createRng } from '../../seeds/simulator/random';
import type { OverlayFeature } from '../../core/overlayLayers';
import { baseCongestion } from './congestion';
import { hash32 } from './noise';

/**
 * Simulated traffic incidents in the urban core: they appear, block a street for a while, and
 * clear. Each 5-minute slot draws its own incidents from a generator seeded by (seed, slot), so the
 * incidents of any window are a pure function of time: a backfill, a restart and a live tick agree.
 */

export const INCIDENT_SLOT_MS = 5 * 60_000;
/** No incident outlives this; a window's incidents are found among slots this far back. */
export const MAX_INCIDENT_MS = 6 * 3_600_000;
/** Across the core: ~0.5 an hour at night, ~5 an hour in the evening peak. */
const INCIDENTS_PER_HOUR_FLOOR = 0.4;
const INCIDENTS_PER_HOUR_PER_CONGESTION = 5.5;
/** Rainy season (May–October): a downpour floods low streets within the hour. */
const RAINY_MONTHS = new Set([4, 5, 6, 7, 8, 9]);
/** An incident lies within ~300 m of its cell's centre (a res-8 cell's edge is ~460 m). */
const JITTER_DEG = 0.0027;

export const INCIDENT_TYPES = {
  crash: { nameVi: 'Va chạm giao thông', nameEn: 'Collision', medianMinutes: 35 },
  breakdown: { nameVi: 'Xe hỏng', nameEn: 'Broken-down vehicle', medianMinutes: 25 },
  flooding: { nameVi: 'Ngập úng', nameEn: 'Street flooding', medianMinutes: 90 },
  roadworks: { nameVi: 'Thi công', nameEn: 'Roadworks', medianMinutes: 180 },
} as const;
export type IncidentType = keyof typeof INCIDENT_TYPES;

export interface Incident {
  key: string;
  type: IncidentType;
  severity: 1 | 2 | 3;
  cell: string;
  lng: number;
  lat: number;
  startMs: number;
  endMs: number;
}

export interface IncidentCell {
  key: string;
  lng: number;
  lat: number;
}

const MINUTE_MS = 60_000;

/** Poisson count by inversion of the CDF: one uniform draw, fine for the small means here. */
function poissonByInversion(mean: number, u: number): number {
  let n = 0;
  let p = Math.exp(-mean);
  let cdf = p;
  while (u > cdf && n < 100) {
    n++;
    p *= mean / n;
    cdf += p;
  }
  return n;
}

function incidentsOfSlot(seed: number, cells: readonly IncidentCell[], slot: number, clock: CityClock): Incident[] {
  if (cells.length === 0) return [];
  const slotStart = slot * INCIDENT_SLOT_MS;
  const rng = createRng(hash32(seed, 'incidents', slot));
  const at = new Date(slotStart);
  const perHour = INCIDENTS_PER_HOUR_FLOOR + INCIDENTS_PER_HOUR_PER_CONGESTION * baseCongestion(at, clock);
  const mean = (perHour * INCIDENT_SLOT_MS) / 3_600_000;
  const n = poissonByInversion(mean, rng.next());
  const rainy = RAINY_MONTHS.has(clock.month(at));
  const out: Incident[] = [];
  for (let i = 0; i < n; i++) {
    const type = rng.pickWeighted<IncidentType>(
      ['crash', 'breakdown', 'flooding', 'roadworks'],
      [5, 4, rainy ? 2 : 0.2, 1],
    );
    const cell = rng.pick(cells);
    const startMs = slotStart + rng.int(INCIDENT_SLOT_MS / MINUTE_MS) * MINUTE_MS;
    const minutes = Math.round(rng.logNormalMedian(INCIDENT_TYPES[type].medianMinutes, 0.5));
    const durationMs = Math.min(MAX_INCIDENT_MS, Math.max(10, minutes) * MINUTE_MS);
    out.push({
      key: `inc-${slot}-${i}`,
      type,
      severity: rng.pickWeighted<1 | 2 | 3>([1, 2, 3], [5, 3, 1]),
      cell: cell.key,
      lng: Math.round((cell.lng + rng.uniform(-JITTER_DEG, JITTER_DEG)) * 1e6) / 1e6,
      lat: Math.round((cell.lat + rng.uniform(-JITTER_DEG, JITTER_DEG)) * 1e6) / 1e6,
      startMs,
      endMs: startMs + durationMs,
    });
  }
  return out;
}

/** Every incident alive at some point of [fromMs, toMs), in start order. */
export function incidentsBetween(
  seed: number,
  cells: readonly IncidentCell[],
  fromMs: number,
  toMs: number,
  clock: CityClock,
): Incident[] {
  const first = Math.floor((fromMs - MAX_INCIDENT_MS) / INCIDENT_SLOT_MS);
  const last = Math.floor((toMs - 1) / INCIDENT_SLOT_MS);
  const out: Incident[] = [];
  for (let slot = first; slot <= last; slot++) {
    for (const inc of incidentsOfSlot(seed, cells, slot, clock))
      if (inc.startMs < toMs && inc.endMs > fromMs) out.push(inc);
  }
  return out.sort((a, b) => a.startMs - b.startMs);
}

/** Incidents active at instant t. */
export function activeIncidents(
  seed: number,
  cells: readonly IncidentCell[],
  tMs: number,
  clock: CityClock,
): Incident[] {
  return incidentsBetween(seed, cells, tMs, tMs + 1, clock).filter((i) => i.startMs <= tMs);
}

/** An incident as a layer feature: cleared ones (ended by `asOfMs`) carry their end. */
export function incidentFeature(inc: Incident, asOfMs: number): OverlayFeature {
  const t = INCIDENT_TYPES[inc.type];
  return {
    key: inc.key,
    geometry: { type: 'Point', coordinates: [inc.lng, inc.lat] },
    properties: {
      type: inc.type,
      nameVi: t.nameVi,
      nameEn: t.nameEn,
      severity: inc.severity,
      cell: inc.cell,
      startedAt: new Date(inc.startMs).toISOString(),
    },
    validFrom: new Date(inc.startMs),
    validUntil: inc.endMs <= asOfMs ? new Date(inc.endMs) : null,
  };
}
