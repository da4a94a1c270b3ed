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

const unauthenticatedListeners = new Set<() => void>();

/**
 * Calls `fn` whenever an API call (or the stream) is answered 401: the session has expired or was
 * signed out elsewhere. The session (auth/SessionContext.tsx) listens and sends the viewer to sign
 * in; every fetch of the desk goes through here, so none can be forgotten. Returns the unsubscribe.
 */
export function onUnauthenticated(fn: () => void): () => void {
  unauthenticatedListeners.add(fn);
  return () => unauthenticatedListeners.delete(fn);
}

export function notifyUnauthenticated(): void {
  for (const fn of [...unauthenticatedListeners]) fn();
}

export const getJson: FetchJson = async <T>(url: string, signal?: AbortSignal): Promise<T> => {
  // Same-origin cookies (fetch's default, said here because the session depends on it).
  const res = await fetch(url, { signal, credentials: 'same-origin', headers: { Accept: 'application/json' } });
  const body = await res.json().catch(() => null);
  if (res.status === 401) notifyUnauthenticated();
  if (!res.ok) {
    const e = body?.error ?? {};
    throw new ApiError(res.status, e.code ?? 'http_error', e.message ?? `${res.status} ${url}`);
  }
  return body as T;
};

/**
 * A write of JSON with the session cookie (same origin: the server checks the Origin of cookie
 * writes); errors as getJson's.
 */
export async function sendJson<T>(url: string, body: unknown, method: 'POST' | 'PATCH' = 'POST'): Promise<T> {
  const res = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
  const json = await res.json().catch(() => null);
  if (res.status === 401) notifyUnauthenticated();
  if (!res.ok) {
    const e = json?.error ?? {};
    throw new ApiError(res.status, e.code ?? 'http_error', e.message ?? `${res.status} ${url}`);
  }
  return json as T;
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
  /** The server decides the stream's audience and area from the viewer, never from the query. */
  stream: string;
  /** Cookies the stream sends: the desk its session, the public map none (it stays anonymous). */
  streamCredentials: RequestCredentials;
}

export const OPS_ENDPOINTS: Endpoints = {
  hexes: '/api/hexes',
  areas: '/api/areas',
  timeseries: '/api/timeseries',
  kpis: '/api/kpis',
  stream: '/api/stream',
  streamCredentials: 'same-origin',
};

export const PUBLIC_ENDPOINTS: Endpoints = {
  hexes: '/api/public/hexes',
  areas: '/api/public/areas',
  timeseries: '/api/public/timeseries',
  kpis: '/api/public/kpis',
  stream: '/api/stream',
  streamCredentials: 'omit',
};

export const fetchAreaShapes = (level: 'district' | 'commune') =>
  getJson<FeatureCollection>(`/api/areas/geojson?level=${level}`);
