import type { Polygon } from 'geojson';
import type { AlertKind, AlertSeverity } from '../../../core/alerts';
import { ApiError, notifyUnauthenticated } from './api';

/** A write with the session cookie (same origin: the server checks the Origin of cookie writes). */
async function send<T>(method: 'POST' | 'PATCH', url: string, body: unknown): Promise<T> {
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

export interface AlertDraft {
  kind: AlertKind;
  severity: AlertSeverity;
  titleVi: string;
  titleEn: string;
  bodyVi: string;
  bodyEn: string;
  /** How long from now it stays in force. */
  hours: number;
}

/** Where it applies: an area of the city (its code) or a polygon drawn on the map, never both. */
export type AlertPlaceDraft = { area: string } | { geometry: Polygon };

/** POST /api/alerts: in force from now for `hours`; the stream brings it to every page. */
export function publishAlert(d: AlertDraft, place: AlertPlaceDraft, nowMs = Date.now()) {
  const { hours, ...rest } = d;
  return send<{ id: number }>('POST', '/api/alerts', {
    ...rest,
    ...place,
    expiresAt: new Date(nowMs + hours * 3_600_000).toISOString(),
  });
}

export function withdrawAlert(id: number) {
  return send<{ id: number }>('POST', `/api/alerts/${id}/withdraw`, {});
}
