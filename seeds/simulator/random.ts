/**
 * Seeded randomness for the simulator.
 *
 * Everything the simulator draws goes through one `Rng`, so a seed reproduces a whole run
 * (tests, demo recordings, load data). mulberry32 is tiny and fast; its 2^32 period is far
 * beyond the ~50 draws a report needs even at a million reports.
 */

const UINT32_RANGE = 4294967296;

/** FNV-1a, so a human-readable seed ("demo-2026") maps to a stable 32-bit state. */
function hashSeed(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class Rng {
  private state: number;
  /** Second value of the last Box–Muller pair, kept so `normal` costs one log/sqrt per two draws. */
  private spareNormal: number | null = null;

  constructor(seed: number | string) {
    this.state = (typeof seed === 'string' ? hashSeed(seed) : seed) >>> 0;
  }

  /**
   * Uniform in [0, 1). An arrow property, so `rng.next` can be handed to code that
   * wants a plain `() => number` (e.g. geo's randomPointIn) without binding.
   */
  readonly next = (): number => {
    // mulberry32
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / UINT32_RANGE;
  };

  /** An independent stream, so adding draws in one concern does not shift another's sequence. */
  fork(): Rng {
    return new Rng(Math.floor(this.next() * UINT32_RANGE));
  }

  /** Uniform in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Integer in [min, max] inclusive. */
  intBetween(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Waiting time of a Poisson process with `rate` events per unit; mean 1/rate. */
  exponential(rate: number): number {
    // 1 - next() lies in (0, 1], so the log is finite.
    return -Math.log(1 - this.next()) / rate;
  }

  /** Gaussian via Box–Muller. */
  normal(mean = 0, sd = 1): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return mean + sd * z;
    }
    const u = 1 - this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return mean + sd * r * Math.cos(2 * Math.PI * v);
  }

  /** exp(N(mu, sigma)): the usual shape of service times (skewed, long right tail). */
  logNormal(mu: number, sigma: number): number {
    return Math.exp(this.normal(mu, sigma));
  }

  /** Log-normal parameterised by its median, which is easier to read and calibrate than mu. */
  logNormalMedian(median: number, sigma: number): number {
    return median * Math.exp(this.normal(0, sigma));
  }

  /** One item with probability ∝ its weight (linear scan; build a `WeightedTable` for hot paths). */
  pickWeighted<T>(items: readonly T[], weights: readonly number[]): T {
    let total = 0;
    for (const w of weights) total += w;
    let x = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      x -= weights[i];
      if (x < 0) return items[i];
    }
    return items[items.length - 1];
  }
}

export function createRng(seed: number | string): Rng {
  return new Rng(seed);
}

/** Precomputed cumulative weights: O(log n) picks for the 126-commune and category draws. */
export class WeightedTable<T> {
  private readonly cumulative: Float64Array;
  readonly total: number;

  constructor(
    readonly items: readonly T[],
    weights: readonly number[],
  ) {
    if (items.length === 0 || items.length !== weights.length) {
      throw new Error('WeightedTable needs one weight per item and at least one item');
    }
    this.cumulative = new Float64Array(items.length);
    let acc = 0;
    for (let i = 0; i < weights.length; i++) {
      const w = weights[i];
      if (!(w >= 0) || !Number.isFinite(w)) throw new Error(`bad weight ${w} at ${i}`);
      acc += w;
      this.cumulative[i] = acc;
    }
    if (acc <= 0) throw new Error('WeightedTable needs a positive total weight');
    this.total = acc;
  }

  pick(rng: Rng): T {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo];
  }

  /** Probability of item i, for tests and documentation. */
  probability(i: number): number {
    const prev = i === 0 ? 0 : this.cumulative[i - 1];
    return (this.cumulative[i] - prev) / this.total;
  }
}
