import { describe, expect, it, vi } from 'vitest';
import { debounce, resolutionForZoom, resolutionToAsk } from './resolution';

describe('resolutionForZoom', () => {
  it.each([
    [5, 6],
    [9, 6],
    [9.49, 6],
    [9.5, 7],
    [10.9, 7],
    [11, 8],
    [12.4, 8],
    [12.5, 9],
    [13.99, 9],
    [14, 10],
    [19, 10],
  ])('zoom %s → r%s', (zoom, res) => expect(resolutionForZoom(zoom)).toBe(res));

  it.each([
    [15, 8, 8],
    [15, 7, 7],
    [10, 8, 7],
    [15, 99, 10],
    [15, 3, 6],
  ])('zoom %s capped at r%s → r%s', (zoom, max, res) => expect(resolutionForZoom(zoom, max)).toBe(res));
});

describe('resolutionToAsk', () => {
  it('asks only for a change, and only once', () => {
    expect(resolutionToAsk(12, 8, null)).toBeNull(); // already shown
    expect(resolutionToAsk(13, 8, null)).toBe(9);
    expect(resolutionToAsk(13, 8, 9)).toBeNull(); // asked already, parent has not switched yet
    expect(resolutionToAsk(10, 8, 9)).toBe(7);
    expect(resolutionToAsk(16, 8, null, 8)).toBeNull(); // public cap
  });
});

describe('debounce', () => {
  it('calls once after quiet, with the last arguments', () => {
    vi.useFakeTimers();
    try {
      const fn = vi.fn();
      const d = debounce(fn, 300);
      d(1);
      d(2);
      vi.advanceTimersByTime(299);
      expect(fn).not.toHaveBeenCalled();
      d(3);
      vi.advanceTimersByTime(300);
      expect(fn).toHaveBeenCalledTimes(1);
      expect(fn).toHaveBeenCalledWith(3);
      d(4);
      d.cancel();
      vi.advanceTimersByTime(1000);
      expect(fn).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
