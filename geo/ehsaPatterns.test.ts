import { describe, expect, it } from 'vitest';
import { classifyEhsa, EHSA_PATTERNS, TREND_ALPHA, type EhsaPattern } from './ehsaPatterns';

/** 'H' significant hot, 'C' significant cold, '.' not significant; oldest → newest. */
function sig(s: string): number[] {
  return [...s].map((ch) => (ch === 'H' ? 1 : ch === 'C' ? -1 : 0));
}

const FLAT = { z: 0.4, p: 0.69 };
const UP = { z: 2.5, p: 0.012 };
const DOWN = { z: -2.5, p: 0.012 };
const WEAK_UP = { z: 1.5, p: 0.134 }; // a rise, but not significant at 90%

describe('classifyEhsa (14 daily steps unless shown)', () => {
  it.each<[string, { z: number; p: number }, EhsaPattern]>([
    ['..............', FLAT, 'no-pattern'],
    ['.............H', FLAT, 'new-hot-spot'],
    ['.............H', UP, 'new-hot-spot'], // the trend only matters to the 90%-of-steps patterns
    ['...........HHH', FLAT, 'consecutive-hot-spot'],
    ['..HHHHHHHHHHHH', UP, 'consecutive-hot-spot'], // 12/14 = 86% < 90%: not yet intensifying
    ['......H....HHH', FLAT, 'sporadic-hot-spot'], // hot before the final run
    ['H.H.H.H.H.H.HH', FLAT, 'sporadic-hot-spot'],
    ['..C..........H', FLAT, 'oscillating-hot-spot'], // would be new but for the cold history
    ['C..........HHH', FLAT, 'oscillating-hot-spot'],
    ['HHHHHHHHHHHHHH', FLAT, 'persistent-hot-spot'],
    ['.HHHHHHHHHHHHH', FLAT, 'persistent-hot-spot'], // 13/14 = 92.9% ≥ 90%
    ['HHHHHHHHHHHHHH', WEAK_UP, 'persistent-hot-spot'],
    ['.HHHHHHHHHHHHH', UP, 'intensifying-hot-spot'],
    ['HHHHHHHHHHHHHH', DOWN, 'diminishing-hot-spot'],
    ['CHHHHHHHHHHHHH', DOWN, 'diminishing-hot-spot'],
    ['HHHHHHHHHHHHH.', FLAT, 'historical-hot-spot'],
    ['HHHHHHHHHHHHH.', DOWN, 'historical-hot-spot'],
    ['HHHHHHHHHHHH..', FLAT, 'no-pattern'], // 12/14 < 90% and quiet today
    ['H.H.H.H.H.H.H.', FLAT, 'no-pattern'], // sporadic needs today hot (Pro 3.x wording)
    ['HHHHHHHHHHHHHC', FLAT, 'oscillating-cold-spot'], // today picks the family
    ['.............C', FLAT, 'new-cold-spot'],
    ['..........CCCC', FLAT, 'consecutive-cold-spot'],
    ['CCCCCCCCCCCCCC', DOWN, 'intensifying-cold-spot'], // z falling: lows cluster harder
    ['CCCCCCCCCCCCCC', FLAT, 'persistent-cold-spot'],
    ['CCCCCCCCCCCCCC', UP, 'diminishing-cold-spot'],
    ['.C...C.......C', FLAT, 'sporadic-cold-spot'],
    ['H............C', FLAT, 'oscillating-cold-spot'],
    ['CCCCCCCCCCCCC.', FLAT, 'historical-cold-spot'],
    ['.HHHHHHHHH', FLAT, 'persistent-hot-spot'], // 10 steps: 9/10 is exactly 90%
    ['..HHHHHHHH', FLAT, 'consecutive-hot-spot'], // 8/10
    ['', FLAT, 'no-pattern'],
  ])('%s with trend %o → %s', (steps, trend, expected) => {
    expect(classifyEhsa(sig(steps), trend)).toBe(expected);
  });

  it('reaches every one of the 17 patterns in the table above', () => {
    // Guard against a pattern that the rules can never produce.
    const reached = new Set<EhsaPattern>();
    const rows: Array<[string, { z: number; p: number }]> = [
      ['..............', FLAT],
      ['.............H', FLAT],
      ['...........HHH', FLAT],
      ['.HHHHHHHHHHHHH', UP],
      ['HHHHHHHHHHHHHH', FLAT],
      ['HHHHHHHHHHHHHH', DOWN],
      ['......H....HHH', FLAT],
      ['..C..........H', FLAT],
      ['HHHHHHHHHHHHH.', FLAT],
      ['.............C', FLAT],
      ['..........CCCC', FLAT],
      ['CCCCCCCCCCCCCC', DOWN],
      ['CCCCCCCCCCCCCC', FLAT],
      ['CCCCCCCCCCCCCC', UP],
      ['.C...C.......C', FLAT],
      ['H............C', FLAT],
      ['CCCCCCCCCCCCC.', FLAT],
    ];
    for (const [s, t] of rows) reached.add(classifyEhsa(sig(s), t));
    expect([...reached].sort()).toEqual([...EHSA_PATTERNS].sort());
  });

  it('uses 90% confidence for the trend', () => {
    expect(TREND_ALPHA).toBe(0.1);
    expect(classifyEhsa(sig('HHHHHHHHHHHHHH'), { z: 1.66, p: 0.0969 })).toBe('intensifying-hot-spot');
    expect(classifyEhsa(sig('HHHHHHHHHHHHHH'), { z: 1.6, p: 0.1096 })).toBe('persistent-hot-spot');
  });
});
