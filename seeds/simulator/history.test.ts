import { beforeAll, describe, expect, it } from 'vitest';
import { dueAtFor } from '../../api/domain/sla';
import { createWorkingClock, type WorkingClock } from '../../api/domain/workingCalendar';
import { loadCityPack } from '../packs';
import type { CityPack } from '../../core/cityPack';
import { generateHistory, historyChunks, summariseMix, type SimReport } from './history';
import type { DueAtFn } from './lifecycle';
import { createRng } from './random';

let pack: CityPack;
let clock: WorkingClock;
let dueAt: DueAtFn;

beforeAll(async () => {
  pack = await loadCityPack('hanoi');
  clock = createWorkingClock(pack.calendar);
  dueAt = (s) => dueAtFor(s, clock, pack.sla);
});

const DAY_MS = 86_400_000;
/**
 * Ends Tuesday 2026-03-31 17:00 local: an ordinary working month. (A window ending just after
 * Tết shows a much larger backlog — realistic, but not the published steady-state mix.)
 */
const TO = new Date('2026-03-31T10:00:00Z');
const FROM = new Date(TO.getTime() - 30 * DAY_MS);

describe('generateHistory', () => {
  it('30 days × 600/day lands in iHanoi’s published mix', () => {
    const reports = generateHistory({
      pack,
      from: FROM,
      to: TO,
      reportsPerDay: 600,
      rng: createRng(2026),
      clock,
      dueAt,
    });
    const mix = summariseMix(reports, TO, dueAt);
    console.info(
      `history: ${reports.length} reports; ` +
        `handled ${(100 * mix.share.handled).toFixed(1)}%, open ${(100 * mix.share.open).toFixed(1)}%, ` +
        `rejected ${(100 * mix.share.rejected).toFixed(1)}%, overdue ${(100 * mix.share.overdue).toFixed(2)}%`,
    );
    expect(Math.abs(reports.length - 18_000)).toBeLessThan(700);
    expect(mix.share.handled).toBeGreaterThanOrEqual(0.7);
    expect(mix.share.handled).toBeLessThanOrEqual(0.83);
    expect(mix.share.open).toBeGreaterThanOrEqual(0.05);
    expect(mix.share.open).toBeLessThanOrEqual(0.29);
    expect(mix.share.rejected).toBeGreaterThanOrEqual(0.04);
    expect(mix.share.rejected).toBeLessThanOrEqual(0.08);
    expect(mix.share.overdue).toBeGreaterThanOrEqual(0.005);
    expect(mix.share.overdue).toBeLessThanOrEqual(0.025);
  });

  it('splits each plan at the horizon and keeps reports in time order', () => {
    const reports = generateHistory({ pack, from: FROM, to: TO, reportsPerDay: 100, rng: createRng(1), clock, dueAt });
    let prev = FROM.getTime();
    for (const r of reports) {
      expect(r.createdAt.getTime()).toBeGreaterThanOrEqual(prev);
      expect(r.createdAt.getTime()).toBeLessThan(TO.getTime());
      prev = r.createdAt.getTime();
      for (const t of r.transitions) expect(t.at.getTime()).toBeLessThanOrEqual(TO.getTime());
      for (const t of r.pending) expect(t.at.getTime()).toBeGreaterThan(TO.getTime());
      expect(r.input.source).toBe('simulator');
      expect(r.severity).toBe(pack.categories.find((c) => c.code === r.input.category)!.severity);
    }
    // The newest reports are still open, with their future waiting in `pending`.
    expect(reports.slice(-20).some((r) => r.pending.length > 0)).toBe(true);
  });

  it('historyChunks streams the same reports in batches', () => {
    const opts = { pack, from: FROM, to: new Date(FROM.getTime() + 5 * DAY_MS), reportsPerDay: 600, clock, dueAt };
    const whole = generateHistory({ ...opts, rng: createRng(77) });
    const chunks = [...historyChunks({ ...opts, rng: createRng(77) }, 500)];
    expect(chunks.slice(0, -1).every((c) => c.length === 500)).toBe(true);
    expect(chunks.flat()).toEqual(whole);
  });
});

describe('summariseMix', () => {
  const at = (iso: string) => new Date(iso);
  const report = (
    createdAt: string,
    transitions: SimReport['transitions'],
    pending: SimReport['transitions'] = [],
  ): SimReport => ({
    input: { category: 'traffic_roads', lat: 21.03, lng: 105.85, title: 'x', description: 'y', source: 'simulator' },
    createdAt: at(createdAt),
    severity: 'normal',
    communeCode: '00070',
    transitions,
    pending,
  });

  it('replays transitions up to the instant and counts overdue with the injected rule', () => {
    const reports = [
      // Handled.
      report('2026-03-02T02:00:00Z', [
        { action: 'accept', at: at('2026-03-02T03:00:00Z') },
        { action: 'start', at: at('2026-03-02T04:00:00Z') },
        { action: 'resolve', at: at('2026-03-03T04:00:00Z') },
      ]),
      // Rejected.
      report('2026-03-02T02:00:00Z', [{ action: 'reject', at: at('2026-03-02T03:00:00Z') }]),
      // Accepted long ago, never resolved: overdue (normal = 40 working hours).
      report('2026-03-02T02:00:00Z', [{ action: 'accept', at: at('2026-03-02T03:00:00Z') }]),
      // Received just now: open, not overdue; resolves later (pending).
      report('2026-03-20T02:00:00Z', [], [{ action: 'accept', at: at('2026-03-20T05:00:00Z') }]),
      // Filed after the instant: not counted.
      report('2026-03-25T02:00:00Z', []),
    ];
    const mix = summariseMix(reports, at('2026-03-20T03:00:00Z'), dueAt);
    expect(mix.total).toBe(4);
    expect(mix.counts).toMatchObject({ resolved: 1, rejected: 1, accepted: 1, received: 1 });
    expect(mix.handled).toBe(1);
    expect(mix.open).toBe(2);
    expect(mix.overdue).toBe(1);
    expect(mix.share.rejected).toBe(0.25);
    // Without a due rule nothing is overdue.
    expect(summariseMix(reports, at('2026-03-20T03:00:00Z')).overdue).toBe(0);
    // Later, the pending acceptance has happened.
    expect(summariseMix(reports, at('2026-03-21T00:00:00Z'), dueAt).counts.accepted).toBe(2);
  });
});
