import { statSync } from 'node:fs';
import { z } from 'zod';
import { DEFAULT_AUTH_SETTINGS } from './auth/authenticator';
import { DEFAULT_PRIVACY } from './privacy/settings';
import { edgeEnvFields } from './edge/envFields';
import { CITY_PACK_CODES } from '../seeds/packs';

/** `on` = the realistic city rhythm; `off` = nothing; or a fixed rate like `2/s`, `30/min`. */
const simulate = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(on|off|\d+(\.\d+)?\/(s|min|h|day))$/, 'expected on, off or a rate such as 2/s, 30/min, 600/day')
  .transform((v) => {
    if (v === 'on' || v === 'off') return { mode: v } as const;
    const [n, unit] = v.split('/');
    const perSecond = Number(n) / { s: 1, min: 60, h: 3600, day: 86_400 }[unit as 's' | 'min' | 'h' | 'day'];
    return { mode: 'rate', perSecond } as const;
  });

/** `30d` = days of history at the city's rhythm; a bare number = that many reports (load work). */
const backfill = z
  .string()
  .trim()
  .regex(/^(\d+d|\d+)$/, 'expected days such as 30d, or a report count such as 1000000')
  .transform((v) => (v.endsWith('d') ? { days: Number(v.slice(0, -1)) } : { reports: Number(v) }));

const schema = z.object({
  ...edgeEnvFields,
  // 0 = any free port (tests start several servers side by side).
  PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  SIMULATE: simulate.default({ mode: 'on' }),
  BACKFILL: backfill.default({ days: 30 }),
  // Any folder of seeds/ with a pack.json (seeds/README.md); adding a city adds a choice here.
  CITY: z
    .string()
    .refine((c) => CITY_PACK_CODES.includes(c), `expected a city pack: ${CITY_PACK_CODES.join(', ')}`)
    .default('hanoi'),
  // Session lifetimes; why these defaults: api/auth/authenticator.ts (DEFAULT_AUTH_SETTINGS).
  SESSION_IDLE_MIN: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(DEFAULT_AUTH_SETTINGS.sessionIdleMs / 60_000),
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(90 * 24)
    .default(DEFAULT_AUTH_SETTINGS.sessionMaxMs / 3_600_000),
  // Privacy (api/privacy/): how long the public waits for counts, how long contacts are kept after a report closes.
  PUBLIC_DELAY_MIN: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(DEFAULT_PRIVACY.publicDelayMin),
  CONTACT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(DEFAULT_PRIVACY.contactRetentionDays),
  // unset = the offline city-pack style; a URL = that MapLibre style instead (needs the internet).
  MAP_STYLE_URL: z
    .url({ protocol: /^https?$/, error: 'expected an http(s) URL of a MapLibre style' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  // A local .pmtiles basemap, served at /tiles/city.pmtiles; checked now so a typo fails at start.
  MAP_PMTILES: z
    .string()
    .refine(isFile, 'no such file (expected a .pmtiles basemap)')
    .optional()
    .or(z.literal('').transform(() => undefined)),
});

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export type Env = z.infer<typeof schema>;

/** Thrown with a one-line message naming the variable, for the entry point to print and exit. */
export class EnvError extends Error {}

export function parseEnv(env: Record<string, string | undefined>): Env {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const name = String(issue.path[0] ?? 'environment');
  throw new EnvError(`${name}=${JSON.stringify(env[name] ?? '')}: ${issue.message}`);
}
