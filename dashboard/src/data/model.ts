import type { AreaCount, HexCount, SeriesPoint } from '../../../api/wire';
import { HANDLED_STATUSES, OPEN_STATUSES, REJECTED_STATUSES } from '../../../core/statuses';
import type { KpiCounts } from './kpis';
import type { StreamEvent } from './liveFeed';

/** The report a stream event carries: the public fields always, the rest on the operations desk's stream. */
export type EventReport = Extract<StreamEvent, { report: unknown }>['report'] & Partial<ReportSummaryOps>;
type ReportSummaryOps = Extract<StreamEvent, { type: 'report.created' }>['report'];

/** The ticker keeps the newest few; a wall screen running for days must not grow. */
export const TICKER_MAX = 40;
/** Pulses fade over this long; older ones are dropped. */
export const PULSE_MS = 30_000;
/** At most this many pulses at once, whatever the event rate. */
export const PULSES_MAX = 400;

export interface TickerItem {
  eventId: number;
  kind: 'new' | 'overdue';
  at: number;
  report: EventReport;
}

export interface PulseItem {
  id: number;
  lng: number;
  lat: number;
  at: number;
}

/** The parts of a snapshot, each fetched on its own and so each current to its own event. */
export const SNAPSHOT_PARTS = ['kpis', 'hexes', 'areas', 'series'] as const;
export type SnapshotPart = (typeof SNAPSHOT_PARTS)[number];
/** Per part, the last event it reflects: the server's `asOfEventId`, then each event applied to it. */
export type PartsAsOf = Record<SnapshotPart, number>;

export interface Snapshot {
  kpis: KpiCounts;
  hexes: HexCount[];
  hexRes: number;
  areas: AreaCount[];
  series: SeriesPoint[];
  bucket: 'hour' | 'day';
  /** Start of the window, ms since epoch. */
  sinceMs: number;
  asOf: PartsAsOf;
}

export interface ModelFilter {
  /** Category codes that pass the group filter; null = all. */
  categories: ReadonlySet<string> | null;
  /** Statuses shown on the map and lists; null = all. */
  statuses: ReadonlySet<string> | null;
  /**
   * The area view's codes (core/areaScope.ts: a district and its communes, or one commune), matched
   * against a report's district or commune as the server scopes; null = the city.
   */
  areas: ReadonlySet<string> | null;
  level: 'district' | 'commune';
}

/** Which parts an event is news to; `live`: the ticker and pulses, which only events feed. */
type News = Record<SnapshotPart | 'live', boolean>;

const hexKey = (r: EventReport, res: number): string | undefined =>
  (r as unknown as Record<string, string | undefined>)[`h3r${res}`];

/**
 * What a desk screen shows, kept current by applying stream events to a snapshot: no refetch per
 * event. Plain data and pure methods, so it is tested without a browser; the view bumps a signal
 * after each batch.
 */
export class DeskModel {
  kpis: KpiCounts = { received: 0, handled: 0, inProgress: 0, rejected: 0, open: 0, overdue: 0 };
  hexes = new Map<string, HexCount>();
  /**
   * The same cells as an array whose reference changes only when cells come or go: deck.gl then
   * recomputes hexagon geometry only for a new cell, and a count change just recolours
   * (`hexVersion` is the colour trigger).
   */
  hexList: HexCount[] = [];
  hexVersion = 0;
  hexRes = 8;
  areas = new Map<string, AreaCount>();
  series: SeriesPoint[] = [];
  bucket: 'hour' | 'day' = 'hour';
  sinceMs = 0;
  /** Buckets in the window: the series slides, it never grows. */
  private seriesLength = 0;
  ticker: TickerItem[] = [];
  pulses: PulseItem[] = [];
  /**
   * The join rule: an event changes a part only if it is newer than what that part reflects, so a
   * part fetched after an event committed does not count it twice, and one fetched before does.
   */
  asOf: PartsAsOf = { kpis: 0, hexes: 0, areas: 0, series: 0 };
  /** The newest event the ticker and pulses have shown: they come from events only, never a snapshot. */
  liveAsOf = 0;

  constructor(public filter: ModelFilter) {}

