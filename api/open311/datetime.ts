import type { CityClock } from '../../core/cityClock';

const pad = (n: number) => String(n).padStart(2, '0');

/** ISO 8601 in the city's own offset, as GeoReport v2 writes times: 2026-03-02T09:05:00+07:00. */
export function cityIso(d: Date, clock: CityClock): string {
  const offsetMs = clock.offsetMs(d);
  const local = new Date(d.getTime() + offsetMs).toISOString().slice(0, 19);
  const minutes = Math.round(Math.abs(offsetMs) / 60_000);
  return `${local}${offsetMs < 0 ? '-' : '+'}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

export const cityIsoOrNull = (d: Date | null, clock: CityClock) => (d ? cityIso(d, clock) : null);
