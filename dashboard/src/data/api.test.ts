import { describe, expect, it } from 'vitest';
import { query, toKpiCounts } from './api';

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
      }),
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
      toKpiCounts({ received: 200, handledPct: 75, inProgressPct: 19, rejectedPct: 6, overdue: 3, overduePct: 7.5 }),
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

describe('query', () => {
  it('leaves out empty values and encodes the rest', () => {
    expect(query({ a: 'x y', b: undefined, c: '', d: 0 })).toBe('?a=x+y&d=0');
    expect(query({})).toBe('');
  });
});
