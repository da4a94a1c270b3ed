import { describe, expect, it } from 'vitest';
import type { OpsStreamEvent } from '../../../api/wire';
import { type FeedControl, LiveApplier, RECENT_EVENTS_MAX } from './liveApplier';
import { DeskModel, type PartsAsOf, type Snapshot } from './model';

const T = Date.parse('2026-03-02T02:00:00Z');
const AT = new Date(T + 60_000).toISOString();

const created = (id: number): OpsStreamEvent => ({
  id,
  type: 'report.created',
  at: AT,
  report: {
    id,
    publicId: `HN-${id}`,
    category: 'traffic_roads',
    severity: 'normal',
    status: 'received',
    title: 't',
    lat: 21,
    lng: 105.8,
    h3r6: 'A6',
    h3r7: 'A7',
    h3r8: 'A8',
    h3r9: 'A9',
    h3r10: 'A10',
    districtCode: '001',
    communeCode: null,
    agencyCode: null,
    createdAt: new Date(T).toISOString(),
    dueAt: null,
    pausedAt: null,
    reopenedCount: 0,
  },
});

/** A snapshot in which every part has counted `received` reports, as of its own event. */
const snapshot = (received: PartsAsOf, asOf: PartsAsOf): Snapshot => ({
  kpis: {
    received: received.kpis,
    handled: 0,
    inProgress: received.kpis,
    rejected: 0,
    open: received.kpis,
    overdue: 0,
  },
  hexes: [{ cell: 'A8', received: received.hexes, open: received.hexes, overdue: 0 }],
  hexRes: 8,
  areas: [
    {
      code: '001',
      nameVi: '001',
      nameEn: '001',
      parentCode: null,
      population: null,
      areaKm2: null,
      received: received.areas,
      open: received.areas,
      resolved: 0,
      overdue: 0,
      medianOpenAgeHours: null,
    },
  ],
  series: [
    { t: new Date(T).toISOString(), received: received.series, resolved: 0, backlog: received.series, overdue: 0 },
  ],
  bucket: 'hour',
  sinceMs: T - 86_400_000,
  asOf,
});

/** Every part's count of received reports. */
const counts = (m: DeskModel): PartsAsOf => ({
  kpis: m.kpis.received,
  hexes: m.hexes.get('A8')!.received,
  areas: m.areas.get('001')!.received,
  series: m.series[0].received,
});

/** The stream as the applier sees it: a record of what it was asked to do. */
function feedControl() {
  const calls: string[] = [];
  let started = false;
  const feed: FeedControl = {
    get started() {
      return started;
    },
    start(afterId) {
      started = true;
      calls.push(`start ${afterId}`);
    },
    rewindTo(id) {
      calls.push(`rewind ${id}`);
    },
  };
  return Object.assign(feed, { calls });
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => created(from + i));

