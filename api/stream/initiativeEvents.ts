import type { EventPayloads } from '../../core/events';
import {
  type InitiativeEventType,
  type InitiativeSummary,
  isInitiativeEventType,
  type PublicInitiativeSummary,
} from '../../core/initiatives';
import type { EventRow } from '../../db/types';
import { publicCellOf } from '../../geo/h3cells';

/**
 * Initiatives on the stream. Staff audiences get them as every event: the operations centre all,
 * a chief those located in its area (the event row carries the initiative's district and commune),
 * an agency none (initiatives are not routed to agencies). The public hears only of published
 * initiatives — their publication and, after it, each support and move — projected to what the
 * public list shows: the scrubbed title, never the citizen's own words, a contact or a supporter.
 * Not delayed: an operator cleared the text, and a support count cannot point at a person.
 */
export function isPublishedInitiativeEvent(e: Pick<EventRow, 'type' | 'payload'>): boolean {
  if (!isInitiativeEventType(e.type)) return false;
  const summary = (e.payload as { initiative?: InitiativeSummary } | null)?.initiative;
  return summary !== undefined && publicSummaryOf(summary) !== null;
}

/** The public's view of a summary, or null while it is unpublished (the public hears nothing of it). */
export function publicSummaryOf(s: InitiativeSummary): PublicInitiativeSummary | null {
  if (s.publishedAt === null || s.publicTitle === null) return null;
  return {
    publicId: s.publicId,
    topic: s.topic,
    status: s.status,
    title: s.publicTitle,
    cell: publicCellOf(s.lat, s.lng),
    districtCode: s.districtCode,
    communeCode: s.communeCode,
    supportCount: s.supportCount,
    createdAt: s.createdAt,
    publishedAt: s.publishedAt,
  };
}

type Moved = EventPayloads['initiative.moved'];

/** A published initiative's event as the press reads it. */
export type PublicInitiativeEvent = {
  id: number;
  type: InitiativeEventType;
  at: string;
  initiative: PublicInitiativeSummary;
} & Partial<Pick<Moved, 'from' | 'to' | 'answer'>>;

/** The public projection; null for an initiative not (yet) published, which the public never hears of. */
export function publicInitiativeEvent(row: EventRow): PublicInitiativeEvent | null {
  if (!isInitiativeEventType(row.type)) return null;
  const payload = row.payload as EventPayloads[InitiativeEventType];
  const initiative = publicSummaryOf(payload.initiative);
  if (!initiative) return null;
  const base = { id: row.id, type: row.type, at: row.at.toISOString(), initiative };
  if (row.type !== 'initiative.moved') return base;
  const { from, to, answer } = payload as Moved;
  return { ...base, from, to, answer };
}
