import { describe, expect, it } from 'vitest';
import type { OpsStreamEvent } from '../../../api/wire';
import type { ReportSummary, TransitionChange, TransitionEventType } from '../../../core/events';
import { DeskModel, PULSE_MS, type Snapshot, TICKER_MAX } from './model';

const T = Date.parse('2026-03-02T02:00:00Z');
const HOUR = 3_600_000;

function snapshot(): Snapshot {
  return {
    kpis: { received: 10, handled: 6, inProgress: 3, rejected: 1, open: 5, overdue: 1 },
    hexes: [{ cell: 'A8', received: 4, open: 2, overdue: 1 }],
    hexRes: 8,
    areas: [
      {
        code: '002',
        nameVi: 'Quận Hoàn Kiếm',
        nameEn: 'Hoan Kiem',
        parentCode: null,
        population: 135_618,
        areaKm2: 5.3,
        received: 4,
        open: 2,
        resolved: 2,
        overdue: 1,
        medianOpenAgeHours: 5,
      },
    ],
    series: [0, 1, 2].map((i) => ({
      t: new Date(T + (i - 2) * HOUR).toISOString(),
      received: 1,
      resolved: 0,
      backlog: 5,
      overdue: 0,
    })),
    bucket: 'hour',
    sinceMs: T - 24 * HOUR,
    asOf: { kpis: 100, hexes: 100, areas: 100, series: 100 },
  };
}

const report = (over: Partial<ReportSummary> = {}): ReportSummary => ({
  id: 1,
  publicId: 'HN-2026-000001',
  category: 'traffic_roads',
  severity: 'normal',
  status: 'received',
  title: 'Ổ gà',
  lat: 21.03,
  lng: 105.85,
  h3r6: 'A6',
  h3r7: 'A7',
  h3r8: 'A8',
  h3r9: 'A9',
  h3r10: 'A10',
  districtCode: '002',
  communeCode: '00070',
  agencyCode: null,
  createdAt: new Date(T).toISOString(),
  dueAt: null,
  pausedAt: null,
  reopenedCount: 0,
  ...over,
});

const AT = new Date(T + 10 * 60_000).toISOString();
const created = (id: number, over: Partial<ReportSummary> = {}, at = AT): OpsStreamEvent =>
  ({ id, type: 'report.created', at, report: report(over) }) as const;
const overdue = (id: number): OpsStreamEvent => ({ id, type: 'report.overdue', at: AT, dueAt: AT, report: report() });
const moved = (id: number, type: TransitionEventType, change: TransitionChange): OpsStreamEvent =>
  ({ id, type, at: AT, ...change, report: report({ status: change.to }) }) as OpsStreamEvent;

function model() {
  const m = new DeskModel({ categories: null, statuses: null, areas: null, level: 'district' });
  m.applySnapshot(snapshot());
  return m;
}

