/** Live pulses: a ring that grows and fades after a report arrives. Pure. */
import type { Pulse } from './types';

/** How long a pulse shows: long enough to be seen across the room on the wall. */
export const PULSE_MS = 30_000;
/** 20 frames a second is smooth for a slow ring and spares the wall's GPU, which runs for days. */
export const PULSE_FRAME_MS = 50;

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
