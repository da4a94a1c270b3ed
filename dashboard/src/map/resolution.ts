/** Which H3 resolution the hexes are drawn at, from the map's zoom. Pure. */

export const MIN_HEX_RES = 6;
export const MAX_HEX_RES = 10;

/**
 * Zoom thresholds where the next finer resolution starts. Each keeps a cell roughly 15–40 px across
 * at the first pack's latitude, 21° N (r7, 1.4 km edge, from z9.5 … r10, 76 m edge, from z14), so the grid never turns
 * into confetti nor into a handful of blobs.
 */
const STEPS: readonly [zoom: number, res: number][] = [
  [9.5, 7],
  [11, 8],
  [12.5, 9],
  [14, 10],
];

/** z < 9.5 → 6, < 11 → 7, < 12.5 → 8, < 14 → 9, else 10; never finer than maxRes (public mode). */
export function resolutionForZoom(zoom: number, maxRes: number = MAX_HEX_RES): number {
  let res = MIN_HEX_RES;
  for (const [z, r] of STEPS) if (zoom >= z) res = r;
  const cap = Math.min(MAX_HEX_RES, Math.max(MIN_HEX_RES, Math.floor(maxRes)));
  return Math.min(res, cap);
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof globalThis.setTimeout>),
};

/** Calls fn once things have been quiet for `ms`; `cancel()` drops a pending call. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number, timers: Timers = realTimers) {
  let handle: unknown = null;
  const call = (...args: A) => {
    if (handle !== null) timers.clearTimeout(handle);
    handle = timers.setTimeout(() => {
      handle = null;
      fn(...args);
    }, ms);
  };
  call.cancel = () => {
    if (handle !== null) timers.clearTimeout(handle);
    handle = null;
  };
  return call;
}

/**
 * The resolution to ask the parent for after a move, or null: none when the zoom's resolution is the
 * one shown, nor when it was already asked for (a parent that declines is not asked again and again).
 */
export function resolutionToAsk(
  zoom: number,
  current: number,
  lastAsked: number | null,
  maxRes?: number,
): number | null {
  const want = resolutionForZoom(zoom, maxRes);
  return want === current || want === lastAsked ? null : want;
}
