import type { Context, MiddlewareHandler } from 'hono';
import { clientKey, clientOf } from '../auth/clientIp';
import { AppError } from '../errors';

/** So many requests, refilled evenly over `perMs`: `{ count: 20, perMs: 60_000 }` is 20 a minute. */
export interface Rate {
  count: number;
  perMs: number;
}

/** `20/min`, `5/s`, `100/h` → a Rate; `off` → null. */
export function parseRate(text: string): Rate | null {
  const m = /^\s*(?:(off)|(\d+)\s*\/\s*(s|min|h))\s*$/i.exec(text);
  if (!m) throw new Error('expected a rate such as 20/min, 5/s, 100/h, or off');
  if (m[1]) return null;
  const perMs = { s: 1_000, min: 60_000, h: 3_600_000 }[m[3].toLowerCase() as 's' | 'min' | 'h'];
  return { count: Number(m[2]), perMs };
}

/**
 * Buckets are forgotten once full again, and never more than this many are kept: an attacker
 * walking through addresses costs memory up to here (~100 bytes each), then the oldest go.
 */
const MAX_BUCKETS = 100_000;

export class RateLimited extends AppError {
  constructor(readonly retryAfterS: number) {
    super(
      429,
      'rate_limited',
      `Too many requests; retry in ${retryAfterS} s / Quá nhiều yêu cầu; vui lòng thử lại sau ${retryAfterS} giây`,
    );
    this.headers = { 'Retry-After': String(retryAfterS) };
  }
}

/**
 * A token bucket per key: `count` requests at once, then one every `perMs / count`. Pure apart
 * from the clock it is given.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(
    private readonly rate: Rate,
    private readonly now: () => number = Date.now,
  ) {}

  /** 0 when a request may go now (and takes its token), else the seconds until one may. */
  take(key: string): number {
    const t = this.now();
    const msPerToken = this.rate.perMs / this.rate.count;
    const b = this.buckets.get(key);
    const tokens = b ? Math.min(this.rate.count, b.tokens + (t - b.at) / msPerToken) : this.rate.count;
    const allowed = tokens >= 1;
    // Re-inserted, so the map stays in order of last use and the front is the oldest.
    this.buckets.delete(key);
    this.buckets.set(key, { tokens: allowed ? tokens - 1 : tokens, at: t });
    this.forget(t, msPerToken);
    return allowed ? 0 : Math.max(1, Math.ceil(((1 - tokens) * msPerToken) / 1_000));
  }

  /** Drops buckets that have refilled (they hold nothing worth remembering), oldest first, and any over the cap. */
  private forget(t: number, msPerToken: number) {
    for (const [key, b] of this.buckets) {
      const full = b.tokens + (t - b.at) / msPerToken >= this.rate.count;
      if (!full && this.buckets.size <= MAX_BUCKETS) break;
      this.buckets.delete(key);
    }
  }

  get size(): number {
    return this.buckets.size;
  }
}

/**
 * Refuses a client over `rate` with 429 `rate_limited` and Retry-After. `exempt` lets accountable
 * callers through (a signed-in desk, the city's app with its token). A request without a TCP peer
 * (in-process `app.request`) has no client to count and is not limited.
 */
export function rateLimit(
  rate: Rate | null,
  opts: { exempt?: (c: Context) => boolean; now?: () => number } = {},
): MiddlewareHandler {
  if (!rate) return (_c, next) => next();
  const buckets = new TokenBuckets(rate, opts.now);
  return async (c, next) => {
    const client = clientOf(c);
    if (client.known && !opts.exempt?.(c)) {
      const wait = buckets.take(clientKey(client.ip));
      if (wait > 0) throw new RateLimited(wait);
    }
    await next();
  };
}
