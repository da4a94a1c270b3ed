import type { Db } from '../connect';
import * as agg from '../queries/aggregates';
import type { AreaScope, ReportFilter } from '../queries/filters';

export type { AreaCount, AreaSeries, HexCount, SeriesPoint, Window } from '../queries/aggregates';

/** Counts of reports per cell, area and time bucket, for the operations centre. */
export interface AggregateStore {
  hexCounts(res: number, w: agg.Window, f: ReportFilter, scope?: AreaScope): Promise<agg.HexCount[]>;
  areaCounts(
    level: 'district' | 'commune',
    w: agg.Window,
    f: ReportFilter,
    scope?: AreaScope,
  ): Promise<agg.AreaCount[]>;
  timeseries(bucket: 'hour' | 'day', w: agg.Window, f: ReportFilter, scope?: AreaScope): Promise<agg.SeriesPoint[]>;
  areaSeries(
    level: 'district' | 'commune',
    bucket: 'hour' | 'day',
    w: agg.Window,
    f: ReportFilter,
    scope?: AreaScope,
  ): Promise<agg.AreaSeries>;
}

/** `timezone`: the city's, for day and hour buckets. `db` may be a snapshot's transaction. */
export function createAggregateStore(db: Db, timezone: string): AggregateStore {
  return {
    hexCounts: (res, w, f, scope) => agg.hexCounts(db, res, w, f, scope),
    areaCounts: (level, w, f, scope) => agg.areaCounts(db, level, w, f, scope),
    timeseries: (bucket, w, f, scope) => agg.timeseries(db, bucket, timezone, w, f, scope),
    areaSeries: (level, bucket, w, f, scope) => agg.areaSeries(db, level, bucket, timezone, w, f, scope),
  };
}
