/** Interval timers, injected so tests fire heartbeats and polls by hand instead of waiting. */
export interface Timers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}
