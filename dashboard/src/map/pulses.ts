/** Live pulses: a ring that grows and fades after a report arrives. Pure. */
import type { Pulse } from './types';

/** How long a pulse shows: long enough to be seen across the room on the wall. */
export const PULSE_MS = 30_000;
/**
 * One step a second: a 30 s fade needs no more, and every step redraws the whole deck canvas,
 * which on a software-rendered wall (SwiftShader, no GPU) costs ~400 ms of the main thread; at
 * 20 fps the page had no time left to read its stream (measured: ticker 3.8 s late).
 */
export const PULSE_FRAME_MS = 1_000;

const RADIUS_START_PX = 4;
const RADIUS_END_PX = 36;

export interface PulseLook {
  radiusPx: number;
  /** 0..255 */
  alpha: number;
}

/**
 * Radius eases out (fast at first, so an arrival catches the eye), alpha fades linearly to 0 at PULSE_MS.
 * Age < 0 (a clock skew) is treated as 0; age ≥ PULSE_MS is invisible.
 */
export function pulseLook(ageMs: number): PulseLook {
  const t = Math.min(1, Math.max(0, ageMs / PULSE_MS));
  const eased = 1 - (1 - t) * (1 - t) * (1 - t);
  return {
    radiusPx: RADIUS_START_PX + (RADIUS_END_PX - RADIUS_START_PX) * eased,
    alpha: Math.round(255 * (1 - t)),
  };
}

export function isActive(p: Pulse, now: number): boolean {
  return now - p.at < PULSE_MS;
}

/** The pulses still showing at `now`; the same array when none has expired (a stable deck.gl `data`). */
export function activePulses(pulses: readonly Pulse[], now: number): readonly Pulse[] {
  for (let i = 0; i < pulses.length; i++) {
    if (!isActive(pulses[i], now)) return pulses.filter((p) => isActive(p, now));
  }
  return pulses;
}
