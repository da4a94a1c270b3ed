import type { Db } from '../connect';
import { type TrailCursor, type TrailEntry, type TrailFilter, auditTrail } from '../queries/auditTrail';

export type { TrailCursor, TrailEntry, TrailFilter } from '../queries/auditTrail';

/** The admin's audit view: staff's state changes (events with an actor) and reads (audit_log) in one list. */
export interface AuditTrailStore {
  list(
    filter: TrailFilter,
    page: { limit: number; after?: TrailCursor },
  ): Promise<{ items: TrailEntry[]; next: TrailCursor | null }>;
}

export function createAuditTrailStore(db: Db): AuditTrailStore {
  return { list: (filter, page) => auditTrail(db, filter, page) };
}
