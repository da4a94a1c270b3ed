import { describe, expect, it } from 'vitest';
import type { AnalyticsRow } from '../../db/queries/analyticsRows';
import type { EventRow } from '../../db/types';
import { ReportMirror } from './reportMirror';

const row = (id: number, status = 'received'): AnalyticsRow => ({
  id,
  status,
  category: 'traffic_roads',
  districtCode: '002',
  communeCode: '00070',
  agencyCode: 'SXD',
  h3r8: '88415c0a1bfffff',
  createdMs: 1_000 * id,
  acceptedMs: null,
  resolvedMs: null,
  closedMs: null,
  endedMs: null,
  dueMs: null,
  overdue: false,
  rating: null,
  reopenedCount: 0,
  resolvedOnTime: null,
  acceptWorkingHours: null,
  resolveWorkingHours: null,
  awayMs: null,
});

/** A database of rows and a log of events, driven by hand. */
function fakes(rows: AnalyticsRow[]) {
  const table = new Map(rows.map((r) => [r.id, r]));
  let listener: ((rows: EventRow[]) => void) | null = null;
  let position = 0;
  let logEnd = 0;
  const reads: number[][] = [];
  let failNext = false;
  const source = {
    analyticsPage: async (after: number, limit: number) =>
      [...table.values()].filter((r) => r.id > after).slice(0, limit),
    analyticsRowsByIds: async (ids: number[]) => {
      reads.push(ids);
      if (failNext) {
        failNext = false;
        throw new Error('connection lost');
      }
      return ids.flatMap((id) => (table.has(id) ? [table.get(id)!] : []));
    },
    eventBounds: async () => ({ minId: 1, maxId: logEnd }),
  };
  const feed = {
    onBatch: (l: (rows: EventRow[]) => void) => {
      listener = l;
      return () => void (listener = null);
    },
    catchUp: async (id: number) => {
      // The hub reads up to id and hands the batch to its listeners.
      const events = Array.from({ length: id - position }, (_, i) => pending[i]!);
      pending.splice(0, events.length);
      position = id;
      if (events.length) listener?.(events);
    },
    get position() {
      return position;
    },
  };
  const pending: EventRow[] = [];
  const write = (r: AnalyticsRow) => {
    table.set(r.id, r);
    logEnd++;
    pending.push({
      id: logEnd,
      at: new Date(),
      type: 'report.x',
      reportId: r.id,
      districtCode: null,
      communeCode: null,
      payload: {},
    });
  };
  /** An import's batch: its rows, and one event naming their id range (no report id). */
  const importBatch = (batch: AnalyticsRow[]) => {
    for (const r of batch) table.set(r.id, r);
    logEnd++;
    pending.push({
      id: logEnd,
      at: new Date(),
      type: 'reports.imported',
      reportId: null,
      districtCode: null,
      communeCode: null,
      payload: { firstId: batch[0]!.id, lastId: batch.at(-1)!.id },
    });
  };
  /** A row committed by another writer whose event the mirror has not heard yet. */
  const sneak = (r: AnalyticsRow) => void table.set(r.id, r);
  return { source, feed, write, importBatch, sneak, reads, fail: () => (failNext = true) };
}

describe('ReportMirror', () => {
  it('loads every report in pages, then sees its own writes after sync()', async () => {
    const f = fakes([row(1), row(2), row(3)]);
    const mirror = new ReportMirror(f.source, f.feed, { pageRows: 2, refreshMs: 60_000 });
    await mirror.start();
    expect(mirror.cols.size).toBe(3);
    f.write(row(2, 'accepted'));
    f.write(row(4));
    await mirror.sync();
    expect(mirror.cols.size).toBe(4);
    expect(mirror.cols.status[1]).toBe(1); // accepted
    expect(mirror.appliedEventId).toBe(2);
    // One read for both reports the batch named.
    expect(f.reads).toEqual([[2, 4]]);
    await mirror.stop();
  });

  it('keeps the reports of a failed re-read for the next one', async () => {
    const f = fakes([row(1)]);
    const mirror = new ReportMirror(f.source, f.feed, { refreshMs: 60_000 });
    await mirror.start();
    f.write(row(1, 'rejected'));
    f.fail();
    await expect(mirror.sync()).rejects.toThrow('connection lost');
    expect(mirror.appliedEventId).toBe(0);
    await mirror.sync();
    expect(mirror.cols.status[0]).toBe(5); // rejected
    expect(mirror.appliedEventId).toBe(1);
    await mirror.stop();
  });

  it('re-reads an imported batch by the id range its one event names, page by page', async () => {
    const f = fakes([row(1)]);
    const mirror = new ReportMirror(f.source, f.feed, { pageRows: 2, refreshMs: 60_000 });
    await mirror.start();
    f.importBatch([row(2), row(3), row(4), row(5, 'closed'), row(6)]);
    // Past the batch's last id: not the import's, and its own event will name it.
    f.sneak(row(7));
    await mirror.sync();
    expect(mirror.cols.size).toBe(6);
    expect(mirror.appliedEventId).toBe(1);
    // No re-read by ids: the event named no report.
    expect(f.reads).toEqual([]);
    await mirror.stop();
  });
});
