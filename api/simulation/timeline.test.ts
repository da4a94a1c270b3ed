import { describe, expect, it } from 'vitest';
import { Timeline } from './timeline';

describe('Timeline', () => {
  it('pops only what is due, earliest first', () => {
    const t = new Timeline();
    for (const atMs of [50, 10, 40, 30, 20, 60]) t.push({ atMs, reportId: atMs, action: 'accept' });
    expect(t.popDue(35).map((p) => p.atMs)).toEqual([10, 20, 30]);
    expect(t.popDue(35)).toEqual([]);
    expect(t.popDue(100).map((p) => p.atMs)).toEqual([40, 50, 60]);
    expect(t.size).toBe(0);
  });

  it('stays ordered over many random pushes', () => {
    const t = new Timeline();
    let seed = 1;
    for (let i = 0; i < 2_000; i++)
      t.push({ atMs: (seed = (seed * 48_271) % 2_147_483_647) % 10_000, reportId: i, action: 'start' });
    const out = t.popDue(Infinity).map((p) => p.atMs);
    expect(out).toEqual([...out].sort((a, b) => a - b));
    expect(out).toHaveLength(2_000);
  });
});
