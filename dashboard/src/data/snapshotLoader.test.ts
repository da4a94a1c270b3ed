import { describe, expect, it } from 'vitest';
import { type FetchJson, OPS_ENDPOINTS, PUBLIC_ENDPOINTS } from './api';
import { type FeedControl, LiveApplier } from './liveApplier';
import { DeskModel, type ModelFilter } from './model';
import { SnapshotLoader } from './snapshotLoader';
import type { SnapshotQuery } from './snapshotParts';

const FILTER: ModelFilter = { categories: null, statuses: null, areas: null, level: 'district' };
const QUERY: SnapshotQuery = { since: '2026-03-01T02:00:00.000Z', res: 8, level: 'district', bucket: 'hour' };

interface Request {
  url: string;
  path: string;
  aborted: boolean;
  answer(body: unknown): void;
}

/** A server that answers only when the test says so; every request and abort is on record. */
function server() {
  const requests: Request[] = [];
  const waiters: Array<() => void> = [];
  const get: FetchJson = <T>(url: string, signal?: AbortSignal) =>
    new Promise<T>((resolve, reject) => {
      const req: Request = { url, path: url.split('?')[0], aborted: false, answer: (b) => resolve(b as T) };
      if (signal?.aborted) return reject(new DOMException('aborted', 'AbortError'));
      requests.push(req);
      signal?.addEventListener('abort', () => {
        req.aborted = true;
        reject(new DOMException('aborted', 'AbortError'));
      });
      for (const w of waiters.splice(0)) w();
    });
  const asked = (path: string) => requests.filter((r) => r.path === path && !r.aborted);
  /** Resolves once `n` live requests for `path` have been made. */
  const request = (path: string, n = 1) =>
    new Promise<Request>((resolve) => {
      const check = () => {
        if (asked(path).length >= n) resolve(asked(path)[n - 1]);
        else waiters.push(check);
      };
      check();
    });
  return { get, requests, asked, request };
}

function loader(get: FetchJson, endpoints = OPS_ENDPOINTS) {
  const model = new DeskModel(FILTER);
  const feed: FeedControl = { started: false, start() {}, rewindTo() {} };
  const applier = new LiveApplier(model, feed, () => 0);
  let changes = 0;
  const l = new SnapshotLoader({ get, endpoints, model, applier, currentRes: () => 8, changed: () => changes++ });
  return { l, model, changes: () => changes };
}

const cells = (n: number) => ({ res: 8, cells: [{ cell: 'A8', received: n, open: n, overdue: 0 }], asOfEventId: n });
const emptyParts = (asOfEventId: number) => ({
  areas: { items: [], asOfEventId },
  series: { points: [], asOfEventId },
  kpis: { received: 0, handled: 0, inProgress: 0, rejected: 0, open: 0, overdue: 0, asOfEventId },
});

describe('SnapshotLoader', () => {
  it('asks for the hexes and KPIs at once, the month-long aggregates only once the hexes have answered', async () => {
    const s = server();
    const { l, model, changes } = loader(s.get);
    const done = l.load(QUERY, FILTER);
    const hexes = await s.request('/api/hexes');
    const kpis = await s.request('/api/kpis');
    expect(s.asked('/api/areas')).toHaveLength(0);
    expect(s.asked('/api/timeseries')).toHaveLength(0);
    hexes.answer(cells(7));
    const parts = emptyParts(9);
    (await s.request('/api/areas')).answer(parts.areas);
    // Drawn before the rest is in: the map is what people look at first.
    expect(model.hexes.get('A8')?.received).toBe(7);
    expect(changes()).toBe(1);
    (await s.request('/api/timeseries')).answer(parts.series);
    kpis.answer(parts.kpis);
    expect(await done).toBe(true);
    expect(model.asOf).toEqual({ kpis: 9, hexes: 7, areas: 9, series: 9 });
  });

  it('a newer load aborts the one in flight: the old filter’s answers never land', async () => {
    const s = server();
    const { l, model } = loader(s.get);
    const old = l.load({ ...QUERY, category: 'water_supply' }, { ...FILTER, categories: new Set(['water_supply']) });
    const oldHexes = await s.request('/api/hexes');
    const fresh = l.load(QUERY, FILTER);
    expect(oldHexes.aborted).toBe(true);
    expect(await old).toBe(false);
    oldHexes.answer(cells(99)); // too late: a server that ignored the abort
    (await s.request('/api/hexes')).answer(cells(3));
    const parts = emptyParts(3);
    (await s.request('/api/areas')).answer(parts.areas);
    (await s.request('/api/timeseries')).answer(parts.series);
    (await s.request('/api/kpis')).answer(parts.kpis);
    expect(await fresh).toBe(true);
    expect(model.hexes.get('A8')?.received).toBe(3);
    expect(model.filter.categories).toBeNull();
  });

  it('a whole load aborts a zoom’s hexes in flight, which were asked for under the old filter', async () => {
    const s = server();
    const { l } = loader(s.get);
    const zoom = l.loadHexes(QUERY);
    const zoomHexes = await s.request('/api/hexes');
    void l.load(QUERY, FILTER);
    expect(zoomHexes.aborted).toBe(true);
    expect(await zoom).toBe(false);
  });

  it('reads the public endpoints’ rows, which withhold per-cell and per-area overdue, as none overdue', async () => {
    const s = server();
    const { l, model } = loader(s.get, PUBLIC_ENDPOINTS);
    const done = l.load(QUERY, FILTER);
    (await s.request('/api/public/hexes')).answer({
      minReportsPerCell: 3,
      res: 8,
      cells: [{ cell: 'A8', received: 5, handled: 2, open: 3 }],
      asOfEventId: 4,
    });
    (await s.request('/api/public/areas')).answer({
      items: [{ code: '001', nameVi: 'Một', nameEn: 'One', received: 5, handled: 2, open: 3 }],
      asOfEventId: 4,
    });
    (await s.request('/api/public/timeseries')).answer({ points: [], asOfEventId: 4 });
    (await s.request('/api/public/kpis')).answer({
      received: 10,
      handledPct: 50,
      inProgressPct: 40,
      rejectedPct: 10,
      overdue: 1,
      overduePct: 25,
      asOfEventId: 4,
    });
    expect(await done).toBe(true);
    expect(model.hexes.get('A8')).toEqual({ cell: 'A8', received: 5, open: 3, overdue: 0 });
    expect(model.areas.get('001')).toMatchObject({ received: 5, open: 3, resolved: 2, overdue: 0, population: null });
    expect(model.kpis).toEqual({ received: 10, handled: 5, inProgress: 4, rejected: 1, open: 4, overdue: 1 });
  });
});