describe('LiveApplier', () => {
  it('starts the stream after the oldest part of the first snapshot', () => {
    const model = new DeskModel({ categories: null, statuses: null, areas: null, level: 'district' });
    const feed = feedControl();
    const applier = new LiveApplier(model, feed, () => T);
    // Each report id is its event id: a part as of event n has counted n reports.
    model.applySnapshot(
      snapshot({ kpis: 12, hexes: 10, areas: 11, series: 12 }, { kpis: 12, hexes: 10, areas: 11, series: 12 }),
    );
    applier.joinSnapshot();
    expect(feed.calls).toEqual(['start 10']);
    applier.onEvents(range(11, 13));
    expect(counts(model)).toEqual({ kpis: 13, hexes: 13, areas: 13, series: 13 });
  });

  it('replays to a later snapshot the delivered events each of its parts misses', () => {
    const model = new DeskModel({ categories: null, statuses: null, areas: null, level: 'district' });
    const feed = feedControl();
    const applier = new LiveApplier(model, feed, () => T);
    model.applySnapshot(
      snapshot({ kpis: 10, hexes: 10, areas: 10, series: 10 }, { kpis: 10, hexes: 10, areas: 10, series: 10 }),
    );
    applier.joinSnapshot();
    applier.onEvents(range(11, 15));
    // A refresh answered part by part while 11–15 were streaming in.
    model.applySnapshot(
      snapshot({ kpis: 13, hexes: 12, areas: 15, series: 11 }, { kpis: 13, hexes: 12, areas: 15, series: 11 }),
    );
    applier.joinSnapshot();
    expect(feed.calls).toEqual(['start 10']);
    expect(counts(model)).toEqual({ kpis: 15, hexes: 15, areas: 15, series: 15 });
    expect(model.ticker.map((t) => t.eventId)).toEqual([15, 14, 13, 12, 11]);
  });

  it('takes the stream back when a part is older than what the buffer holds (after a reset)', () => {
    const model = new DeskModel({ categories: null, statuses: null, areas: null, level: 'district' });
    const feed = feedControl();
    const applier = new LiveApplier(model, feed, () => T);
    model.applySnapshot(
      snapshot({ kpis: 10, hexes: 10, areas: 10, series: 10 }, { kpis: 10, hexes: 10, areas: 10, series: 10 }),
    );
    applier.joinSnapshot();
    applier.onReset(50);
    applier.onEvents(range(51, 52));
    model.applySnapshot(
      snapshot({ kpis: 45, hexes: 48, areas: 45, series: 45 }, { kpis: 45, hexes: 48, areas: 45, series: 45 }),
    );
    applier.joinSnapshot();
    expect(feed.calls).toEqual(['start 10', 'rewind 45']);
    // The stream brings 46 onwards again; each part counts each event once.
    applier.onEvents(range(46, 53));
    expect(counts(model)).toEqual({ kpis: 53, hexes: 53, areas: 53, series: 53 });
  });

  it('keeps a bounded buffer, and goes back for what fell out of it', () => {
    const model = new DeskModel({ categories: null, statuses: null, areas: null, level: 'district' });
    const feed = feedControl();
    const applier = new LiveApplier(model, feed, () => T);
    model.applySnapshot(
      snapshot({ kpis: 0, hexes: 0, areas: 0, series: 0 }, { kpis: 0, hexes: 0, areas: 0, series: 0 }),
    );
    applier.joinSnapshot();
    const n = RECENT_EVENTS_MAX + 10;
    applier.onEvents(range(1, n));
    const kept = { kpis: 20, hexes: 20, areas: 20, series: 20 };
    model.applySnapshot(snapshot(kept, kept));
    applier.joinSnapshot();
    expect(feed.calls).toEqual(['start 0']);
    expect(counts(model).kpis).toBe(n);
    model.applySnapshot(snapshot({ ...kept, hexes: 5 }, { ...kept, hexes: 5 }));
    applier.joinSnapshot();
    expect(feed.calls).toEqual(['start 0', 'rewind 5']);
  });

  it("asks for a new snapshot after an import's batch, which names a range of reports and not each one", () => {
    const model = new DeskModel({ categories: null, statuses: null, areas: null, level: 'district' });
    const applier = new LiveApplier(model, feedControl(), () => T);
    model.applySnapshot(
      snapshot({ kpis: 10, hexes: 10, areas: 10, series: 10 }, { kpis: 10, hexes: 10, areas: 10, series: 10 }),
    );
    applier.joinSnapshot();
    expect(applier.onEvents(range(11, 12))).toBe(false);
    const imported: OpsStreamEvent = {
      id: 13,
      type: 'reports.imported',
      at: AT,
      source: 'nyc311',
      file: 'a.csv',
      added: 2,
      firstId: 100,
      lastId: 101,
      createdFrom: AT,
      createdUntil: AT,
      areas: ['101', '1'],
      agencies: ['NYPD'],
    };
    expect(applier.onEvents([imported])).toBe(true);
    expect(counts(model)).toEqual({ kpis: 12, hexes: 12, areas: 12, series: 12 });
  });
});
