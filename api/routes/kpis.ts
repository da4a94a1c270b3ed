import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../context';
import { ValidationError } from '../errors';
import { validate } from '../validate';

const DAY_MS = 86_400_000;
/** The desk's default window, as for the other aggregates. */
const DEFAULT_WINDOW_MS = 30 * DAY_MS;

const isoDate = z.iso.datetime({ offset: true }).or(z.iso.date()).transform((s) => new Date(s));

export const kpisQuery = z
  .object({
    since: isoDate.optional(),
    until: isoDate.optional(),
    area: z.string().regex(/^\d{3}(\d{2})?$/, 'must be a district (3-digit) or commune (5-digit) code').optional(),
    category: z
      .string()
      .transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean))
      .pipe(z.array(z.string().max(64)))
      .optional(),
  })
  .strict();

/** Resolves since/until against now: the last 30 days by default. */
export function kpiWindow(q: { since?: Date; until?: Date }, now: Date) {
  const until = q.until ?? now;
  const since = q.since ?? new Date(until.getTime() - DEFAULT_WINDOW_MS);
  if (since >= until) throw new ValidationError('since: must be before until', 'since');
  return { since, until, now };
}

/** GET /api/kpis: the operator desk's headline figures (see db/queries/kpis.ts for definitions). */
export function kpiRoutes(deps: AppDeps) {
  return new Hono().get('/kpis', validate('query', kpisQuery), async (c) => {
    const { since, until, ...filter } = c.req.valid('query');
    const w = kpiWindow({ since, until }, deps.now());
    const kpis = await deps.store.kpis(w, filter);
    return c.json({ since: w.since.toISOString(), until: w.until.toISOString(), ...(filter.area ? { area: filter.area } : {}), ...kpis });
  });
}
