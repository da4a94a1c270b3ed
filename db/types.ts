import type { InferInsertModel, InferSelectModel } from 'drizzle-orm';
import type { ReportEventDraft, TypedPayload } from '../core/events';
import type { events, reportContacts, reports } from './schema';

export type ReportRow = InferSelectModel<typeof reports>;
export type NewReportRow = Omit<InferInsertModel<typeof reports>, 'id' | 'publicId'>;
export type ContactRow = Omit<InferSelectModel<typeof reportContacts>, 'reportId'>;
type EventSelect = InferSelectModel<typeof events>;
/** The actor columns are optional so that hand-made rows (stream tests, the bench) need not name them. */
export type EventRow = Omit<EventSelect, 'actorUserId' | 'actorRole'> &
  Partial<Pick<EventSelect, 'actorUserId' | 'actorRole'>>;

export interface NewReport {
  report: NewReportRow;
  contact?: ContactRow | null;
  /** SHA-256 of the citizen token the filing returns once (db/tables/chat.ts reportCitizenTokens). */
  citizenTokenHash?: string | null;
}

/**
 * An event row to insert: its type and payload as core/events.ts defines them, so a writer's
 * payload is checked against the one definition (the annotation costs nothing at run time).
 */
export type NewEvent = Omit<InferInsertModel<typeof events>, 'id' | 'type' | 'payload'> & TypedPayload;

export interface HistoryItem {
  report: NewReportRow;
  contact?: ContactRow | null;
  /** The report's events in time order, starting with its creation. */
  events: Array<{ at: Date } & ReportEventDraft>;
}
