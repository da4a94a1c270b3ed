import type { Geometry } from 'geojson';
import { ALERT_EVENT_TYPES, type AlertEventPayloads } from './alerts';
import { CHAT_EVENT_TYPES, type ChatEventPayloads } from './chat';
import { INITIATIVE_EVENT_TYPES, type InitiativeEventPayloads } from './initiatives';
import { RECEPTION_EVENT_TYPES, type ReceptionEventPayloads } from './reception';
import type { ReportStatus } from './statuses';

/**
 * The event log's vocabulary: every event type and what its payload holds, defined once. The
 * writers in db/queries build payloads of these types, the stream projects them per audience
 * (api/stream/audience.ts), the report history shows them (api/views.ts) and the dashboard reads
 * them with `import type`. Pure: no IO, nothing imported from api, db or seeds.
 */

/** What every report event says about its report: enough for a live map and counters, never contact data or the description. */
export interface ReportSummary {
  id: number;
  publicId: string;
  category: string;
  severity: string;
  status: ReportStatus;
  title: string;
  lat: number;
  lng: number;
  h3r6: string;
  h3r7: string;
  h3r8: string;
  h3r9: string;
  h3r10: string;
  districtCode: string | null;
  communeCode: string | null;
  agencyCode: string | null;
  createdAt: string;
  dueAt: string | null;
  /** A paused report waits on the citizen: open, with no deadline running. */
  pausedAt: string | null;
  reopenedCount: number;
}

/** Lifecycle moves: each leaves one status for another (pause and resume stay in the same one). */
export const TRANSITION_EVENT_TYPES = [
  'report.accepted',
  'report.started',
  'report.resolved',
  'report.closed',
  'report.rejected',
  'report.reopened',
  'report.duplicate',
  'report.paused',
  'report.resumed',
] as const;
export type TransitionEventType = (typeof TRANSITION_EVENT_TYPES)[number];

/** What a lifecycle move says, besides the report after it (api/domain/lifecycle.ts builds it). */
export interface TransitionChange {
  from: ReportStatus;
  to: ReportStatus;
  /** Lets a live client take the report out of its overdue count without asking the server. */
  wasOverdue?: boolean;
  note?: string;
  /** 1–5, given by the citizen. */
  rating?: number;
  /** The report this one repeats (`report.duplicate`). */
  duplicateOf?: number;
  /** Working hours the clock stood still so far (`report.resumed`). */
  pausedHours?: number;
  /** Whether the resolution met the deadline; null when none ran (`report.resolved`). */
  onTime?: boolean | null;
}

export interface HotspotArea {
  code: string;
  level: 'district' | 'commune';
}

/** Why an area is flagged: its hot cells (Gi*), or an overdue rate above the rest of the city's. */
export type HotspotReason =
  | { test: 'hot-cell'; cells: Array<{ cell: string; open: number; z: number; p: number; pattern: string | null }> }
  | { test: 'overdue-rate'; overdue: number; open: number; ratePct: number; restRatePct: number; z: number; p: number };

/** Emerging-hotspot pattern of the area's hottest cell, if it has one. */
export type HotspotTrend = { cell: string; pattern: string | null } | null;

/** What one committed batch of an import added (see 'reports.imported'). */
export interface ReportsImported {
  /** The dataset (the mapping's name, e.g. nyc311) and the file's name, without its folder. */
  source: string;
  file: string;
  added: number;
  firstId: number;
  lastId: number;
  /** The earliest and latest filing time among the batch's reports (ISO). */
  createdFrom: string;
  createdUntil: string;
  /**
   * The district and commune codes and the agency codes of the batch's reports, sorted: whom the
   * event concerns, so that a chief or an agency hears of an import that touched its reports.
   */
  areas: string[];
  agencies: string[];
}

