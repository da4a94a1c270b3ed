import { OPEN_STATUS_LIST } from '../../core/statuses';
import type { Connection } from '../connect';
import type { AreaScope, ReportFilter } from '../queries/filters';
import { type PublicIdFor, importHistory, insertReports } from '../queries/insertReports';
import { flagOverdue } from '../queries/overdue';
import * as read from '../queries/readReports';
import { type TransitionBy, type TransitionDecision, applyTransition } from '../queries/transition';
import type { HistoryItem, NewReport, ReportRow } from '../types';

export type { Cursor } from '../queries/readReports';
export type { TransitionBy, TransitionDecision } from '../queries/transition';

/** Reports: filing (with their first event), moving them through the lifecycle, reading them back. */
export interface ReportStore {
  /** New reports, each with its `report.created` event, in one transaction under the event lock. */
  insert(items: NewReport[]): Promise<ReportRow[]>;
  /** Lived history (the simulator's backfill): reports with their past events; returns how many. */
  importHistory(items: HistoryItem[]): Promise<number>;
  /** Null when the report does not exist or lies outside `by.scope`. */
  applyTransition(
    id: number,
    decide: (current: ReportRow) => TransitionDecision | Promise<TransitionDecision>,
    by?: TransitionBy,
  ): ReturnType<typeof applyTransition>;
  /** Flags open reports past their deadline, one `report.overdue` event each; returns how many. */
  flagOverdue(now: Date): Promise<number>;
  get(id: number, scope?: AreaScope): Promise<ReportRow | null>;
  idByPublicId(publicId: string): Promise<number | null>;
  contact(reportId: number): ReturnType<typeof read.getContact>;
  list(
    filter: ReportFilter,
    page: { limit: number; after?: read.Cursor },
    scope?: AreaScope,
  ): ReturnType<typeof read.listReports>;
  listOpen(limit: number): Promise<ReportRow[]>;
  /** Rows in the reports, events and contacts tables. */
  counts(): ReturnType<typeof read.countRows>;
}

export function createReportStore(conn: Connection, publicIdFor: PublicIdFor): ReportStore {
  const { db } = conn;
  return {
    insert: (items) => insertReports(conn, items, publicIdFor),
    importHistory: (items) => importHistory(conn, items, publicIdFor),
    applyTransition: (id, decide, by) => applyTransition(conn, id, decide, by),
    flagOverdue: (now) => flagOverdue(conn, now),
    get: (id, scope) => read.getReport(db, id, scope),
    idByPublicId: (publicId) => read.getReportIdByPublicId(db, publicId),
    contact: (id) => read.getContact(db, id),
    list: (filter, page, scope) => read.listReports(db, filter, page, scope),
    listOpen: async (limit) => (await read.listReports(db, { status: [...OPEN_STATUS_LIST] }, { limit })).items,
    counts: () => read.countRows(db),
  };
}
