import { cellToLatLng, greatCircleDistance, gridDisk, latLngToCell } from 'h3-js';

/** mulberry32: a tiny seeded generator, so benchmarks and property tests replay exactly. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Poisson draw by Knuth's product method: fine for the small means of per-cell counts. */
export function poisson(mean: number, rng: () => number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng();
  while (p > limit) {
    k++;
    p *= rng();
  }
  return k;
}

/** Hồ Hoàn Kiếm: the middle of the synthetic city. */
export const HANOI_CENTRE = { lat: 21.0287, lng: 105.8524 };

export interface Cluster {
  lat: number;
  lng: number;
  /** Extra mean count at the cluster centre, fading linearly to 0 at radiusKm. */
  peak: number;
  radiusKm: number;
}

/** Two backlog clusters in the old quarter and in Cầu Giấy, as on a busy day. */
export const HANOI_CLUSTERS: Cluster[] = [
  { lat: 21.034, lng: 105.85, peak: 6, radiusKm: 2 },
  { lat: 21.036, lng: 105.79, peak: 4, radiusKm: 1.5 },
];

/** The cells of a Hanoi-sized disk: radius 40 at res 8 gives 4,921 cells (~3,600 km²). */
export function hanoiDisk(radius = 40, res = 8): string[] {
  return gridDisk(latLngToCell(HANOI_CENTRE.lat, HANOI_CENTRE.lng, res), radius);
}

/** Poisson counts per cell: a background mean plus the clusters' bumps. Zeros are left out. */
export function syntheticCounts(
  cells: readonly string[],
  rng: () => number,
  background = 0.3,
  clusters: Cluster[] = HANOI_CLUSTERS,
): Map<string, number> {
  const values = new Map<string, number>();
  for (const cell of cells) {
    const [lat, lng] = cellToLatLng(cell);
    let mean = background;
    for (const c of clusters) {
      const d = greatCircleDistance([lat, lng], [c.lat, c.lng], 'km');
      if (d < c.radiusKm) mean += c.peak * (1 - d / c.radiusKm);
    }
    const v = poisson(mean, rng);
    if (v > 0) values.set(cell, v);
  }
  return values;
}
