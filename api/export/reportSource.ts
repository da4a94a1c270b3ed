import type { AreaScope, ReportFilter, ReportStore } from '../../db/store';
import type { ReportRow } from '../../db/types';
import type { BatchSource } from './batchStream';

/**
 * Rows a staff export holds per read. A batch is one chunk of the response: ~0.5 MB of CSV at a
 * typical report's size, small beside the process's memory and large enough that a 100,000-row
 * export is 200 queries, not 100,000.
 */
export const EXPORT_BATCH_ROWS = 500;

/**
 * The reports of `filter` in `scope`, newest first, read a batch at a time through the store's own
 * list (the same query, conditions, scope and order as GET /api/reports, so an export holds exactly
 * what the list pages through), each batch after the previous one's last (created_at, id).
 */
export function reportBatches(
  reports: Pick<ReportStore, 'list'>,
  filter: ReportFilter,
  scope: AreaScope,
  batchRows = EXPORT_BATCH_ROWS,
): BatchSource<ReportRow> {
  let after: { createdAt: Date; id: number } | undefined;
  let done = false;
  return {
    async next() {
      if (done) return null;
      const page = await reports.list(filter, { limit: batchRows, after }, scope);
      if (page.next) after = page.next;
      else done = true;
      return page.items;
    },
  };
}
