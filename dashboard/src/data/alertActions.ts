import type { Polygon } from 'geojson';
import type { AlertKind, AlertSeverity } from '../../../core/alerts';
import { sendJson } from './api';

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
  return sendJson<{ id: number }>('/api/alerts', {
    ...rest,
    ...place,
    expiresAt: new Date(nowMs + hours * 3_600_000).toISOString(),
  });
}

export function withdrawAlert(id: number) {
  return sendJson<{ id: number }>(`/api/alerts/${id}/withdraw`, {});
}
