import { wallNow } from './stats';

export interface LoadResult {
  /** Operations completed inside the measured window. */
  completed: number;
  /** Of those, how many failed (op returned false or threw). */
  failed: number;
  /** Latency in ms of each operation completed inside the window. */
  latencies: Float64Array;
  windowMs: number;
  /** Every operation, warm-up included (for consistency checks). */
  total: { ok: number; failed: number };
  firstError?: string;
}

/**
 * A closed loop: `concurrency` workers each run `op` back to back. The first `warmupMs` are not
 * measured; then operations completing within `durationMs` are counted and timed.
 */
export async function closedLoop(opts: {
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  op: (seq: number) => Promise<boolean>;
}): Promise<LoadResult> {
  const start = wallNow();
  const windowStart = start + opts.warmupMs;
  const end = windowStart + opts.durationMs;
  let seq = 0;
  let completed = 0;
  let failed = 0;
  const total = { ok: 0, failed: 0 };
  let latencies = new Float64Array(1 << 16);
  let firstError: string | undefined;
  const worker = async () => {
    while (wallNow() < end) {
      const t0 = wallNow();
      let ok = false;
      try {
        ok = await opts.op(seq++);
      } catch (e) {
        firstError ??= String(e);
      }
      const t1 = wallNow();
      if (ok) total.ok++;
      else total.failed++;
      if (t1 >= windowStart && t1 <= end) {
        if (!ok) failed++;
        if (completed === latencies.length) {
          const bigger = new Float64Array(latencies.length * 2);
          bigger.set(latencies);
          latencies = bigger;
        }
        latencies[completed++] = t1 - t0;
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  return {
    completed,
    failed,
    latencies: latencies.subarray(0, completed),
    windowMs: opts.durationMs,
    total,
    firstError,
  };
}
