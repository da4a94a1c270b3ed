import type { Db } from '../connect';
import * as q from '../queries/open311';
import type { AreaScope } from '../queries/filters';

export type { RequestFilter } from '../queries/open311';

/** The reads of Open311 GeoReport v2 (api/open311/): requests by filter and page, notes, status updates. */
export interface Open311Store {
  listRequests(
    f: q.RequestFilter,
    page: { limit: number; offset: number },
    scope?: AreaScope,
  ): ReturnType<typeof q.listRequests>;
  latestNotes(reportIds: number[]): ReturnType<typeof q.latestNotes>;
  historiesOf(reportIds: number[]): ReturnType<typeof q.historiesOf>;
  statusUpdates(
    f: Parameters<typeof q.statusUpdates>[1],
    page: { limit: number; offset: number },
    scope?: AreaScope,
  ): ReturnType<typeof q.statusUpdates>;
}

export function createOpen311Store(db: Db): Open311Store {
  return {
    listRequests: (f, page, scope) => q.listRequests(db, f, page, scope),
    latestNotes: (ids) => q.latestNotes(db, ids),
    historiesOf: (ids) => q.historiesOf(db, ids),
    statusUpdates: (f, page, scope) => q.statusUpdates(db, f, page, scope),
  };
}
