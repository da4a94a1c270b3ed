import type { FeatureCollection } from 'geojson';
import type { AreaCount, Category, HexCount, KpiCounts, SeriesPoint } from './types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const e = body?.error ?? {};
    throw new ApiError(res.status, e.code ?? 'http_error', e.message ?? `${res.status} ${url}`);
  }
  return body as T;
}

export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The API behind each audience: the public view only ever calls the k-anonymous endpoints. */
export interface Endpoints {
  hexes: string;
  areas: string;
  timeseries: string;
  kpis: string;
  stream: string;
}

export const OPS_ENDPOINTS: Endpoints = {
  hexes: '/api/hexes',
  areas: '/api/areas',
  timeseries: '/api/timeseries',
  kpis: '/api/kpis',
  stream: '/api/stream',
};

export const PUBLIC_ENDPOINTS: Endpoints = {
  hexes: '/api/public/hexes',
  areas: '/api/public/areas',
  timeseries: '/api/public/timeseries',
  kpis: '/api/public/kpis',
  stream: '/api/stream?audience=public',
};

/** Reads KPI counts from /api/kpis, whichever of counts or shares it reports. */
export function toKpiCounts(json: Record<string, unknown>): KpiCounts {
  const k = (json.kpis ?? json) as Record<string, number | null | undefined>;
  const received = Number(k.received ?? 0);
  // The API gives percentages (0–100) where it withholds counts (the public view).
  const fromShare = (count: unknown, pct: unknown) =>
    typeof count === 'number' ? count : typeof pct === 'number' ? Math.round((pct / 100) * received) : 0;
  const overdue = Number(k.overdue ?? 0);
  const open =
    typeof k.open === 'number'
      ? k.open
      : typeof k.overduePct === 'number' && k.overduePct > 0
        ? Math.round((overdue * 100) / k.overduePct)
        : fromShare(undefined, k.inProgressPct);
  return {
    received,
    handled: fromShare(k.handled, k.handledPct),
    inProgress: fromShare(k.inProgress, k.inProgressPct),
    rejected: fromShare(k.rejected, k.rejectedPct),
    open,
    overdue,
  };
}

export const fetchCategories = () => getJson<{ items: Category[] }>('/api/categories').then((r) => r.items);
export const fetchAreaShapes = (level: 'district' | 'commune') =>
  getJson<FeatureCollection>(`/api/areas/geojson?level=${level}`);
export const fetchLastEventId = () => getJson<{ lastEventId: number }>('/healthz').then((r) => r.lastEventId);

export interface SnapshotQuery {
  since: string;
  res: number;
  level: 'district' | 'commune';
  bucket: 'hour' | 'day';
  category?: string;
  status?: string;
  area?: string;
}

/**
 * The snapshot's parts. `hexesFetch`: the hexes, when the caller has asked for them already (to
 * draw them before the rest arrives). `heavyAfter`: the per-area and time-series aggregates (scans of a month of
 * reports, seconds at a million) are asked for only once it settles, so on a small server they do
 * not compete with the hexes query for the same cores; the KPIs come from memory and go at once.
 */
export async function fetchSnapshotParts(
  ep: Endpoints,
  q: SnapshotQuery,
  hexesFetch?: Promise<HexCount[]>,
  opts: { heavyAfter?: Promise<unknown> } = {},
) {
  const common = { since: q.since, category: q.category, area: q.area };
  const ready = (opts.heavyAfter ?? Promise.resolve()).then(
    () => undefined,
    () => undefined,
  );
  const [hexes, areas, series, kpis] = await Promise.all([
    (hexesFetch ?? fetchHexes(ep, q)).then((cells) => ({ cells })),
    ready.then(() => getJson<{ items: AreaCount[] }>(ep.areas + query({ ...common, level: q.level }))),
    ready.then(() => getJson<{ points: SeriesPoint[] }>(ep.timeseries + query({ ...common, bucket: q.bucket }))),
    getJson<Record<string, unknown>>(ep.kpis + query(common)),
  ]);
  return { hexes: hexes.cells, areas: areas.items, series: series.points, kpis: toKpiCounts(kpis) };
}

export const fetchHexes = (ep: Endpoints, q: SnapshotQuery) =>
  getJson<{ cells: HexCount[] }>(
    ep.hexes + query({ since: q.since, category: q.category, area: q.area, res: q.res, status: q.status }),
  ).then((r) => r.cells);
