import { describe, expect, it } from 'vitest';
import type { AreaCount, KpisResponse, PublicKpisResponse } from '../../../api/wire';
import { attentionOrder, kpiShares, perTenThousand, sortAreas, toKpiCounts, trendOf } from './kpis';

const area = (code: string, over: Partial<AreaCount>): AreaCount => ({
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
  ...over,
});

describe('KPI arithmetic', () => {
  it('gives shares of received, overdue of open, and null when there is nothing to divide', () => {
    expect(kpiShares({ received: 200, handled: 150, inProgress: 38, rejected: 12, open: 50, overdue: 1 })).toEqual({
      handled: 0.75,
      inProgress: 0.19,
      rejected: 0.06,
      overdue: 0.02,
    });
    expect(kpiShares({ received: 0, handled: 0, inProgress: 0, rejected: 0, open: 0, overdue: 0 }).handled).toBeNull();
  });

  it.each([
    [50, 100_000, 5],
    [3, 30_000, 1],
    [3, null, null],
    [3, 0, null],
  ])('%i open among %s residents is %s per 10,000', (n, pop, out) => expect(perTenThousand(n, pop)).toBe(out));

  it.each([
    [[1, 1, 5, 5], 1],
    [[5, 5, 1, 1], -1],
    [[3, 3, 3, 3], 0],
    [[0, 0, 0, 0], 0],
    [[2], 0],
  ] as const)('trend of %j is %i', (series, out) => expect(trendOf([...series])).toBe(out));

  it('sorts Vietnamese names by Vietnamese collation and numbers either way', () => {
    const rows = [
      area('a', { nameVi: 'Đống Đa', open: 3 }),
      area('b', { nameVi: 'Ba Đình', open: 9 }),
      area('c', { nameVi: 'Cầu Giấy', open: 1 }),
    ];
    expect(sortAreas(rows, 'name', false, 'vi').map((r) => r.nameVi)).toEqual(['Ba Đình', 'Cầu Giấy', 'Đống Đa']);
    expect(sortAreas(rows, 'open', true, 'vi').map((r) => r.code)).toEqual(['b', 'a', 'c']);
  });

  it('tours flagged areas first, then overdue, then backlog per resident', () => {
    const rows = [
      area('quiet', {}),
      area('dense', { open: 50, population: 50_000 }),
      area('late', { open: 5, overdue: 3 }),
      area('flagged', { open: 1 }),
    ];
    expect(attentionOrder(rows, new Set(['flagged'])).map((r) => r.code)).toEqual(['flagged', 'late', 'dense']);
  });
});

describe('toKpiCounts', () => {
  it('takes counts when the API gives them (operator desk)', () => {
    expect(
      toKpiCounts({
        received: 100,
        handled: 70,
        handledPct: 70,
        inProgress: 24,
        rejected: 6,
        open: 40,
        overdue: 2,
        overduePct: 5,
      } as KpisResponse),
    ).toEqual({
      received: 100,
      handled: 70,
      inProgress: 24,
      rejected: 6,
      open: 40,
      overdue: 2,
    });
  });

  it('derives counts from percentages where only those are public', () => {
    expect(
      toKpiCounts({
        received: 200,
        handledPct: 75,
        inProgressPct: 19,
        rejectedPct: 6,
        overdue: 3,
        overduePct: 7.5,
      } as PublicKpisResponse),
    ).toEqual({
      received: 200,
      handled: 150,
      inProgress: 38,
      rejected: 12,
      open: 40,
      overdue: 3,
    });
  });
});
