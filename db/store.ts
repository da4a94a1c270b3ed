import { cityClock } from '../core/cityClock';
import { OPEN_STATUS_LIST } from '../core/statuses';
import { asc, eq } from 'drizzle-orm';
import type { CityPack } from '../core/cityPack';
import { type Connection, type Db, connect } from './connect';
import { type LayerStore, createLayerStore } from './layerStore';
import * as agg from './queries/aggregates';
import { eventBounds, eventsAfter, eventsOfReport } from './queries/events';
import type { AreaScope, ReportFilter } from './queries/filters';
import { type PublicIdFor, importHistory, insertReports } from './queries/insertReports';
import { type DesiredFlag, type FlagRow, listHotspotFlags, syncHotspotFlags } from './queries/hotspotFlags';
import { loadPack } from './queries/loadPack';
import { type AnalyticsRow, analyticsPage, analyticsRowsByIds } from './queries/analyticsRows';
import { type KpiGrouping, type KpiTally, type Kpis, kpiTallies, kpis } from './queries/kpis';
import { flagOverdue } from './queries/overdue';
import * as pub from './queries/publicAggregates';
import * as read from './queries/readReports';
import { type AsOf, readSnapshot } from './queries/snapshot';
import { type TransitionDecision, applyTransition } from './queries/transition';
import { areas, categories } from './schema';
import type { EventRow, HistoryItem, NewReport, ReportRow } from './types';

export type { AreaScope, ReportFilter } from './queries/filters';
export type { Window } from './queries/aggregates';
export type { AsOf } from './queries/snapshot';
export type { TransitionDecision } from './queries/transition';
export type { DesiredFlag, FlagRow } from './queries/hotspotFlags';

/**
 * Everything the API asks of the database. PGlite and postgres.js sit behind it with the same
 * schema and migrations; only the commit signal differs (see Connection).
 */
export interface Store {
  kind: Connection['kind'];
  loadPack(pack: CityPack): Promise<void>;
  insertReports(items: NewReport[]): Promise<ReportRow[]>;
  importHistory(items: HistoryItem[]): Promise<number>;
  applyTransition: (
    id: number,
    decide: (current: ReportRow) => TransitionDecision | Promise<TransitionDecision>,
  ) => ReturnType<typeof applyTransition>;
  getReport(id: number, scope?: AreaScope): Promise<ReportRow | null>;
  getReportIdByPublicId(publicId: string): Promise<number | null>;
  getContact(reportId: number): Promise<Awaited<ReturnType<typeof read.getContact>>>;
  listReports(
    filter: ReportFilter,
    page: { limit: number; after?: read.Cursor },
    scope?: AreaScope,
  ): ReturnType<typeof read.listReports>;
  listOpenReports(limit: number): Promise<ReportRow[]>;
  eventsOfReport(id: number): Promise<EventRow[]>;
  eventsAfter(afterId: number, upToId: number, limit: number): Promise<EventRow[]>;
  eventBounds(): Promise<{ minId: number; maxId: number }>;
  onEvents(listener: (maxId: number) => void): Promise<() => Promise<void>>;
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
  /**
   * Aggregate reads that see one snapshot, with the last event id in it: the `asOfEventId` of a
   * snapshot response (see db/queries/snapshot.ts).
   */
  snapshot<T>(read: (s: SnapshotReads) => Promise<T>): Promise<AsOf<T>>;
  listCategories(): Promise<(typeof categories.$inferSelect)[]>;
  listAreas(level: 'district' | 'commune'): Promise<(typeof areas.$inferSelect)[]>;
  countRows(): ReturnType<typeof read.countRows>;
  /** Flags open reports past their deadline, one `report.overdue` event each; returns how many. */
  flagOverdue(now: Date): Promise<number>;
  /** Headline figures over a window, in SQL (the reference; the API answers from api/analytics/). */
  kpis(w: agg.Window, f: Pick<ReportFilter, 'area' | 'category'>, scope?: AreaScope): Promise<Kpis>;
  kpiTallies(
    w: agg.Window,
    groupBy: KpiGrouping,
    f: Pick<ReportFilter, 'area' | 'category'>,
    scope?: AreaScope,
  ): Promise<Map<string, KpiTally>>;
  /** Narrow report rows for the in-memory analytics: a page by id, or the rows of given ids. */
  analyticsPage(afterId: number, limit: number): Promise<AnalyticsRow[]>;
  analyticsRowsByIds(ids: number[]): Promise<AnalyticsRow[]>;
  /** Areas flagged as backlog hotspots, and the one way to change them (announcing each change). */
  hotspotFlags(): Promise<FlagRow[]>;
  syncHotspotFlags(
    desired: DesiredFlag[],
    asOfEventId: number,
    at: Date,
    parents: ReadonlyMap<string, string | null>,
  ): ReturnType<typeof syncHotspotFlags>;
  /** Aggregates for the press: counts only, cells under k reports left out (see publicAggregates). */
  publicHexes(res: pub.PublicRes, w: pub.PublicWindow): ReturnType<typeof pub.publicHexes>;
  publicAreas(level: 'district' | 'commune', w: pub.PublicWindow): ReturnType<typeof pub.publicAreas>;
  /** Overlay layers, their features and readings. */
  layers: LayerStore;
  close(): Promise<void>;
}

