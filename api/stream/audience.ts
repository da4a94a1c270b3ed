import {
  type CitydeskEvent,
  type HotspotArea,
  type HotspotEventType,
  type HotspotReason,
  isHotspotEventType,
  isLayerEventType,
  isReportEventType,
  type LayerEventType,
  type ReportsImported,
  typedEvent,
} from '../../core/events';
import { type AlertEventType, isAlertEventType } from '../../core/alerts';
import { isChatEventType } from '../../core/chat';
import type { EventRow } from '../../db/types';
import { isPublishedInitiativeEvent, type PublicInitiativeEvent, publicInitiativeEvent } from './initiativeEvents';

/**
 * Who is listening decides what an event may say. Scoping is this one filter: a chief's stream
 * is `area` (its scope's codes: a district chief's district and its communes), an agency's is
 * `agency`, the press's is `public`, the operations centre's is `ops`. The stream route derives
 * it from the viewer (api/stream/viewerAudience.ts), never from the query string.
 */
export type Audience =
  | { kind: 'ops' }
  | { kind: 'public' }
  | { kind: 'area'; codes: readonly string[] }
  | { kind: 'agency'; code: string };

export function audienceKey(a: Audience): string {
  if (a.kind === 'area') return `area:${a.codes.join(',')}`;
  if (a.kind === 'agency') return `agency:${a.code}`;
  return a.kind;
}

/** Overlay events (`layer.*`) describe the city, not a report: no area owns them, every audience gets them. */
export function isLayerEvent(e: Pick<EventRow, 'type'>): boolean {
  return isLayerEventType(e.type);
}

/**
 * Hotspot flags (`hotspot.flagged` / `hotspot.cleared`) are about an area, not a report: they carry
 * the area's code (a commune's also its district's), so a chief hears of their own area's, and the
 * operations centre of all.
 */
export function isHotspotEvent(e: Pick<EventRow, 'type'>): boolean {
  return isHotspotEventType(e.type);
}

/**
 * Whether an audience hears of an event. A chief: its reports' events (by the report's district or
 * commune) and the hotspot flags of its areas (a commune's flag row carries its district too, so
 * the same columns decide). An agency: the events of reports routed to it (the payload's report
 * summary names the agency), nothing about areas. Both hear of an import batch that names them.
 * Overlay events are everyone's.
 */
export function isVisible(e: EventRow, a: Audience): boolean {
  // Alerts and news are published to be seen: every audience, the press's included, at once.
  if (a.kind === 'ops' || isLayerEvent(e) || isAlertEventType(e.type)) return true;
  // The press gets no event per report: one, with its commune and instant, would undo the rule
  // that counts under 3 stay hidden. It gets `public.counts` per window instead (publicWindows.ts).
  // Of initiatives, only published ones (api/stream/initiativeEvents.ts).
  if (a.kind === 'public') return isHotspotEvent(e) || isPublishedInitiativeEvent(e);
  // An import batch names the areas and agencies of its reports: a chief or an agency whose
  // reports it added hears of it (and reloads its snapshot), as of a filing. Older batches named none.
  if (e.type === 'reports.imported') {
    const p = e.payload as Partial<ReportsImported> | null;
    return a.kind === 'agency'
      ? (p?.agencies ?? []).includes(a.code)
      : (p?.areas ?? []).some((code) => a.codes.includes(code));
  }
  if (a.kind === 'agency') {
    // A chat event names its thread's report's agency (core/chat.ts); a general thread's, none.
    if (isChatEventType(e.type)) {
      return (e.payload as { thread?: { agencyCode?: unknown } } | null)?.thread?.agencyCode === a.code;
    }
    const report = (e.payload as { report?: { agencyCode?: unknown } } | null)?.report;
    return isReportEventType(e.type) && report?.agencyCode === a.code;
  }
  return (
    (e.districtCode !== null && a.codes.includes(e.districtCode)) ||
    (e.communeCode !== null && a.codes.includes(e.communeCode))
  );
}

/** The press learns which area is flagged and by which test, not which cells. */
export interface PublicHotspotEvent {
  id: number;
  type: HotspotEventType;
  at: string;
  area: HotspotArea;
  tests: Array<HotspotReason['test']>;
}

/** What the public stream carries: hotspot flags (area and tests), overlays, alerts and news, and counts per window. */
export type PublicEvent =
  | PublicHotspotEvent
  | CitydeskEvent<LayerEventType>
  | CitydeskEvent<AlertEventType>
  | PublicInitiativeEvent;

/** An event as the stream of an audience of `kind` carries it. */
export type ProjectedEvent<K extends Audience['kind'] = Audience['kind']> = K extends 'public'
  ? PublicEvent
  : CitydeskEvent;

/** The operations centre's (and an area chief's) view of a stored event: all of its payload. */
export function opsEvent(row: EventRow): CitydeskEvent {
  const e = typedEvent(row);
  return { id: e.id, type: e.type, at: e.at.toISOString(), ...e.payload } as CitydeskEvent;
}

/** The press's view of an event it may hear of (isVisible): overlays whole, hotspots as area and tests. */
export function publicEvent(row: EventRow): PublicEvent {
  const e = typedEvent(row);
  // A hot cell can hold fewer reports than the public map is allowed to show.
  if (e.type === 'hotspot.flagged' || e.type === 'hotspot.cleared') {
    const reasons = e.payload.reasons ?? [];
    return { id: e.id, type: e.type, at: e.at.toISOString(), area: e.payload.area, tests: reasons.map((r) => r.test) };
  }
  // Overlay payloads hold sensor readings and traffic incidents, nothing about a person or a
  // report. Report events never reach here (isVisible); were one passed, it would leave as its id,
  // type and instant only.
  if (e.type === 'layer.readings' || e.type === 'layer.updated') return opsEvent(row) as CitydeskEvent<LayerEventType>;
  // An alert's or news item's payload is its public content (core/alerts.ts); who published it
  // is on the event row's actor columns, which no projection carries.
  if (isAlertEventType(e.type)) return opsEvent(row) as CitydeskEvent<AlertEventType>;
  // A published initiative as the public list shows it; an unpublished one never passes isVisible.
  const initiative = publicInitiativeEvent(row);
  if (initiative) return initiative;
  return { id: e.id, type: e.type, at: e.at.toISOString() } as unknown as PublicEvent;
}

export function project<K extends Audience['kind']>(e: EventRow, a: Audience & { kind: K }): ProjectedEvent<K>;
export function project(e: EventRow, a: Audience): ProjectedEvent {
  return a.kind === 'public' ? publicEvent(e) : opsEvent(e);
}

/** One SSE message; `data` is a single line because JSON.stringify never emits raw newlines. */
export function encodeSse(e: EventRow, a: Audience): string {
  return `id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify(project(e, a))}\n\n`;
}
