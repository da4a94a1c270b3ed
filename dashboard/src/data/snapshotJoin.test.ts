import { afterEach, describe, expect, it } from 'vitest';
import type { OpsStreamEvent } from '../../../api/wire';
import type { ReportStatus } from '../../../core/statuses';
import { type FetchJson, OPS_ENDPOINTS } from './api';
import { type Connection, FakeStream } from './fakeStream';
import { LiveApplier } from './liveApplier';
import { LiveFeed } from './liveFeed';
import { DeskModel, type ModelFilter, type Snapshot } from './model';
import { SnapshotLoader } from './snapshotLoader';
import type { SnapshotQuery } from './snapshotParts';

/**
 * The snapshot/replay join, end to end in memory: a fake city commits events, answers each
 * snapshot part as of the moment the test lets it answer (so the parts of one snapshot are
 * current to different events), and streams events to the page's LiveFeed in lumps, with drops.
 * Whatever the interleaving, the page must end where a fresh snapshot at the last event would.
 */

const T = Date.parse('2026-03-02T02:00:00Z');
const HOUR = 3_600_000;
const AT = new Date(T + 10 * 60_000).toISOString();
const FILTER: ModelFilter = { categories: null, statuses: null, areas: null, level: 'district' };
const QUERY: SnapshotQuery = {
  since: new Date(T - 24 * HOUR).toISOString(),
  res: 8,
  level: 'district',
  bucket: 'hour',
};

const area = (code: string) => ({
  code,
  nameVi: code,
  nameEn: code,
  parentCode: null,
  population: 100_000,
  areaKm2: 10,
  received: 0,
  open: 0,
  resolved: 0,
  overdue: 0,
  medianOpenAgeHours: null,
});

/** The city before the first event. */
const EMPTY: Snapshot = {
  kpis: { received: 0, handled: 0, inProgress: 0, rejected: 0, open: 0, overdue: 0 },
  hexes: [],
  hexRes: 8,
  areas: [area('001'), area('002')],
  series: [-2, -1, 0].map((i) => ({
    t: new Date(T + i * HOUR).toISOString(),
    received: 0,
    resolved: 0,
    backlog: 0,
    overdue: 0,
  })),
  bucket: 'hour',
  sinceMs: T - 24 * HOUR,
  asOf: { kpis: 0, hexes: 0, areas: 0, series: 0 },
};

/** Moves a report can make from each status, as the lifecycle allows them. */
const MOVES: Partial<Record<ReportStatus, Array<[OpsStreamEvent['type'], ReportStatus]>>> = {
  received: [
    ['report.accepted', 'accepted'],
    ['report.rejected', 'rejected'],
  ],
  accepted: [['report.started', 'in_progress']],
  in_progress: [['report.resolved', 'resolved']],
  resolved: [
    ['report.reopened', 'reopened'],
    ['report.closed', 'closed'],
  ],
  reopened: [['report.started', 'in_progress']],
};