describe('DeskModel', () => {
  it('counts a new report everywhere it shows: KPIs, hex, area, chart, ticker, pulse', () => {
    const m = model();
    expect(m.applyEvent(created(101), T)).toBe(true);
    expect(m.kpis).toMatchObject({ received: 11, inProgress: 4, open: 6 });
    expect(m.hexes.get('A8')).toMatchObject({ received: 5, open: 3 });
    expect(m.areas.get('002')).toMatchObject({ received: 5, open: 3 });
    expect(m.series.at(-1)).toMatchObject({ received: 2, backlog: 6 });
    expect(m.ticker[0]).toMatchObject({ kind: 'new', eventId: 101 });
    expect(m.pulses).toHaveLength(1);
  });

  it('keeps the hex array for deck.gl unless a cell appears, and ticks its colour version', () => {
    const m = model();
    const list = m.hexList;
    const v = m.hexVersion;
    m.applyEvent(created(101), T);
    expect(m.hexList).toBe(list);
    expect(m.hexList[0]).toMatchObject({ cell: 'A8', received: 5 });
    expect(m.hexVersion).toBeGreaterThan(v);
    m.applyEvent(created(102, { h3r8: 'B8' }), T);
    expect(m.hexList).not.toBe(list);
    expect(m.hexList.map((h) => h.cell)).toEqual(['A8', 'B8']);
  });

  it('counts an event replayed on top of an older snapshot once, without a second ticker line', () => {
    const m = model();
    m.applyEvent(created(101), T);
    m.applySnapshot(snapshot()); // read before 101 committed
    m.applyEvent(created(101), T);
    expect(m.kpis.received).toBe(11);
    expect(m.ticker.filter((x) => x.eventId === 101)).toHaveLength(1);
    expect(m.pulses).toHaveLength(1);
  });

  it('applies an event only to the parts that are older than it: each part answers as of its own event', () => {
    const m = model();
    m.applySnapshot({ ...snapshot(), asOf: { kpis: 101, hexes: 100, areas: 102, series: 100 } });
    expect(m.oldestAsOf).toBe(100);
    m.applyEvent(created(101), T);
    m.applyEvent(created(102), T);
    expect(m.kpis.received).toBe(11); // 10 + event 102 (it already counted 101)
    expect(m.hexes.get('A8')!.received).toBe(6); // 4 + both
    expect(m.areas.get('002')!.received).toBe(4); // it already counted both
    expect(m.series.at(-1)!.received).toBe(3); // 1 + both
    expect(m.ticker.map((t) => t.eventId)).toEqual([102, 101]);
    expect(m.asOf).toEqual({ kpis: 102, hexes: 102, areas: 102, series: 102 });
  });

  it('ignores an event it has already applied (resume never double-counts)', () => {
    const m = model();
    m.applyEvent(created(101), T);
    expect(m.applyEvent(created(101), T)).toBe(false);
    expect(m.applyEvent(created(99), T)).toBe(false);
    expect(m.kpis.received).toBe(11);
  });

  it.each<[string, TransitionEventType, TransitionChange, object, object]>([
    [
      'resolve of an overdue report',
      'report.resolved',
      { from: 'in_progress', to: 'resolved', wasOverdue: true },
      { open: 4, overdue: 0, handled: 7, inProgress: 2 },
      { open: 1, overdue: 0 },
    ],
    [
      'reject',
      'report.rejected',
      { from: 'received', to: 'rejected' },
      { open: 4, rejected: 2, inProgress: 2 },
      { open: 1 },
    ],
    ['accept', 'report.accepted', { from: 'received', to: 'accepted' }, { open: 5, inProgress: 3 }, { open: 2 }],
    [
      'reopen',
      'report.reopened',
      { from: 'closed', to: 'reopened' },
      { open: 6, handled: 5, inProgress: 4 },
      { open: 3 },
    ],
  ])('moves the counts on %s', (_what, type, change, kpis, hex) => {
    const m = model();
    m.applyEvent(moved(101, type, change), T);
    expect(m.kpis).toMatchObject(kpis);
    expect(m.hexes.get('A8')).toMatchObject(hex);
  });

  it('adds a newly overdue report to the count and the ticker', () => {
    const m = model();
    m.applyEvent(overdue(101), T);
    expect(m.kpis.overdue).toBe(2);
    expect(m.hexes.get('A8')!.overdue).toBe(2);
    expect(m.ticker[0].kind).toBe('overdue');
    expect(m.series.at(-1)!.overdue).toBe(1);
    m.applyEvent(moved(102, 'report.accepted', { from: 'received', to: 'accepted', wasOverdue: true }), T);
    expect(m.series.at(-1)!.overdue).toBe(0);
    expect(m.kpis.overdue).toBe(1);
  });

  it('keeps to its area and category filters', () => {
    const m = new DeskModel({
      categories: new Set(['water_supply']),
      statuses: null,
      areas: new Set(['001', '00004']),
      level: 'district',
    });
    m.applySnapshot(snapshot());
    m.applyEvent(created(101), T);
    m.applyEvent(created(102, { category: 'water_supply', districtCode: '005', communeCode: '00120' }), T);
    expect(m.kpis.received).toBe(10);
    m.applyEvent(created(103, { category: 'water_supply', districtCode: '001' }), T);
    expect(m.kpis.received).toBe(11);
    // A report in one of the district's communes counts even when its point lies in another old district.
    m.applyEvent(created(104, { category: 'water_supply', districtCode: '005', communeCode: '00004' }), T);
    expect(m.kpis.received).toBe(12);
  });

  it('slides the chart forward without growing it', () => {
    const m = model();
    const later = T + 5 * HOUR;
    m.applyEvent(created(101, {}, new Date(later).toISOString()), later);
    expect(m.series).toHaveLength(3);
    expect(Date.parse(m.series.at(-1)!.t)).toBe(T + 5 * HOUR);
    expect(m.series.at(-1)!.received).toBe(1);
  });

  it('bounds the ticker and lets pulses fade', () => {
    const m = model();
    for (let i = 0; i < TICKER_MAX + 25; i++) m.applyEvent(created(101 + i), T + i);
    expect(m.ticker).toHaveLength(TICKER_MAX);
    expect(m.ticker[0].eventId).toBe(100 + TICKER_MAX + 25);
    m.prunePulses(T + PULSE_MS + 10);
    expect(m.pulses.length).toBeLessThan(TICKER_MAX + 25);
    m.prunePulses(T + 10 * PULSE_MS);
    expect(m.pulses).toHaveLength(0);
  });
});
