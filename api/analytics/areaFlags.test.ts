import { describe, expect, it } from 'vitest';
import { type AreaCounts, type CellResult, deriveAreaFlags, twoProportionZ } from './areaFlags';

const cell = (
  id: string,
  area: string | null,
  z: number,
  bin: number,
  pattern: string | null = null,
  value = 1,
  local = 9,
): CellResult => ({
  cell: id,
  area,
  value,
  local,
  z,
  p: 0.01,
  bin,
  pattern,
});

describe('twoProportionZ (one-sided, pooled)', () => {
  it('matches a hand computation: 10 of 20 overdue against 20 of 200', () => {
    // pooled 30/220; se = √(0.13636 · 0.86364 · (1/20 + 1/200)) = 0.080482; z = (0.5 − 0.1) / se
    const t = twoProportionZ(10, 20, 20, 200)!;
    expect(t.z).toBeCloseTo(4.97, 2);
    expect(t.p).toBeLessThan(1e-6);
    expect(t.restRate).toBe(0.1);
  });

  it('is undefined with an empty sample or no variation', () => {
    expect(twoProportionZ(0, 0, 5, 10)).toBeNull();
    expect(twoProportionZ(3, 3, 7, 7)).toBeNull();
  });
});

describe('deriveAreaFlags', () => {
  const quiet: AreaCounts[] = [
    { code: '00001', open: 20, overdue: 10 },
    { code: '00002', open: 4, overdue: 4 },
    { code: '00003', open: 60, overdue: 6 },
    { code: '00004', open: 140, overdue: 4 },
  ];

  it.each<[string, AreaCounts[], CellResult[], boolean, Array<[string, string[]]>]>([
    // 10/20 against 14/204 for the rest: far above, and over the minimum count.
    ['a high overdue rate flags the area', quiet, [], false, [['00001', ['overdue-rate']]]],
    // 00002 is 100% overdue but has fewer than MIN_OVERDUE_REPORTS: no flag however extreme.
    ['a tiny area is not flagged on four late reports', quiet.slice(1), [], false, []],
    [
      'a 95% hot cell flags the area holding it',
      [],
      [cell('c1', '00003', 2.2, 2), cell('c2', '00003', 1.8, 1)],
      false,
      [['00003', ['hot-cell']]],
    ],
    ['a 90% hot cell does not', [], [cell('c2', '00003', 1.8, 1)], false, []],
    ['an empty hot cell (hot by its neighbours) does not', [], [cell('c6', '00003', 3, 3, null, 0)], false, []],
    ['a hot cell with under five reports around it does not', [], [cell('c7', '00003', 9, 3, null, 1, 4)], false, []],
    ['a significant cold cell does not', [], [cell('c3', '00004', -3.1, -3)], false, []],
    ['a hot cell outside every area flags nothing', [], [cell('c4', null, 4, 3)], false, []],
    [
      'both tests together, in that order',
      quiet,
      [cell('c5', '00001', 3, 3)],
      false,
      [['00001', ['hot-cell', 'overdue-rate']]],
    ],
  ])('%s', (_label, areas, cells, fdr, expected) => {
    const flags = deriveAreaFlags({
      level: 'commune',
      areas: areas.length
        ? areas
        : [
            { code: '00003', open: 1, overdue: 0 },
            { code: '00004', open: 1, overdue: 0 },
          ],
      cells,
      fdr,
    });
    expect(flags.map((f) => [f.code, f.reasons.map((r) => r.test)])).toEqual(expected);
  });

  it('says which cells, hottest first, and the trend of the hottest cell of the area', () => {
    const cells = [
      cell('a', '00003', 2.1, 2, 'sporadic-hot-spot'),
      cell('b', '00003', 3.4, 3, 'intensifying-hot-spot', 7),
      cell('c', '00004', 5, 3),
    ];
    const [flag] = deriveAreaFlags({
      level: 'commune',
      areas: [{ code: '00003', open: 9, overdue: 0 }],
      cells,
      fdr: false,
    });
    expect(flag).toEqual({
      code: '00003',
      level: 'commune',
      reasons: [
        {
          test: 'hot-cell',
          cells: [
            { cell: 'b', open: 7, z: 3.4, p: 0.01, pattern: 'intensifying-hot-spot' },
            { cell: 'a', open: 1, z: 2.1, p: 0.01, pattern: 'sporadic-hot-spot' },
          ],
        },
      ],
      trend: { cell: 'b', pattern: 'intensifying-hot-spot' },
    });
  });

  it('reports the rates it compared', () => {
    const [flag] = deriveAreaFlags({ level: 'district', areas: quiet, cells: [], fdr: false });
    expect(flag!.reasons[0]).toMatchObject({
      test: 'overdue-rate',
      overdue: 10,
      open: 20,
      ratePct: 50,
      restRatePct: 6.9,
    });
  });

  it('with FDR, a borderline rate among many areas no longer flags', () => {
    // 7 of 40 (17.5%) against 7% elsewhere: z ≈ 2.56, p ≈ 0.005 alone; ×30 after BH over 30 tested areas.
    const areas: AreaCounts[] = [
      { code: '001', open: 40, overdue: 7 },
      ...Array.from({ length: 29 }, (_, i) => ({ code: String(100 + i), open: 100, overdue: 7 })),
    ];
    const raw = deriveAreaFlags({ level: 'district', areas, cells: [], fdr: false }).map((f) => f.code);
    const corrected = deriveAreaFlags({ level: 'district', areas, cells: [], fdr: true }).map((f) => f.code);
    expect(raw).toContain('001');
    expect(corrected).not.toContain('001');
  });
});

describe('the trend of a flag', () => {
  it('comes from the hottest cell that holds reports, not from an empty neighbour with the same z', () => {
    const cells = [
      cell('empty', '00003', 25, 3, 'new-hot-spot', 0),
      cell('full', '00003', 25, 3, 'persistent-hot-spot', 9),
    ];
    const [flag] = deriveAreaFlags({
      level: 'commune',
      areas: [{ code: '00003', open: 9, overdue: 0 }],
      cells,
      fdr: false,
    });
    expect(flag!.trend).toEqual({ cell: 'full', pattern: 'persistent-hot-spot' });
  });
});
