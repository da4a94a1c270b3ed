import type { Db } from '../connect';
import { type AnalyticsRow, analyticsPage, analyticsRowsByIds } from '../queries/analyticsRows';
import { eventBounds } from '../queries/events';

export type { AnalyticsRow } from '../queries/analyticsRows';

/**
 * What the in-memory analytics read (the report mirror's MirrorSource, api/analytics/reportMirror.ts):
 * narrow report rows, a page by id or the rows of given ids, and where the event log ends.
 */
export interface AnalyticsSource {
  analyticsPage(afterId: number, limit: number): Promise<AnalyticsRow[]>;
  analyticsRowsByIds(ids: number[]): Promise<AnalyticsRow[]>;
  eventBounds(): Promise<{ minId: number; maxId: number }>;
}

export function createAnalyticsSource(db: Db): AnalyticsSource {
  return {
    analyticsPage: (afterId, limit) => analyticsPage(db, afterId, limit),
    analyticsRowsByIds: (ids) => analyticsRowsByIds(db, ids),
    eventBounds: () => eventBounds(db),
  };
}
