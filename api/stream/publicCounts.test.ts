import { describe, expect, it } from 'vitest';
import type { PublicCountsMessage } from '../../core/events';
import type { WindowCountRow } from '../../db/queries/publicWindowCounts';
import { latestPublicWindow, publicCounts, publicCutoff, snapToPublicGrid } from './publicCounts';

const AREAS = [
  { code: 'D1', level: 'district' as const, parentCode: null },
  { code: 'D2', level: 'district' as const, parentCode: null },
  { code: 'C1a', level: 'commune' as const, parentCode: 'D1' },
  { code: 'C1b', level: 'commune' as const, parentCode: 'D1' },
  { code: 'C1c', level: 'commune' as const, parentCode: 'D1' },
  { code: 'C2a', level: 'commune' as const, parentCode: 'D2' },
  { code: 'C2b', level: 'commune' as const, parentCode: 'D2' },
];
const SPAN = { since: new Date('2026-03-02T01:40:00Z'), until: new Date('2026-03-02T01:45:00Z') };

const row = (communeCode: string | null, received: number, resolved = 0, districtCode?: string): WindowCountRow => ({
  districtCode: districtCode ?? (communeCode ? `D${communeCode[1]}` : null),
  communeCode,
  received,
  resolved,
});

describe('the public window', () => {
  it.each([
    // now, delay → the newest public window [since, until)
    ['2026-03-02T02:00:00.000Z', 15, '2026-03-02T01:40:00.000Z', '2026-03-02T01:45:00.000Z'],
    ['2026-03-02T02:04:59.999Z', 15, '2026-03-02T01:40:00.000Z', '2026-03-02T01:45:00.000Z'],
    ['2026-03-02T02:05:00.000Z', 15, '2026-03-02T01:45:00.000Z', '2026-03-02T01:50:00.000Z'],
    ['2026-03-02T02:00:00.000Z', 0, '2026-03-02T01:55:00.000Z', '2026-03-02T02:00:00.000Z'],
    ['2026-03-02T00:10:00.000Z', 60, '2026-03-01T23:05:00.000Z', '2026-03-01T23:10:00.000Z'],
  ])('at %s with a %d min delay is [%s, %s)', (now, delay, since, until) => {
    const w = latestPublicWindow(Date.parse(now), delay);
    expect([w.since.toISOString(), w.until.toISOString()]).toEqual([since, until]);
    expect(publicCutoff(new Date(now), delay).toISOString()).toBe(until);
  });

  it('snaps an instant to the start of its window', () => {
    expect(snapToPublicGrid(new Date('2026-03-02T01:44:59.999Z')).toISOString()).toBe('2026-03-02T01:40:00.000Z');
    expect(snapToPublicGrid(new Date('2026-03-02T01:45:00.000Z')).toISOString()).toBe('2026-03-02T01:45:00.000Z');
  });
});

describe('publicCounts', () => {
  it('shows communes with 3 or more, withholds 1 and 2, and lists nothing with nothing to show', () => {
    const m = publicCounts([row('C1a', 3, 1), row('C1b', 2, 0), row('C2a', 1, 4)], AREAS, SPAN, 15);
    expect(m).toMatchObject({
      type: 'public.counts',
      since: '2026-03-02T01:40:00.000Z',
      until: '2026-03-02T01:45:00.000Z',
      windowMin: 5,
      delayMin: 15,
      minCount: 3,
    });
    expect(m.communes).toEqual([
      { code: 'C1a', received: 3, resolved: null },
      { code: 'C2a', received: null, resolved: 4 },
    ]);
  });

  it.each([
    // rows, expected district D1 received: hidden = what D1 holds beyond its shown communes
    ['no commune withheld (hidden 0)', [row('C1a', 3), row('C1b', 4)], 7],
    ['one commune of 2 withheld: D1 would give it away', [row('C1a', 3), row('C1b', 2)], null],
    ['two communes of 1 withheld: their sum, 2, would show', [row('C1a', 3), row('C1b', 1), row('C1c', 1)], null],
    ['withheld communes holding 3 together (hidden 3)', [row('C1a', 3), row('C1b', 2), row('C1c', 1)], 6],
    ['a report placed in no commune counts as withheld', [row('C1a', 4), row(null, 1, 0, 'D1')], null],
    ['a district under 3 in all', [row('C1b', 2)], null],
  ])('district total: %s', (_, rows, expected) => {
    const m = publicCounts(rows, AREAS, SPAN, 15);
    expect(m.districts.find((d) => d.code === 'D1')?.received ?? null).toBe(expected);
  });

  it('builds districts from the pack tree, not the report row, so a commune counts in one district only', () => {
    // A commune whose reports the point lookup placed in another district still counts in its parent.
    const m = publicCounts([row('C1a', 3, 0, 'D2'), row('C1b', 3)], AREAS, SPAN, 15);
    expect(m.districts).toEqual([{ code: 'D1', received: 6, resolved: null }]);
  });

  /**
   * What an attacker can compute from one message: each shown figure, and each district minus its
   * shown communes. None of these may be 1 or 2 (a group of fewer than 3 reports). A seeded random
   * table of windows; the broken variant (districts shown whenever they reach 3) must fail it.
   */
  function leaks(m: PublicCountsMessage, parents: Map<string, string | null>): number {
    let n = 0;
    for (const k of ['received', 'resolved'] as const) {
      for (const a of [...m.districts, ...m.communes]) if (a[k] !== null && a[k]! > 0 && a[k]! < 3) n++;
      for (const d of m.districts) {
        if (d[k] === null) continue;
        const shownChildren = m.communes
          .filter((c) => parents.get(c.code) === d.code)
          .reduce((s, c) => s + (c[k] ?? 0), 0);
        const residue = d[k]! - shownChildren;
        if (residue > 0 && residue < 3) n++;
      }
    }
    return n;
  }

  function randomWindows(seed: number, count: number): WindowCountRow[][] {
    let x = seed;
    const rand = (n: number) => {
      x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
      return x % n;
    };
    const communes = AREAS.filter((a) => a.level === 'commune').map((a) => a.code);
    return Array.from({ length: count }, () =>
      [...communes, null]
        .filter(() => rand(3) > 0)
        .map((c) => row(c, rand(6), rand(5), c === null ? `D${1 + rand(2)}` : undefined)),
    );
  }

  it('never lets a figure or a difference of figures show a group of 1 or 2 reports (2,000 random windows)', () => {
    const parents = new Map(AREAS.map((a) => [a.code, a.parentCode]));
    const windows = randomWindows(20260302, 2_000);
    let leaked = 0;
    let broken = 0;
    for (const rows of windows) {
      const m = publicCounts(rows, AREAS, SPAN, 15);
      leaked += leaks(m, parents);
      // The broken variant: district totals shown whenever they reach 3.
      const totals = new Map<string, { received: number; resolved: number }>();
      for (const r of rows) {
        const d = (r.communeCode ? parents.get(r.communeCode) : r.districtCode) as string;
        const t = totals.get(d) ?? { received: 0, resolved: 0 };
        t.received += r.received;
        t.resolved += r.resolved;
        totals.set(d, t);
      }
      const naive = {
        ...m,
        districts: [...totals].map(([code, t]) => ({
          code,
          received: t.received >= 3 ? t.received : null,
          resolved: t.resolved >= 3 ? t.resolved : null,
        })),
      };
      broken += leaks(naive, parents);
    }
    expect(leaked).toBe(0);
    expect(broken).toBeGreaterThan(100);
  });
});
