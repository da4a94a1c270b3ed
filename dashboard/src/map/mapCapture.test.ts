import { describe, expect, it } from 'vitest';
import type { LngLat } from '../data/polygonDraft';
import { createMapCapture, type MapSketch } from './mapCapture';

/** A holder as a panel would be: it keeps the clicks it is given, open until closed. */
function holder(closed = false) {
  const clicks: LngLat[] = [];
  const state = { closed };
  const h = {
    clicks,
    state,
    sketch: (): MapSketch => ({ corners: clicks, closed: state.closed, colour: [1, 2, 3] }),
    onClick: (at: LngLat) => void clicks.push(at),
  };
  return h;
}

describe('createMapCapture', () => {
  it('leaves clicks to the map while nobody holds it', () => {
    const c = createMapCapture();
    expect(c.active()).toBe(false);
    expect(c.sketch()).toBeNull();
    expect(c.click([105.85, 21.03])).toBe(false);
  });

  it('gives clicks to the holder while its sketch is open, and back to the map once it is closed', () => {
    const c = createMapCapture();
    const h = holder();
    c.take(h);
    expect(c.active()).toBe(true);
    expect(c.click([105.85, 21.03])).toBe(true);
    expect(c.click([105.86, 21.03])).toBe(true);
    expect(h.clicks).toEqual([
      [105.85, 21.03],
      [105.86, 21.03],
    ]);
    expect(c.sketch()?.corners).toHaveLength(2);
    // Finished: still drawn (closed), but the map's clicks are the map's.
    h.state.closed = true;
    expect(c.active()).toBe(false);
    expect(c.click([105.87, 21.03])).toBe(false);
    expect(h.clicks).toHaveLength(2);
    expect(c.sketch()?.closed).toBe(true);
  });

  it('lets go only for the holder that holds it: a stale release leaves the newer holder in place', () => {
    const c = createMapCapture();
    const first = holder();
    const releaseFirst = c.take(first);
    const second = holder();
    const releaseSecond = c.take(second);
    c.click([105.85, 21.03]);
    expect(first.clicks).toEqual([]);
    expect(second.clicks).toHaveLength(1);
    releaseFirst();
    expect(c.active()).toBe(true);
    releaseSecond();
    expect(c.active()).toBe(false);
    expect(c.sketch()).toBeNull();
  });
});