/** mulberry32: small, seeded, and the same on every machine. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

class FakeCity {
  readonly log: OpsStreamEvent[] = [];
  private readonly reports: Array<{
    id: number;
    status: ReportStatus;
    cell: string;
    district: string;
    overdue: boolean;
  }> = [];

  constructor(private readonly rnd: () => number) {}

  get lastId(): number {
    return this.log.at(-1)?.id ?? 0;
  }

  /** One more event: a new report, a move, a report gone overdue, or an overlay's (which no count follows). */
  commit(): void {
    const id = this.lastId + 1 + (this.rnd() < 0.2 ? 1 : 0); // ids have gaps: other audiences' events
    const pick = <T>(xs: T[]) => xs[Math.floor(this.rnd() * xs.length)];
    const roll = this.rnd();
    const movable = this.reports.filter((r) => MOVES[r.status]);
    if (roll < 0.1) {
      this.log.push({ id, type: 'layer.updated', at: AT, layer: 'air', featureCount: 3 });
      return;
    }
    const open = this.reports.filter((r) => ['received', 'accepted', 'in_progress', 'reopened'].includes(r.status));
    if (roll < 0.2 && open.some((r) => !r.overdue)) {
      const r = pick(open.filter((x) => !x.overdue));
      r.overdue = true;
      this.log.push({ id, type: 'report.overdue', at: AT, dueAt: AT, report: this.summary(r) });
      return;
    }
    if (roll < 0.6 && movable.length) {
      const r = pick(movable);
      const [type, to] = pick(MOVES[r.status]!);
      const from = r.status;
      const wasOverdue = r.overdue && !['received', 'accepted', 'in_progress', 'reopened'].includes(to);
      r.status = to;
      if (wasOverdue) r.overdue = false;
      this.log.push({
        id,
        type,
        at: AT,
        from,
        to,
        ...(wasOverdue ? { wasOverdue: true } : {}),
        report: this.summary(r),
      } as OpsStreamEvent);
      return;
    }
    const r = {
      id: this.reports.length + 1,
      status: 'received' as const,
      cell: pick(['A8', 'B8', 'C8']),
      district: pick(['001', '002']),
      overdue: false,
    };
    this.reports.push(r);
    this.log.push({ id, type: 'report.created', at: AT, report: this.summary(r) });
  }

  private summary(r: FakeCity['reports'][number]) {
    return {
      id: r.id,
      publicId: `HN-${r.id}`,
      category: 'traffic_roads',
      severity: 'normal',
      status: r.status,
      title: `report ${r.id}`,
      lat: 21,
      lng: 105.8,
      h3r6: `${r.cell}6`,
      h3r7: `${r.cell}7`,
      h3r8: r.cell,
      h3r9: `${r.cell}9`,
      h3r10: `${r.cell}10`,
      districtCode: r.district,
      communeCode: null,
      agencyCode: null,
      createdAt: new Date(T).toISOString(),
      dueAt: null,
      pausedAt: null,
      reopenedCount: 0,
    };
  }

  /** The city as of `id`, computed independently of any join: the empty city plus every event up to it. */
  at(id: number): DeskModel {
    const m = new DeskModel(FILTER);
    m.applySnapshot(EMPTY);
    for (const e of this.log) if (e.id <= id) m.applyEvent(e, T);
    return m;
  }

  /** An endpoint's answer now: current to the last committed event, and saying so. */
  answer(url: string): unknown {
    const asOfEventId = this.lastId;
    const m = this.at(asOfEventId);
    const path = url.split('?')[0];
    const body =
      path === OPS_ENDPOINTS.hexes
        ? { res: 8, cells: m.hexList, asOfEventId }
        : path === OPS_ENDPOINTS.areas
          ? { items: [...m.areas.values()], asOfEventId }
          : path === OPS_ENDPOINTS.timeseries
            ? { points: m.series, asOfEventId }
            : path === OPS_ENDPOINTS.kpis
              ? { ...m.kpis, asOfEventId }
              : null;
    if (!body) throw new Error(`unexpected ${url}`);
    return JSON.parse(JSON.stringify(body));
  }
}

interface Pending {
  url: string;
  resolve(body: unknown): void;
}

