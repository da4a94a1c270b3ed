import { sql } from 'drizzle-orm';
import type { Db } from '../connect';
import { rowsOf, toNumber } from '../rows';
import type { Window } from './aggregates';
import { type AreaScope, OPEN_STATUS_SQL, type ReportFilter, and, reportConditions } from './filters';

/**
 * The desk's headline figures. Shares are of the reports received in the window, by their status
 * now, and partition it: handled (resolved or closed) + in progress (still open: awaiting
 * acceptance, accepted, being worked, reopened) + rejected + duplicate = 100 %. Overdue is today's
 * backlog, as everywhere: open reports filed before the window's end that are past their deadline.
 */
export interface Kpis {
  received: number;
  handled: number;
  handledPct: number | null;
  inProgress: number;
  inProgressPct: number | null;
  rejected: number;
  rejectedPct: number | null;
  duplicate: number;
  /** The open backlog now among reports filed before the window's end. */
  open: number;
  overdue: number;
  /** Share of the open backlog that is overdue. */
  overduePct: number | null;
}

/** Percent with one decimal; null when there is nothing to divide by. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((1000 * part) / whole) / 10 : null;
}

export async function kpis(db: Db, w: Window, filter: Pick<ReportFilter, 'area' | 'category'>, scope?: AreaScope): Promise<Kpis> {
  const since = w.since.toISOString();
  const until = w.until.toISOString();
  const now = w.now.toISOString();
  const inWindow = sql`created_at >= ${since}::timestamptz`;
  const [r] = rowsOf<Record<string, unknown>>(
    await db.execute(sql`select
        count(*) filter (where ${inWindow})::int8 as received,
        count(*) filter (where ${inWindow} and status in ('resolved', 'closed'))::int8 as handled,
        count(*) filter (where ${inWindow} and ${OPEN_STATUS_SQL})::int8 as in_progress,
        count(*) filter (where ${inWindow} and status = 'rejected')::int8 as rejected,
        count(*) filter (where ${inWindow} and status = 'duplicate')::int8 as duplicate,
        count(*) filter (where ${OPEN_STATUS_SQL})::int8 as open,
        count(*) filter (where ${OPEN_STATUS_SQL} and due_at < ${now}::timestamptz)::int8 as overdue
      from reports
      where ${and([...reportConditions(filter, scope), sql`created_at < ${until}::timestamptz`])}`),
  );
  const n = (k: string) => toNumber(r?.[k]);
  const received = n('received');
  return {
    received,
    handled: n('handled'),
    handledPct: percent(n('handled'), received),
    inProgress: n('in_progress'),
    inProgressPct: percent(n('in_progress'), received),
    rejected: n('rejected'),
    rejectedPct: percent(n('rejected'), received),
    duplicate: n('duplicate'),
    open: n('open'),
    overdue: n('overdue'),
    overduePct: percent(n('overdue'), n('open')),
  };
}