/** A live overlay feature as a `layer.readings` event carries it (incidents appear and clear). */
export interface LayerFeatureChange {
  /** The stored feature's id; absent only if the upsert returned none for its key. */
  id: number | undefined;
  key: string;
  geometry: Geometry;
  properties: Record<string, unknown>;
  validFrom: string | null;
  validUntil: string | null;
}

/** Every event type and its payload (as stored in `events.payload`). */
export interface EventPayloads {
  'report.created': { report: ReportSummary };
  'report.accepted': TransitionChange & { report: ReportSummary };
  'report.started': TransitionChange & { report: ReportSummary };
  'report.resolved': TransitionChange & { report: ReportSummary };
  'report.closed': TransitionChange & { report: ReportSummary };
  'report.rejected': TransitionChange & { report: ReportSummary };
  'report.reopened': TransitionChange & { report: ReportSummary };
  'report.duplicate': TransitionChange & { report: ReportSummary };
  'report.paused': TransitionChange & { report: ReportSummary };
  'report.resumed': TransitionChange & { report: ReportSummary };
  /** The sweeper found the report open past its deadline. */
  'report.overdue': { dueAt: string | null; report: ReportSummary };
  'hotspot.flagged': { area: HotspotArea; reasons: HotspotReason[]; trend: HotspotTrend };
  'hotspot.cleared': { area: HotspotArea; flaggedAt: string; reasons: HotspotReason[] };
  /**
   * A batch of history imported (npm run import -- reports): one event per committed batch, never
   * one per report. The batch's reports have ids in [firstId, lastId] (other writers' reports may
   * fall between); an analytics mirror re-reads that range, a client refetches its snapshot.
   */
  'reports.imported': ReportsImported;
  /** A layer was (re)imported; clients refetch its features. */
  'layer.updated': { layer: string; featureCount: number };
  /** Readings (and live features) of one overlay layer at one instant. */
  'layer.readings': {
    layer: string;
    at: string;
    readings: Array<{ featureId: number; metric: string; value: number }>;
    features?: LayerFeatureChange[];
  };
  // Citizen reception (core/reception.ts): slots published by an office, bookings on them.
  'slot.published': ReceptionEventPayloads['slot.published'];
  'slot.updated': ReceptionEventPayloads['slot.updated'];
  'slot.cancelled': ReceptionEventPayloads['slot.cancelled'];
  'booking.confirmed': ReceptionEventPayloads['booking.confirmed'];
  'booking.cancelled': ReceptionEventPayloads['booking.cancelled'];
  'booking.attended': ReceptionEventPayloads['booking.attended'];
  'booking.no_show': ReceptionEventPayloads['booking.no_show'];
  // Alerts and news (core/alerts.ts): published, edited, withdrawn, expired; every audience hears them.
  'alert.published': AlertEventPayloads['alert.published'];
  'alert.updated': AlertEventPayloads['alert.updated'];
  'alert.withdrawn': AlertEventPayloads['alert.withdrawn'];
  'alert.expired': AlertEventPayloads['alert.expired'];
  'news.published': AlertEventPayloads['news.published'];
  'news.withdrawn': AlertEventPayloads['news.withdrawn'];
  // Hanoi Chat (core/chat.ts): a message, a side's read receipt; staff audiences only, never the public.
  'chat.message': ChatEventPayloads['chat.message'];
  'chat.read': ChatEventPayloads['chat.read'];
  // Initiatives (core/initiatives.ts): submitted, supported, moved with an answer, published.
  'initiative.submitted': InitiativeEventPayloads['initiative.submitted'];
  'initiative.supported': InitiativeEventPayloads['initiative.supported'];
  'initiative.moved': InitiativeEventPayloads['initiative.moved'];
  'initiative.published': InitiativeEventPayloads['initiative.published'];
}

export type EventType = keyof EventPayloads;

