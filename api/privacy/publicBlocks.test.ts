import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PublicAreaBlock } from '../../db/queries/publicAggregates';
import { publicAreaTotals, publicCellTotals } from './publicBlocks';

// Two districts of two communes each, and reports placed in no commune.
const AREAS = [
  { code: 'D1', level: 'district' as const, parentCode: null },
  { code: 'D2', level: 'district' as const, parentCode: null },
  { code: 'c11', level: 'commune' as const, parentCode: 'D1' },
  { code: 'c12', level: 'commune' as const, parentCode: 'D1' },
  { code: 'c21', level: 'commune' as const, parentCode: 'D2' },
  { code: 'c22', level: 'commune' as const, parentCode: 'D2' },
];
const PLACES: Array<[string, string | null]> = [
  ['D1', 'c11'],
  ['D1', 'c12'],
  ['D2', 'c21'],
  ['D2', 'c22'],
  ['D1', null],
];

/** Reports as (block index, place index); counts per (block, place) as the query returns them. */
function blocksOf(reports: Array<[number, number]>): PublicAreaBlock[] {
  const rows = new Map<string, PublicAreaBlock>();
  for (const [b, p] of reports) {
    const [districtCode, communeCode] = PLACES[p];
    const key = `${b}|${p}`;
    const r = rows.get(key) ?? { block: `b${b}`, districtCode, communeCode, received: 0, handled: 0, open: 0 };
    r.received++;
    r.open++;
    rows.set(key, r);
  }
  return [...rows.values()];
}

const reports = fc.array(fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: PLACES.length - 1 })), {
  maxLength: 60,
});
const safe = (n: number) => n === 0 || Math.abs(n) >= 3;

describe('public figures as sums of withheld blocks', () => {
  it('adding one more block (a refetch a window later) changes any area by 0 or by at least 3', () => {
    fc.assert(
      fc.property(reports, fc.integer({ min: 0, max: 7 }), (rs, k) => {
        const before = blocksOf(rs.filter(([b]) => b < k));
        const after = blocksOf(rs.filter(([b]) => b <= k));
        for (const level of ['district', 'commune'] as const) {
          const a = publicAreaTotals(before, AREAS, level);
          const b = publicAreaTotals(after, AREAS, level);
          for (const code of new Set([...a.keys(), ...b.keys()]))
            expect(safe((b.get(code)?.received ?? 0) - (a.get(code)?.received ?? 0))).toBe(true);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('within a block, a district minus its shown communes is 0 or at least 3', () => {
    fc.assert(
      fc.property(reports, (rs) => {
        const one = blocksOf(rs.map(([, p]) => [0, p]));
        const districts = publicAreaTotals(one, AREAS, 'district');
        const communes = publicAreaTotals(one, AREAS, 'commune');
        for (const [code, d] of districts) {
          const inside = AREAS.filter((a) => a.parentCode === code).reduce(
            (s, a) => s + (communes.get(a.code)?.received ?? 0),
            0,
          );
          expect(safe(d.received - inside)).toBe(true);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('a cell or area with one or two reports in a block adds nothing from that block', () => {
    const rows = blocksOf([
      [0, 0],
      [0, 0],
      [0, 0],
      [1, 0],
    ]);
    expect(publicAreaTotals(rows, AREAS, 'commune').get('c11')?.received).toBe(3);
    const cells = publicCellTotals(rows.map((r) => ({ ...r, cell: 'x' })));
    expect(cells.get('x')?.received).toBe(3);
  });
});
