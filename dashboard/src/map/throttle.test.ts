import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Throttle } from './throttle';

describe('Throttle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const make = () => {
    let landed = 0;
    const t = new Throttle(
      () => void landed++,
      () => Date.now(),
    );
    return { t, landed: () => landed };
  };

  it('lands every change when the interval is 0', () => {
    const { t, landed } = make();
    t.changed(0);
    t.changed(0);
    expect(landed()).toBe(2);
  });

  it('lands at most once per interval, the first change at once and the rest at its end', () => {
    const { t, landed } = make();
    t.changed(1000);
    expect(landed()).toBe(1);
    t.changed(1000);
    t.changed(1000);
    expect(landed()).toBe(1);
    vi.advanceTimersByTime(999);
    expect(landed()).toBe(1);
    vi.advanceTimersByTime(1);
    expect(landed()).toBe(2);
    vi.advanceTimersByTime(5000);
    expect(landed()).toBe(2);
    t.changed(1000); // after a quiet spell: at once again
    expect(landed()).toBe(3);
  });

  it('lands nothing after dispose', () => {
    const { t, landed } = make();
    t.changed(1000);
    t.changed(1000);
    t.dispose();
    vi.advanceTimersByTime(2000);
    expect(landed()).toBe(1);
  });
});
