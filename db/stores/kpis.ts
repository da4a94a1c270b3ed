import type { Db } from '../connect';
import type { Window } from '../queries/aggregates';
import type { AreaScope, ReportFilter } from '../queries/filters';
import { type KpiGrouping, type KpiTally, type Kpis, kpiTallies, kpis } from '../queries/kpis';

/** Headline figures over a window, in SQL: the reference (the API answers from api/analytics/). */
export interface KpiStore {
  figures(w: Window, f: Pick<ReportFilter, 'area' | 'category'>, scope?: AreaScope): Promise<Kpis>;
  tallies(
    w: Window,
    groupBy: KpiGrouping,
    f: Pick<ReportFilter, 'area' | 'category'>,
    scope?: AreaScope,
  ): Promise<Map<string, KpiTally>>;
}

/** `db` may be a snapshot's transaction. */
export function createKpiStore(db: Db): KpiStore {
  return {
    figures: (w, f, scope) => kpis(db, w, f, scope),
    tallies: (w, groupBy, f, scope) => kpiTallies(db, w, groupBy, f, scope),
  };
}
