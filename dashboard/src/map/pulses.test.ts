import { describe, expect, it } from 'vitest';
import { PULSE_MS, activePulses, pulseLook } from './pulses';

describe('pulseLook', () => {
  it('starts small and opaque, ends large and invisible', () => {
    expect(pulseLook(0)).toEqual({ radiusPx: 4, alpha: 255 });
    expect(pulseLook(PULSE_MS)).toEqual({ radiusPx: 36, alpha: 0 });
    expect(pulseLook(PULSE_MS * 5)).toEqual({ radiusPx: 36, alpha: 0 });
    expect(pulseLook(-1000)).toEqual({ radiusPx: 4, alpha: 255 }); // clock skew
  });

  it('grows monotonically and fades monotonically', () => {
    let prev = pulseLook(0);
    for (let t = 1000; t <= PULSE_MS; t += 1000) {
      const cur = pulseLook(t);
      expect(cur.radiusPx).toBeGreaterThan(prev.radiusPx);
      expect(cur.alpha).toBeLessThan(prev.alpha);
      prev = cur;
    }
  });

  it('grows fastest at first (ease-out)', () => {
    expect(pulseLook(PULSE_MS / 2).radiusPx).toBeGreaterThan(20);
    expect(pulseLook(PULSE_MS / 2).alpha).toBe(128);
  });
});

describe('activePulses', () => {
  const p = (id: number, at: number) => ({ id, lng: 105.85, lat: 21.03, at });

  it('returns the same array while none has expired (a stable deck.gl data reference)', () => {
    const list = [p(1, 1000), p(2, 2000)];
    expect(activePulses(list, 5000)).toBe(list);
  });

  it('drops the expired ones', () => {
    const list = [p(1, 0), p(2, 20_000)];
    expect(activePulses(list, PULSE_MS).map((x) => x.id)).toEqual([2]);
    expect(activePulses(list, PULSE_MS + 20_000)).toEqual([]);
  });
});
