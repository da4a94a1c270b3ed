import type { InferInsertModel, InferSelectModel } from 'drizzle-orm';
import type { events, reportContacts, reports } from './schema';

export type ReportRow = InferSelectModel<typeof reports>;
export type NewReportRow = Omit<InferInsertModel<typeof reports>, 'id' | 'publicId'>;
export type ContactRow = Omit<InferSelectModel<typeof reportContacts>, 'reportId'>;
export type EventRow = InferSelectModel<typeof events>;

export interface NewReport {
  report: NewReportRow;
  contact?: ContactRow | null;
}

/** An event to append; district and commune come from its report. */
export interface NewEvent {
  at: Date;
  type: string;
  payload: Record<string, unknown>;
}

export interface HistoryItem {
  report: NewReportRow;
  contact?: ContactRow | null;
  /** The report's events in time order, starting with its creation. */
  events: Array<{ at: Date; type: string; payload?: Record<string, unknown> }>;
}

export const OPEN_STATUSES = ['received', 'accepted', 'in_progress', 'reopened'] as const;