  applySnapshot(s: Snapshot): void {
    this.kpis = { ...s.kpis };
    this.setHexes(s.hexes);
    this.hexRes = s.hexRes;
    this.areas = new Map(s.areas.map((a) => [a.code, { ...a }]));
    this.series = s.series.map((p) => ({ ...p }));
    this.seriesLength = Math.max(1, s.series.length);
    this.bucket = s.bucket;
    this.sinceMs = s.sinceMs;
    this.asOf = { ...s.asOf };
  }

  /** Hexes at another resolution, without touching the rest. */
  replaceHexes(res: number, hexes: HexCount[], asOfEventId: number): void {
    this.hexRes = res;
    this.setHexes(hexes);
    this.asOf.hexes = asOfEventId;
  }

  /** The oldest part's event: replaying from after it brings every part up to date. */
  get oldestAsOf(): number {
    return Math.min(...SNAPSHOT_PARTS.map((p) => this.asOf[p]));
  }

  /** Whether `id` is news to part `p`; if so the part now reflects it. */
  private take(p: SnapshotPart, id: number): boolean {
    if (id <= this.asOf[p]) return false;
    this.asOf[p] = id;
    return true;
  }

  private setHexes(hexes: HexCount[]) {
    this.hexList = hexes.map((h) => ({ ...h }));
    this.hexes = new Map(this.hexList.map((h) => [h.cell, h]));
    this.hexVersion++;
  }

  private passes(r: EventReport): boolean {
    const f = this.filter;
    if (f.categories && !f.categories.has(r.category)) return false;
    if (f.areas && !(r.districtCode && f.areas.has(r.districtCode)) && !(r.communeCode && f.areas.has(r.communeCode)))
      return false;
    return true;
  }

  private shownOnMap(status: string): boolean {
    return !this.filter.statuses || this.filter.statuses.has(status);
  }

  private touch(
    news: News,
    r: EventReport,
    change: Partial<Record<'received' | 'open' | 'overdue', number>>,
    statusForMap: string,
  ) {
    const cell = news.hexes ? hexKey(r, this.hexRes) : undefined;
    if (cell && this.shownOnMap(statusForMap)) {
      let h = this.hexes.get(cell);
      if (!h) {
        h = { cell, received: 0, open: 0, overdue: 0 };
        this.hexes.set(cell, h);
        this.hexList = [...this.hexList, h];
      }
      h.received += change.received ?? 0;
      h.open = Math.max(0, h.open + (change.open ?? 0));
      h.overdue = Math.max(0, h.overdue + (change.overdue ?? 0));
      this.hexVersion++;
    }
    const code = this.filter.level === 'district' ? r.districtCode : r.communeCode;
    const a = news.areas && code ? this.areas.get(code) : undefined;
    if (a) {
      a.received += change.received ?? 0;
      a.open = Math.max(0, a.open + (change.open ?? 0));
      a.overdue = Math.max(0, a.overdue + (change.overdue ?? 0));
    }
  }

  private seriesPointFor(atMs: number): SeriesPoint | null {
    const pts = this.series;
    if (pts.length === 0) return null;
    const stepMs = (this.bucket === 'hour' ? 1 : 24) * 3_600_000;
    const last = pts[pts.length - 1];
    let lastStart = Date.parse(last.t);
    // Extend the series as time moves on; the window slides by dropping the oldest.
    while (atMs >= lastStart + stepMs) {
      lastStart += stepMs;
      const prev = pts[pts.length - 1];
      pts.push({
        t: new Date(lastStart).toISOString(),
        received: 0,
        resolved: 0,
        backlog: prev.backlog,
        overdue: prev.overdue ?? 0,
      });
      if (pts.length > this.seriesLength) pts.shift();
    }
    for (let i = pts.length - 1; i >= 0; i--) if (Date.parse(pts[i].t) <= atMs) return pts[i];
    return null;
  }

  private adjustFrom(point: SeriesPoint, key: 'backlog' | 'overdue', delta: number) {
    const i = this.series.indexOf(point);
    for (let j = i; j < this.series.length; j++) this.series[j][key] = Math.max(0, (this.series[j][key] ?? 0) + delta);
  }

