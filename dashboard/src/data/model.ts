import {
  type AreaCount,
  HANDLED_STATUSES,
  type HexCount,
  type KpiCounts,
  OPEN_STATUSES,
  REJECTED_STATUSES,
  type ReportSummary,
  type SeriesPoint,
  type StreamEvent,
} from './types';

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
  report: ReportSummary;
}

export interface PulseItem {
  id: number;
  lng: number;
  lat: number;
  at: number;
}

export interface Snapshot {
  kpis: KpiCounts;
  hexes: HexCount[];
  hexRes: number;
  areas: AreaCount[];
  series: SeriesPoint[];
  bucket: 'hour' | 'day';
  /** Start of the window, ms since epoch. */
  sinceMs: number;
  lastEventId: number;
}

export interface ModelFilter {
  /** Category codes that pass the group filter; null = all. */
  categories: ReadonlySet<string> | null;
  /** Statuses shown on the map and lists; null = all. */
  statuses: ReadonlySet<string> | null;
  /** A chief's area (district or commune code); null = the city. */
  area: string | null;
  level: 'district' | 'commune';
}

const hexKey = (r: ReportSummary, res: number): string | undefined =>
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
  lastEventId = 0;
  lastEventAtMs: number | null = null;
  eventsApplied = 0;

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
    this.lastEventId = Math.max(this.lastEventId, s.lastEventId);
  }

  /** Hexes at another resolution, without touching the rest. */
  replaceHexes(res: number, hexes: HexCount[]): void {
    this.hexRes = res;
    this.setHexes(hexes);
  }

  private setHexes(hexes: HexCount[]) {
    this.hexList = hexes.map((h) => ({ ...h }));
    this.hexes = new Map(this.hexList.map((h) => [h.cell, h]));
    this.hexVersion++;
  }

  private passes(r: ReportSummary): boolean {
    const f = this.filter;
    if (f.categories && !f.categories.has(r.category)) return false;
    if (f.area && r.districtCode !== f.area && r.communeCode !== f.area) return false;
    return true;
  }

  private shownOnMap(status: string): boolean {
    return !this.filter.statuses || this.filter.statuses.has(status);
  }

  private touch(
    r: ReportSummary,
    change: Partial<Record<'received' | 'open' | 'overdue', number>>,
    statusForMap: string,
  ) {
    const cell = hexKey(r, this.hexRes);
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
    const a = code ? this.areas.get(code) : undefined;
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

  /** Applies one event; returns false when it was already applied (ids only grow). */
  applyEvent(e: StreamEvent, nowMs: number): boolean {
    if (e.id <= this.lastEventId) return false;
    this.lastEventId = e.id;
    this.lastEventAtMs = nowMs;
    this.eventsApplied++;
    const r = e.report;
    if (!r || !e.type.startsWith('report.') || !this.passes(r)) return true;
    const atMs = Date.parse(e.at);
    const inWindow = Date.parse(r.createdAt) >= this.sinceMs;
    if (e.type === 'report.created') {
      this.kpis.received++;
      this.kpis.inProgress++;
      this.kpis.open++;
      this.touch(r, { received: 1, open: 1 }, r.status);
      const p = this.seriesPointFor(atMs);
      if (p) {
        p.received++;
        this.adjustFrom(p, 'backlog', 1);
      }
      this.pushTicker({ eventId: e.id, kind: 'new', at: atMs, report: r });
      if (r.lat !== undefined && r.lng !== undefined) this.pushPulse({ id: e.id, lng: r.lng, lat: r.lat, at: nowMs });
      return true;
    }
    if (e.type === 'report.overdue') {
      this.kpis.overdue++;
      this.touch(r, { overdue: 1 }, r.status);
      const p = this.seriesPointFor(atMs);
      if (p) this.adjustFrom(p, 'overdue', 1);
      this.pushTicker({ eventId: e.id, kind: 'overdue', at: atMs, report: r });
      return true;
    }
    const from = e.from;
    const to = e.to;
    if (!from || !to) return true;
    const wasOpen = OPEN_STATUSES.has(from);
    const isOpen = OPEN_STATUSES.has(to);
    const openDelta = (isOpen ? 1 : 0) - (wasOpen ? 1 : 0);
    const overdueDelta = e.wasOverdue ? -1 : 0;
    this.kpis.open = Math.max(0, this.kpis.open + openDelta);
    this.kpis.overdue = Math.max(0, this.kpis.overdue + overdueDelta);
    if (inWindow) {
      this.kpis.inProgress += openDelta;
      this.kpis.handled += (HANDLED_STATUSES.has(to) ? 1 : 0) - (HANDLED_STATUSES.has(from) ? 1 : 0);
      this.kpis.rejected += (REJECTED_STATUSES.has(to) ? 1 : 0) - (REJECTED_STATUSES.has(from) ? 1 : 0);
    }
    this.touch(r, { open: openDelta, overdue: overdueDelta }, to);
    const p = this.seriesPointFor(atMs);
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
