/**
 * Deterministic noise for simulated readings: the same seed, key and instant always give the same
 * value, so a backfill, a restart and a live tick agree on every reading without storing state.
 */

/** FNV-1a over the parts, then a mulberry32-style finaliser: a well-mixed 32-bit hash. */
export function hash32(seed: number, ...parts: Array<string | number>): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (const part of parts) {
    const s = String(part);
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0x1f; // separator, so ("ab", "c") and ("a", "bc") differ
    h = Math.imul(h, 0x01000193);
  }
  h = Math.imul(h ^ (h >>> 15), h | 1);
  h ^= h + Math.imul(h ^ (h >>> 7), h | 61);
  return (h ^ (h >>> 14)) >>> 0;
}

/** Uniform in [0, 1). */
export function hashUnit(seed: number, ...parts: Array<string | number>): number {
  return hash32(seed, ...parts) / 4_294_967_296;
}

/**
 * Smooth noise in [-1, 1]: random knots every `periodMs`, joined by a cosine ease so values glide
 * from minute to minute (a sensor never jumps 40 µg/m³ between two readings).
 */
export function smoothNoise(seed: number, key: string, tMs: number, periodMs: number): number {
  const x = tMs / periodMs;
  const k = Math.floor(x);
  const a = hashUnit(seed, key, k) * 2 - 1;
  const b = hashUnit(seed, key, k + 1) * 2 - 1;
  const w = (1 - Math.cos(Math.PI * (x - k))) / 2;
  return a + (b - a) * w;
}

/** Linear interpolation over 24 hourly knots (cyclic) at a fractional local hour. */
export function hourlyCurve(knots: readonly number[], localHour: number): number {
  const i = Math.floor(localHour) % 24;
  const frac = localHour - Math.floor(localHour);
  return knots[i] + (knots[(i + 1) % 24] - knots[i]) * frac;
}

export const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
