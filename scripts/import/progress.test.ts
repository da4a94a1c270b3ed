import { describe, expect, it } from 'vitest';
import { Progress, type ProgressEffects, formatDuration } from './progress';

function effects(isTTY: boolean) {
  const out: string[] = [];
  let now = 0;
  const fx: ProgressEffects = { write: (t) => void out.push(t), isTTY, nowMs: () => now };
  return { fx, out, at: (ms: number) => void (now = ms) };
}

describe('Progress', () => {
  it('shows share, rows, rows/s and an ETA from bytes read over the file size', () => {
    const { fx, at } = effects(true);
    const p = new Progress(1_000_000, fx);
    at(10_000);
    // A quarter of the bytes in 10 s: 30 s to go; 50,000 rows in 10 s: 5,000 rows/s.
    expect(p.line(250_000, 50_000)).toBe('[######..................]  25.0%  50,000 rows  5,000 rows/s  ETA 00:30');
  });

  it('redraws in place on a terminal, at most every 100 ms, and ends the line', () => {
    const { fx, out, at } = effects(true);
    const p = new Progress(100, fx);
    p.update(10, 1);
    at(50);
    p.update(20, 2);
    at(150);
    p.update(30, 3);
    p.done(100, 10);
    expect(out.filter((t) => t.startsWith('\r\x1b[2K'))).toHaveLength(3);
    expect(out.at(-1)).toBe('\n');
  });

  it('writes a plain line every 10 s elsewhere (a log is not flooded), and nothing for a short run', () => {
    const quick = effects(false);
    const q = new Progress(100, quick.fx);
    quick.at(5_000);
    q.update(50, 5);
    q.done(100, 10);
    expect(quick.out).toEqual([]);

    const slow = effects(false);
    const p = new Progress(100, slow.fx);
    for (const ms of [5_000, 10_000, 15_000, 20_000]) {
      slow.at(ms);
      p.update(ms / 400, ms);
    }
    p.done(100, 20_000);
    expect(slow.out).toHaveLength(3);
    expect(slow.out.every((t) => t.endsWith('\n') && !t.includes('\r'))).toBe(true);
  });

  it.each([
    [0, '00:00'],
    [59.6, '01:00'],
    [3_725, '1:02:05'],
    [Number.POSITIVE_INFINITY, '--:--'],
  ])('formats %s s as %s', (s, text) => {
    expect(formatDuration(s)).toBe(text);
  });
});