/** A page (loader + applier + feed on one model) against a fake city; effects all injected. */
function page(seed: number) {
  const rnd = random(seed);
  const city = new FakeCity(rnd);
  const fake = new FakeStream();
  const pending: Pending[] = [];
  const get: FetchJson = <T>(url: string, signal?: AbortSignal) =>
    new Promise<T>((resolve, reject) => {
      if (signal?.aborted) return reject(new DOMException('aborted', 'AbortError'));
      const req: Pending = { url, resolve: (b) => resolve(b as T) };
      pending.push(req);
      signal?.addEventListener('abort', () => {
        pending.splice(pending.indexOf(req), 1);
        reject(new DOMException('aborted', 'AbortError'));
      });
      fake.wake();
    });
  const model = new DeskModel(FILTER);
  const feed = new LiveFeed(
    OPS_ENDPOINTS.stream,
    {
      onEvents(events) {
        applier.onEvents(events);
        fake.wake();
      },
      onReset(lastId) {
        applier.onReset(lastId);
      },
      onStatus: () => fake.wake(),
    },
    fake.effects,
  );
  const applier = new LiveApplier(model, feed, () => fake.nowMs);
  const loader = new SnapshotLoader({
    get,
    endpoints: OPS_ENDPOINTS,
    model,
    applier,
    currentRes: () => 8,
    changed: () => {},
  });
  /** What each connection has been sent so far. */
  const sent = new Map<Connection, number>();
  const stream = (n: number) => {
    const c = fake.current;
    if (!c) return;
    let cursor = sent.get(c) ?? c.lastEventId;
    for (const e of city.log.filter((x) => x.id > cursor).slice(0, n)) {
      c.event(e);
      cursor = e.id;
    }
    sent.set(c, cursor);
  };
  let unsettled = 0;
  const track = (p: Promise<boolean>) => {
    unsettled++;
    void p.finally(() => {
      unsettled--;
      fake.wake();
    });
  };
  const answerOne = (i: number) => {
    const [req] = pending.splice(i, 1);
    req.resolve(city.answer(req.url));
  };
  return { rnd, city, fake, pending, model, feed, loader, stream, track, answerOne, unsettled: () => unsettled };
}

/** Lets queued promise callbacks and stream reads run: a turn of the event loop, not a wait for time. */
const turn = () => new Promise<void>((r) => setImmediate(r));

let cleanup: (() => void) | null = null;
afterEach(() => cleanup?.());

describe('snapshot/replay join', () => {
  it.each(Array.from({ length: 24 }, (_, i) => i + 1))(
    'ends where a fresh snapshot at the last event would (seed %i)',
    async (seed) => {
      const p = page(seed);
      cleanup = () => {
        p.feed.stop();
        p.loader.stop();
      };
      for (let i = 0; i < 5; i++) p.city.commit();
      p.track(p.loader.load(QUERY, FILTER));
      for (let step = 0; step < 300; step++) {
        const r = p.rnd();
        if (r < 0.35) for (let k = Math.floor(p.rnd() * 3) + 1; k > 0; k--) p.city.commit();
        else if (r < 0.6) p.stream(Math.floor(p.rnd() * 6) + 1);
        else if (r < 0.85 && p.pending.length) p.answerOne(Math.floor(p.rnd() * p.pending.length));
        else if (r < 0.89) p.track(p.loader.load(QUERY, FILTER));
        else if (r < 0.93) p.track(p.loader.loadHexes(QUERY));
        else if (r < 0.96) p.fake.current?.fail();
        await turn();
      }
      // No more events: answer what is asked until every load has settled, then stream the rest.
      while (p.unsettled() > 0) {
        await p.fake.until(() => p.pending.length > 0 || p.unsettled() === 0);
        while (p.pending.length) p.answerOne(0);
      }
      expect(p.feed.started).toBe(true);
      const last = p.city.lastId;
      // Bounded: a join that loses an event would otherwise leave this waiting for it forever.
      for (let i = 0; i < 50 && p.model.oldestAsOf < last; i++) {
        await p.fake.until(() => p.fake.current !== undefined);
        p.stream(Infinity);
        await turn();
      }
      expect(p.model.asOf).toEqual({ kpis: last, hexes: last, areas: last, series: last });

      const want = p.city.at(last);
      const m = p.model;
      expect(m.kpis).toEqual(want.kpis);
      const cells = (x: DeskModel) => [...x.hexes.values()].sort((a, b) => a.cell.localeCompare(b.cell));
      expect(cells(m)).toEqual(cells(want));
      expect([...m.areas.values()]).toEqual([...want.areas.values()]);
      expect(m.series).toEqual(want.series);
      const ticked = m.ticker.map((t) => t.eventId);
      expect(new Set(ticked).size).toBe(ticked.length);
    },
  );
});
