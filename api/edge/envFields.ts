import { z } from 'zod';
import { parseTrustedProxies, type TrustedProxies } from '../auth/clientIp';
import { parseRate, type Rate } from './rateLimit';
import { DEFAULT_FILING_RATE, DEFAULT_SIGNIN_RATE, DEFAULT_STREAMS_PER_CLIENT, type EdgeSettings } from './settings';

/** Parses with `parse`, turning its Error into the schema's one clear issue. */
function parsed<T>(parse: (v: string) => T) {
  return (v: string, ctx: z.RefinementCtx): T => {
    try {
      return parse(v);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: e instanceof Error ? e.message : String(e) });
      return z.NEVER;
    }
  };
}

/** The edge's variables, spread into api/env.ts's schema. */
export const edgeEnvFields = {
  // CIDR list of the reverse proxies in front (e.g. 10.0.0.0/8,::1); default none: forwarded
  // headers from anyone else are ignored.
  TRUSTED_PROXIES: z.string().default('').transform(parsed(parseTrustedProxies)),
  // Anonymous filing per client: `20/min` (default), `5/s`, `100/h` or `off` (load tests).
  FILING_RATE_LIMIT: z.string().default(`${DEFAULT_FILING_RATE.count}/min`).transform(parsed(parseRate)),
  // Concurrent stream connections per client; 0 = no limit.
  STREAMS_PER_CLIENT: z.coerce.number().int().min(0).max(100_000).default(DEFAULT_STREAMS_PER_CLIENT),
};

/** The parsed variables as the app's EdgeSettings. */
export function edgeSettingsOf(env: {
  TRUSTED_PROXIES: TrustedProxies;
  FILING_RATE_LIMIT: Rate | null;
  STREAMS_PER_CLIENT: number;
}): EdgeSettings {
  return {
    trustedProxies: env.TRUSTED_PROXIES,
    filingRate: env.FILING_RATE_LIMIT,
    signinRate: DEFAULT_SIGNIN_RATE,
    streamsPerClient: env.STREAMS_PER_CLIENT,
  };
}
