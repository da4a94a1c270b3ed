import {
  type CitydeskEvent,
  type HotspotArea,
  type HotspotEventType,
  type HotspotReason,
  isHotspotEventType,
  isLayerEventType,
  isReportEventType,
  type LayerEventType,
  type ReportEventType,
  type ReportSummary,
  type TransitionChange,
  typedEvent,
} from '../../core/events';
import type { EventRow } from '../../db/types';

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
 * summary names the agency), nothing about areas. Overlay events are everyone's.
 */
export function isVisible(e: EventRow, a: Audience): boolean {
  if (a.kind === 'ops' || a.kind === 'public' || isLayerEvent(e)) return true;
  if (a.kind === 'agency') {
    const report = (e.payload as { report?: { agencyCode?: unknown } } | null)?.report;
    return isReportEventType(e.type) && report?.agencyCode === a.code;
  }
  return (
    (e.districtCode !== null && a.codes.includes(e.districtCode)) ||
    (e.communeCode !== null && a.codes.includes(e.communeCode))
  );
}

/**
 * Report fields the public may see: no text, no point and no cell. Even a coarse cell per report
 * would undo the public map's rule that cells with fewer than 3 reports stay hidden, so the public
 * map refreshes its hexes from the k-anonymous endpoint and uses events only for counts.
 */
export type PublicReportSummary = Pick<
  ReportSummary,
  'category' | 'severity' | 'status' | 'districtCode' | 'communeCode' | 'createdAt'
>;

/** A report event for the press: the move (if any) and the public fields of the report. */
export type PublicReportEvent = { id: number; type: ReportEventType; at: string } & Partial<
  Pick<TransitionChange, 'from' | 'to'>
> & { report: PublicReportSummary };

/** The press learns which area is flagged and by which test, not which cells. */
export interface PublicHotspotEvent {
  id: number;
  type: HotspotEventType;
  at: string;
  area: HotspotArea;
  tests: Array<HotspotReason['test']>;
}

export type PublicEvent = PublicReportEvent | PublicHotspotEvent | CitydeskEvent<LayerEventType>;

/** An event as the stream of an audience of `kind` carries it. */
export type ProjectedEvent<K extends Audience['kind'] = Audience['kind']> = K extends 'public'
  ? PublicEvent
  : CitydeskEvent;

/** The operations centre's (and an area chief's) view of a stored event: all of its payload. */
export function opsEvent(row: EventRow): CitydeskEvent {
  const e = typedEvent(row);
  return { id: e.id, type: e.type, at: e.at.toISOString(), ...e.payload } as CitydeskEvent;
}

export function publicEvent(row: EventRow): PublicEvent {
  const e = typedEvent(row);
  const base = { id: e.id, at: e.at.toISOString() };
  // Overlay payloads hold sensor readings and traffic incidents, nothing about a person or a report.
  if (e.type === 'layer.readings' || e.type === 'layer.updated') return opsEvent(row) as CitydeskEvent<LayerEventType>;
  // A hot cell can hold fewer reports than the public map is allowed to show.
  if (e.type === 'hotspot.flagged' || e.type === 'hotspot.cleared') {
    const reasons = e.payload.reasons ?? [];
    return { id: base.id, type: e.type, at: base.at, area: e.payload.area, tests: reasons.map((r) => r.test) };
  }
  const p = e.payload;
  // Writers always attach the report; a row without one (hand-made bench data) loses only that.
  const r: Partial<ReportSummary> | undefined = p.report;
  return {
    id: base.id,
    type: e.type,
    at: base.at,
    ...('from' in p && p.from ? { from: p.from, to: p.to } : {}),
    // `?? null`: a field absent from an old row's summary is said to be unknown, not left out.
    ...(r
      ? {
          report: {
            category: r.category ?? null,
            severity: r.severity ?? null,
            status: r.status ?? null,
            districtCode: r.districtCode ?? null,
            communeCode: r.communeCode ?? null,
            createdAt: r.createdAt ?? null,
          },
        }
      : {}),
  } as PublicReportEvent;
}

export function project<K extends Audience['kind']>(e: EventRow, a: Audience & { kind: K }): ProjectedEvent<K>;
export function project(e: EventRow, a: Audience): ProjectedEvent {
  return a.kind === 'public' ? publicEvent(e) : opsEvent(e);
}

/** One SSE message; `data` is a single line because JSON.stringify never emits raw newlines. */
export function encodeSse(e: EventRow, a: Audience): string {
  return `id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify(project(e, a))}\n\n`;
}