/** The reads a snapshot may combine. */
export type SnapshotReads = Pick<
  Store,
  'hexCounts' | 'areaCounts' | 'timeseries' | 'areaSeries' | 'kpiTallies' | 'publicHexes' | 'publicAreas'
>;

function snapshotReads(db: Db, timezone: string): SnapshotReads {
  return {
    hexCounts: (res, w, f, scope) => agg.hexCounts(db, res, w, f, scope),
    areaCounts: (level, w, f, scope) => agg.areaCounts(db, level, w, f, scope),
    timeseries: (bucket, w, f, scope) => agg.timeseries(db, bucket, timezone, w, f, scope),
    areaSeries: (level, bucket, w, f, scope) => agg.areaSeries(db, level, bucket, timezone, w, f, scope),
    kpiTallies: (w, groupBy, f, scope) => kpiTallies(db, w, groupBy, f, scope),
    publicHexes: (res, w) => pub.publicHexes(db, res, w),
    publicAreas: (level, w) => pub.publicAreas(db, level, w),
  };
}

export interface StoreOptions {
  databaseUrl?: string;
  dataDir?: string;
  /** City-specific parts of storage: the report id prefix and the time zone of buckets. */
  publicIdPrefix: string;
  timezone: string;
}

export function publicIdFormatter(prefix: string, timezone: string): PublicIdFor {
  const clock = cityClock(timezone);
  return (id, createdAt) => `${prefix}-${clock.localDay(createdAt).slice(0, 4)}-${String(id).padStart(6, '0')}`;
}

export async function openStore(opts: StoreOptions): Promise<Store> {
  const conn = await connect(opts);
  return createStore(conn, opts);
}

export function createStore(conn: Connection, opts: Pick<StoreOptions, 'publicIdPrefix' | 'timezone'>): Store {
  const { db } = conn;
  const publicIdFor = publicIdFormatter(opts.publicIdPrefix, opts.timezone);
  return {
    kind: conn.kind,
    loadPack: (pack) => loadPack(db, pack),
    insertReports: (items) => insertReports(conn, items, publicIdFor),
    importHistory: (items) => importHistory(conn, items, publicIdFor),
    applyTransition: (id, decide) => applyTransition(conn, id, decide),
    getReport: (id, scope) => read.getReport(db, id, scope),
    getReportIdByPublicId: (publicId) => read.getReportIdByPublicId(db, publicId),
    getContact: (id) => read.getContact(db, id),
    listReports: (filter, page, scope) => read.listReports(db, filter, page, scope),
    listOpenReports: async (limit) => (await read.listReports(db, { status: [...OPEN_STATUS_LIST] }, { limit })).items,
    eventsOfReport: (id) => eventsOfReport(db, id),
    eventsAfter: (afterId, upToId, limit) => eventsAfter(db, afterId, upToId, limit),
    eventBounds: () => eventBounds(db),
    onEvents: (listener) => conn.onEvents(listener),
    ...snapshotReads(db, opts.timezone),
    snapshot: (read) => readSnapshot(db, (tx) => read(snapshotReads(tx, opts.timezone))),
    listCategories: () => db.select().from(categories).orderBy(asc(categories.code)),
    listAreas: (level) => db.select().from(areas).where(eq(areas.level, level)).orderBy(asc(areas.code)),
    countRows: () => read.countRows(db),
    flagOverdue: (now) => flagOverdue(conn, now),
    kpis: (w, f, scope) => kpis(db, w, f, scope),
    analyticsPage: (afterId, limit) => analyticsPage(db, afterId, limit),
    analyticsRowsByIds: (ids) => analyticsRowsByIds(db, ids),
    hotspotFlags: () => listHotspotFlags(db),
    syncHotspotFlags: (desired, asOf, at, parents) => syncHotspotFlags(conn, desired, asOf, at, parents),
    layers: createLayerStore(conn),
    close: () => conn.close(),
  };
}