  /**
   * Applies one event to every part that has not yet seen it (the join rule); returns false when
   * no part had to (a resume or a replay brought it again).
   */
  applyEvent(e: StreamEvent, nowMs: number): boolean {
    const news: News = {
      kpis: this.take('kpis', e.id),
      hexes: this.take('hexes', e.id),
      areas: this.take('areas', e.id),
      series: this.take('series', e.id),
      live: e.id > this.liveAsOf,
    };
    this.liveAsOf = Math.max(this.liveAsOf, e.id);
    if (!news.kpis && !news.hexes && !news.areas && !news.series && !news.live) return false;
    if (!('report' in e) || !this.passes(e.report)) return true;
    const r: EventReport = e.report;
    const atMs = Date.parse(e.at);
    const inWindow = Date.parse(r.createdAt) >= this.sinceMs;
    const k = this.kpis;
    const p = news.series ? this.seriesPointFor(atMs) : null;
    if (e.type === 'report.created') {
      if (news.kpis) {
        k.received++;
        k.inProgress++;
        k.open++;
      }
      this.touch(news, r, { received: 1, open: 1 }, r.status);
      if (p) {
        p.received++;
        this.adjustFrom(p, 'backlog', 1);
      }
      if (news.live) {
        this.pushTicker({ eventId: e.id, kind: 'new', at: atMs, report: r });
        if (r.lat !== undefined && r.lng !== undefined) this.pushPulse({ id: e.id, lng: r.lng, lat: r.lat, at: nowMs });
      }
      return true;
    }
    if (e.type === 'report.overdue') {
      if (news.kpis) k.overdue++;
      this.touch(news, r, { overdue: 1 }, r.status);
      if (p) this.adjustFrom(p, 'overdue', 1);
      if (news.live) this.pushTicker({ eventId: e.id, kind: 'overdue', at: atMs, report: r });
      return true;
    }
    const from = 'from' in e ? e.from : undefined;
    const to = 'to' in e ? e.to : undefined;
    if (!from || !to) return true;
    const openDelta = (OPEN_STATUSES.has(to) ? 1 : 0) - (OPEN_STATUSES.has(from) ? 1 : 0);
    const overdueDelta = 'wasOverdue' in e && e.wasOverdue ? -1 : 0;
    if (news.kpis) {
      k.open = Math.max(0, k.open + openDelta);
      k.overdue = Math.max(0, k.overdue + overdueDelta);
      if (inWindow) {
        k.inProgress += openDelta;
        k.handled += (HANDLED_STATUSES.has(to) ? 1 : 0) - (HANDLED_STATUSES.has(from) ? 1 : 0);
        k.rejected += (REJECTED_STATUSES.has(to) ? 1 : 0) - (REJECTED_STATUSES.has(from) ? 1 : 0);
      }
    }
    this.touch(news, r, { open: openDelta, overdue: overdueDelta }, to);
    if (p) {
      if (to === 'resolved') p.resolved++;
      if (openDelta) this.adjustFrom(p, 'backlog', openDelta);
      if (overdueDelta) this.adjustFrom(p, 'overdue', overdueDelta);
    }
    return true;
  }

  private pushTicker(item: TickerItem) {
    // A replay on top of a fresh snapshot brings the same event again.
    if (this.ticker.some((t) => t.eventId === item.eventId)) return;
    this.ticker.unshift(item);
    if (this.ticker.length > TICKER_MAX) this.ticker.length = TICKER_MAX;
  }

  private pushPulse(p: PulseItem) {
    if (this.pulses.some((q) => q.id === p.id)) return;
    this.pulses.push(p);
    if (this.pulses.length > PULSES_MAX) this.pulses.splice(0, this.pulses.length - PULSES_MAX);
  }

  /** Drops faded pulses; call from the animation loop. */
  prunePulses(nowMs: number): void {
    const keepFrom = this.pulses.findIndex((p) => nowMs - p.at < PULSE_MS);
    if (keepFrom === -1) this.pulses = [];
    else if (keepFrom > 0) this.pulses.splice(0, keepFrom);
  }
}
