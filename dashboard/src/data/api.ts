import type { FeatureCollection } from 'geojson';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A GET of JSON: injected into the snapshot loader, so its tests answer without a network. */
export type FetchJson = <T>(url: string, signal?: AbortSignal) => Promise<T>;

export const getJson: FetchJson = async <T>(url: string, signal?: AbortSignal): Promise<T> => {
  const res = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const e = body?.error ?? {};
    throw new ApiError(res.status, e.code ?? 'http_error', e.message ?? `${res.status} ${url}`);
  }
  return body as T;
};

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

export const fetchAreaShapes = (level: 'district' | 'commune') =>
  getJson<FeatureCollection>(`/api/areas/geojson?level=${level}`);
