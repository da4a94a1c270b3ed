import { NO_PROXIES, type TrustedProxies } from '../auth/clientIp';
import type { Rate } from './rateLimit';

/**
 * The edge's per-deployment settings (api/env.ts parses them): whose forwarded headers to believe,
 * and the per-client limits. Unset in AppDeps = no proxies and no per-client limits (benchmarks
 * and in-process tests that are not about them); `npm start` always sets them from the env.
 */
export interface EdgeSettings {
  trustedProxies: TrustedProxies;
  /** Anonymous POST /api/reports per client; null = off. */
  filingRate: Rate | null;
  /** POST /api/auth/signin per client (auth-core slows each account on its own). */
  signinRate: Rate | null;
  /** Concurrent stream connections per client; 0 = no limit. */
  streamsPerClient: number;
}

/**
 * A citizen files a handful of reports at a time; 20 at once and then one every 3 s leaves room
 * for several people behind one address (a ward office, a carrier's NAT), while a script is held
 * to 20 a minute instead of the 1,400/s one client reached. The city's app files with a token and
 * is not counted.
 */
export const DEFAULT_FILING_RATE: Rate = { count: 20, perMs: 60_000 };
/**
 * Ten tries at once, then one every 6 s: a person mistyping a password never waits, and spraying
 * guesses over many accounts from one address is held to 600 an hour.
 */
export const DEFAULT_SIGNIN_RATE: Rate = { count: 10, perMs: 60_000 };
/**
 * A desk, a wall and a few tabs are one stream each; 20 per client leaves room for an office
 * behind one address and stops one host from taking a real share of the process's descriptors.
 */
export const DEFAULT_STREAMS_PER_CLIENT = 20;

export const NO_EDGE_LIMITS: EdgeSettings = {
  trustedProxies: NO_PROXIES,
  filingRate: null,
  signinRate: null,
  streamsPerClient: 0,
};
