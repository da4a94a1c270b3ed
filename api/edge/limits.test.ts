import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HUB_OPTIONS } from '../stream/hub';
import { connectionCapFor, openFileLimit, streamCapFor } from './fdLimit';
import { TokenBuckets, parseRate } from './rateLimit';

describe('descriptor limit → caps', () => {
  it('reads the same limit as `ulimit -n`', () => {
    expect(openFileLimit()).toBe(Number(execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim()));
  });

  it.each([
    // limit, streams (limit − max(256, limit/10)), connections (limit − min(128, reserve/2))
    [1_024, 768, 896],
    [20_000, 18_000, 19_872],
    [65_536, 58_983, 65_408],
  ])('%d descriptors → %d streams, %d connections', (limit, streams, connections) => {
    expect(streamCapFor(limit)).toBe(streams);
    expect(connectionCapFor(limit)).toBe(connections);
    // Streams < connections < descriptors: a full stream still gets its 503, /healthz its answer.
    expect(streams).toBeLessThan(connections);
    expect(connections).toBeLessThan(limit);
  });

  it('the hub’s default cap is this process’s', () => {
    expect(DEFAULT_HUB_OPTIONS.maxClients).toBe(streamCapFor(openFileLimit()));
  });
});

describe('rates', () => {
  it.each([
    ['20/min', { count: 20, perMs: 60_000 }],
    ['5/s', { count: 5, perMs: 1_000 }],
    [' 100 / h ', { count: 100, perMs: 3_600_000 }],
    ['off', null],
  ])('%j → %j', (text, rate) => {
    expect(parseRate(text)).toEqual(rate);
  });

  it.each(['', '20', 'twenty/min', '20/day', '-1/s'])('refuses %j', (text) => {
    expect(() => parseRate(text)).toThrow(/expected a rate/);
  });

  it('a bucket of 3 a minute: 3 at once, then one every 20 s, per key', () => {
    let now = 0;
    const b = new TokenBuckets({ count: 3, perMs: 60_000 }, () => now);
    expect([b.take('a'), b.take('a'), b.take('a')]).toEqual([0, 0, 0]);
    expect(b.take('a')).toBe(20);
    expect(b.take('b')).toBe(0);
    now = 15_000;
    // 0.75 of a token back: 5 s to go.
    expect(b.take('a')).toBe(5);
    now = 20_000;
    expect(b.take('a')).toBe(0);
    expect(b.take('a')).toBe(20);
    // Full again after a minute: forgotten.
    now = 200_000;
    b.take('b');
    expect(b.take('a')).toBe(0);
    now = 400_000;
    expect(b.take('c')).toBe(0);
    // a and b refilled long ago: only c is remembered.
    expect(b.size).toBe(1);
  });
});