export const EVENT_TYPES = [
  'report.created',
  ...TRANSITION_EVENT_TYPES,
  'report.overdue',
  'hotspot.flagged',
  'hotspot.cleared',
  'reports.imported',
  'layer.updated',
  'layer.readings',
  ...RECEPTION_EVENT_TYPES,
  ...ALERT_EVENT_TYPES,
  ...CHAT_EVENT_TYPES,
  ...INITIATIVE_EVENT_TYPES,
] as const satisfies readonly EventType[];
// Fails to compile if a type is added to EventPayloads but not listed above.
const _everyTypeListed: [Exclude<EventType, (typeof EVENT_TYPES)[number]>] extends [never] ? true : false = true;
void _everyTypeListed;

export type ReportEventType = Extract<EventType, `report.${string}`>;
export type HotspotEventType = Extract<EventType, `hotspot.${string}`>;
export type LayerEventType = Extract<EventType, `layer.${string}`>;
export type EventPayload<T extends EventType = EventType> = EventPayloads[T];

/** An event's type with its payload, correlated: narrowing `type` narrows `payload`. */
export type TypedPayload = { [T in EventType]: { type: T; payload: EventPayloads[T] } }[EventType];

/**
 * A report event before its report summary is attached: what the lifecycle decides and a history
 * import carries; the writer adds `report` from the row as stored.
 */
export type ReportEventDraft = {
  [T in ReportEventType]: { type: T; payload: Omit<EventPayloads[T], 'report'> };
}[ReportEventType];

/** A draft with its report attached. TypeScript cannot follow the type–payload pairing through a spread, hence the one cast. */
export function withReport(d: ReportEventDraft, report: ReportSummary): TypedPayload {
  return { type: d.type, payload: { ...d.payload, report } } as TypedPayload;
}

/** An event as the operations stream and the history carry it: id, type, instant, then its payload's fields. */
export type CitydeskEvent<T extends EventType = EventType> = {
  [K in T]: { id: number; type: K; at: string } & EventPayloads[K];
}[T];

export const isReportEventType = (t: string): t is ReportEventType => t.startsWith('report.');
export const isHotspotEventType = (t: string): t is HotspotEventType => t.startsWith('hotspot.');
export const isLayerEventType = (t: string): t is LayerEventType => t.startsWith('layer.');

/**
 * A stored row (jsonb `payload` read back as `unknown`) as the typed event it was written as. The
 * one place that trusts the log: every writer builds its payload from EventPayloads, so the type
 * and payload stored together match. No copy and no check per row: the stream runs this for every
 * event it sends.
 */
export function typedEvent<R extends { type: string; payload: unknown }>(
  row: R,
): Omit<R, 'type' | 'payload'> & TypedPayload {
  return row as unknown as Omit<R, 'type' | 'payload'> & TypedPayload;
}

/**
 * What the public stream carries instead of report events (Decree 13/2023/NĐ-CP; issue 9): counts
 * per area for one closed window, sent `delayMin` after the window ended. Not a stored event: it is
 * derived from the reports table on a clock, the same in every API process, so storing it would
 * write one fact many times. It goes out without an SSE `id:`, so a client's Last-Event-ID stays
 * the last stored event it saw (layer and hotspot events still come live with their ids); a client
 * that sees a gap between one window's `until` and the next's `since` refetches the snapshot.
 */
export interface PublicAreaCounts {
  code: string;
  /** Reports filed in the window; null = 1 or 2 (withheld), never a count under `minCount`. */
  received: number | null;
  /** Reports resolved in the window; null = withheld as above. */
  resolved: number | null;
}

export interface PublicCountsMessage {
  type: 'public.counts';
  /** The window, [since, until), ISO instants on the `windowMin` grid. */
  since: string;
  until: string;
  windowMin: number;
  /** How long after `until` this was sent: nothing fresher reaches the public. */
  delayMin: number;
  /** Counts from 1 to minCount − 1 are withheld (null). */
  minCount: number;
  /** Districts whose total cannot reveal a withheld commune (see api/stream/publicCounts.ts). */
  districts: PublicAreaCounts[];
  /** Communes with a non-zero count; absent = 0 in this window. */
  communes: PublicAreaCounts[];
}
