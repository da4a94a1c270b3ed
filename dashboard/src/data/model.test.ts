import { describe, expect, it } from 'vitest';
import { DeskModel, PULSE_MS, type Snapshot, TICKER_MAX } from './model';
import type { ReportSummary, StreamEvent } from './types';

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
    })),
    bucket: 'hour',
    sinceMs: T - 24 * HOUR,
    lastEventId: 100,
  };
}

const report = (over: Partial<ReportSummary> = {}): ReportSummary => ({
  id: 1,
  category: 'traffic_roads',
  severity: 'normal',
  status: 'received',
  lat: 21.03,
  lng: 105.85,
  h3r6: 'A6',
  h3r7: 'A7',
  h3r8: 'A8',
  h3r9: 'A9',
  h3r10: 'A10',
  districtCode: '002',
  communeCode: '00070',
  createdAt: new Date(T).toISOString(),
  ...over,
});

const ev = (id: number, type: string, extra: Partial<StreamEvent> = {}): StreamEvent => ({
  id,
  type,
  at: new Date(T + 10 * 60_000).toISOString(),
  report: report(),
  ...extra,
});

function model() {
  const m = new DeskModel({ categories: null, statuses: null, area: null, level: 'district' });
  m.applySnapshot(snapshot());
  return m;
}

describe('DeskModel', () => {
  it('counts a new report everywhere it shows: KPIs, hex, area, chart, ticker, pulse', () => {
    const m = model();
    expect(m.applyEvent(ev(101, 'report.created'), T)).toBe(true);
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
    m.applyEvent(ev(101, 'report.created'), T);
    expect(m.hexList).toBe(list);
    expect(m.hexList[0]).toMatchObject({ cell: 'A8', received: 5 });
    expect(m.hexVersion).toBeGreaterThan(v);
    m.applyEvent(ev(102, 'report.created', { report: report({ h3r8: 'B8' }) }), T);
    expect(m.hexList).not.toBe(list);
    expect(m.hexList.map((h) => h.cell)).toEqual(['A8', 'B8']);
  });

  it('counts an event replayed on top of an older snapshot once, without a second ticker line', () => {
    const m = model();
    m.applyEvent(ev(101, 'report.created'), T);
    m.applySnapshot({ ...snapshot(), lastEventId: 100 }); // read before 101 committed
    m.lastEventId = 100;
    m.applyEvent(ev(101, 'report.created'), T);
    expect(m.kpis.received).toBe(11);
    expect(m.ticker.filter((x) => x.eventId === 101)).toHaveLength(1);
    expect(m.pulses).toHaveLength(1);
  });

  it('ignores an event it has already applied (resume never double-counts)', () => {
    const m = model();
    m.applyEvent(ev(101, 'report.created'), T);
    expect(m.applyEvent(ev(101, 'report.created'), T)).toBe(false);
    expect(m.applyEvent(ev(99, 'report.created'), T)).toBe(false);
    expect(m.kpis.received).toBe(11);
  });

  it.each([
    [
      'resolve of an overdue report',
      { from: 'in_progress', to: 'resolved', wasOverdue: true },
      { open: 4, overdue: 0, handled: 7, inProgress: 2 },
      { open: 1, overdue: 0 },
    ],
    ['reject', { from: 'received', to: 'rejected' }, { open: 4, rejected: 2, inProgress: 2 }, { open: 1 }],
    ['accept', { from: 'received', to: 'accepted' }, { open: 5, inProgress: 3 }, { open: 2 }],
    ['reopen', { from: 'closed', to: 'reopened' }, { open: 6, handled: 5, inProgress: 4 }, { open: 3 }],
  ] as const)('moves the counts on %s', (_what, change, kpis, hex) => {
    const m = model();
    m.applyEvent(ev(101, 'report.changed', change as Partial<StreamEvent>), T);
    expect(m.kpis).toMatchObject(kpis);
    expect(m.hexes.get('A8')).toMatchObject(hex);
  });

  it('adds a newly overdue report to the count and the ticker', () => {
    const m = model();
    m.applyEvent(ev(101, 'report.overdue'), T);
    expect(m.kpis.overdue).toBe(2);
    expect(m.hexes.get('A8')!.overdue).toBe(2);
    expect(m.ticker[0].kind).toBe('overdue');
    expect(m.series.at(-1)!.overdue).toBe(1);
    m.applyEvent(ev(102, 'report.changed', { from: 'received', to: 'accepted', wasOverdue: true }), T);
    expect(m.series.at(-1)!.overdue).toBe(0);
    expect(m.kpis.overdue).toBe(1);
  });

  it('keeps to its area and category filters', () => {
    const m = new DeskModel({ categories: new Set(['water_supply']), statuses: null, area: '001', level: 'district' });
    m.applySnapshot(snapshot());
    m.applyEvent(ev(101, 'report.created'), T);
    m.applyEvent(ev(102, 'report.created', { report: report({ category: 'water_supply', districtCode: '005' }) }), T);
    expect(m.kpis.received).toBe(10);
    m.applyEvent(ev(103, 'report.created', { report: report({ category: 'water_supply', districtCode: '001' }) }), T);
    expect(m.kpis.received).toBe(11);
  });

  it('slides the chart forward without growing it', () => {
    const m = model();
    const later = T + 5 * HOUR;
    m.applyEvent(ev(101, 'report.created', { at: new Date(later).toISOString() }), later);
    expect(m.series).toHaveLength(3);
    expect(Date.parse(m.series.at(-1)!.t)).toBe(T + 5 * HOUR);
    expect(m.series.at(-1)!.received).toBe(1);
  });

  it('bounds the ticker and lets pulses fade', () => {
    const m = model();
    for (let i = 0; i < TICKER_MAX + 25; i++) m.applyEvent(ev(101 + i, 'report.created'), T + i);
    expect(m.ticker).toHaveLength(TICKER_MAX);
    expect(m.ticker[0].eventId).toBe(100 + TICKER_MAX + 25);
    m.prunePulses(T + PULSE_MS + 10);
    expect(m.pulses.length).toBeLessThan(TICKER_MAX + 25);
    m.prunePulses(T + 10 * PULSE_MS);
    expect(m.pulses).toHaveLength(0);
  });
});
