import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { z } from 'zod';
import { emptyTally, kpisFromTally } from '../../db/queries/kpis';
import type { AreaFeature } from '../../core/cityPack';
import { PUBLIC_MIN_REPORTS_PER_CELL, type PublicRes, type PublicWindow } from '../../db/queries/publicAggregates';
import type { Store } from '../../db/store';
import type { AppDeps } from '../context';
import { ValidationError } from '../errors';
import { isoDate } from '../schemas';
import { validate } from '../validate';
import { publicAreaTotals, publicCellTotals } from '../privacy/publicBlocks';
import { PUBLIC_WINDOW_MIN, publicCutoff, snapToPublicGrid } from '../stream/publicCounts';
import { kpiWindow } from './kpis';
import { describeRoute } from '../openapi/describe';

/**
 * The press and public API (`/api/public/*`): counts on coarse cells and areas, KPIs and trends.
 * Private by construction: these routes reach the database only through the public aggregate
 * queries (and the count-only KPI figures and series queries), which select no text, contact or point.
 */

const DAY_MS = 86_400_000;
/** A year and a bit: enough for a year-on-year story, small enough to stay cheap. */
const MAX_WINDOW_MS = 400 * DAY_MS;
const MAX_BUCKETS = { hour: 24 * 92, day: 400 } as const;
/** Embeds refetch often; a minute of staleness is fine for the press and spares the database. */
const PUBLIC_CACHE_SECONDS = 60;

export const categories = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^[a-z][a-z0-9_]{1,39}$/)));
export const window = { since: isoDate.optional(), until: isoDate.optional() };

const hexesQuery = z
  .object({ ...window, res: z.coerce.number().int().min(6).max(8).default(7), category: categories.optional() })
  .strict();
const kpisQuery = z.object(window).strict();
const seriesQuery = z
  .object({ ...window, bucket: z.enum(['hour', 'day']).default('day'), category: categories.optional() })
  .strict();
const areasQuery = z
  .object({ ...window, level: z.enum(['district', 'commune']).default('district'), category: categories.optional() })
  .strict();

/**
 * The window a public request reads: on the public stream's grid and never past the public cutoff
 * (api/stream/publicCounts.ts), so nothing fresher than PUBLIC_DELAY_MIN is counted and a page can
 * add the stream's `public.counts` windows from `until` on without counting a report twice.
 */
export function publicWindow(q: { since?: Date; until?: Date }, now: Date, delayMin: number) {
  const cutoff = publicCutoff(now, delayMin);
  const onGrid = (d: Date | undefined) => (d ? snapToPublicGrid(d) : undefined);
  const until = q.until && q.until < cutoff ? onGrid(q.until) : cutoff;
  if (q.since && onGrid(q.since)! >= until!) {
    const field = q.until && q.until < cutoff ? 'until' : 'since';
    throw new ValidationError(
      `${field}: the public window must end after it starts, and no later than ${cutoff.toISOString()} (data is delayed by ${delayMin} minutes)`,
      field,
    );
  }
  const w = kpiWindow({ since: onGrid(q.since), until }, cutoff);
  if (w.until.getTime() - w.since.getTime() > MAX_WINDOW_MS) {
    throw new ValidationError(`since: a window of at most ${MAX_WINDOW_MS / DAY_MS} days`, 'since');
  }
  return w;
}

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The public cells of a window, by cell: what /hexes answers and the public export writes. */
export async function publicCells(store: Store, res: PublicRes, w: PublicWindow) {
  const { asOfEventId, value: blocks } = await store.snapshot((s) => s.publicAggregates.cellBlocks(res, w));
  const cells = [...publicCellTotals(blocks)].sort(([a], [b]) => byCode(a, b)).map(([cell, n]) => ({ cell, ...n }));
  return { asOfEventId, cells };
}

/** The public areas of a level over a window, by code: what /areas answers and the public export writes. */
export async function publicAreas(
  store: Store,
  areas: readonly AreaFeature[],
  level: AreaFeature['level'],
  w: PublicWindow,
) {
  const { asOfEventId, value: blocks } = await store.snapshot((s) => s.publicAggregates.areaBlocks(w));
  const totals = publicAreaTotals(blocks, areas, level);
  const items = areas
    .filter((a) => a.level === level && totals.has(a.code))
    .sort((a, b) => byCode(a.code, b.code))
    .map((a) => ({ code: a.code, nameVi: a.nameVi, nameEn: a.nameEn, ...totals.get(a.code)! }));
  return { asOfEventId, items };
}

const iso = (w: { since: Date; until: Date }) => ({ since: w.since.toISOString(), until: w.until.toISOString() });

export function publicRoutes(deps: AppDeps) {
  const { store } = deps;
  const delayMin = deps.privacy.settings.publicDelayMin;
  // Every public answer says how late it is, so a page shows the server's delay, not its own guess.
  const lag = { delayMin, windowMin: PUBLIC_WINDOW_MIN };
  return new Hono()
    .use('*', cors({ origin: '*', allowMethods: ['GET'] }))
    .use('*', async (c, next) => {
      await next();
      if (c.res.status === 200) c.header('Cache-Control', `public, max-age=${PUBLIC_CACHE_SECONDS}`);
    })
    .get(
      '/hexes',
      describeRoute({
        summary: 'Public report counts per coarse H3 cell',
        tags: ['public'],
        description:
          "Public and CORS-open; cacheable for a minute. Counts only, delayed by the public delay (`delayMin`), on the public stream's window grid; no text, contact or exact point. Resolution 6–8; cells with fewer than `minReportsPerCell` reports are left out.",
        responses: { 200: 'Counts per cell' },
      }),
      validate('query', hexesQuery),
      async (c) => {
        const { res, category, ...q } = c.req.valid('query');
        const w = publicWindow(q, deps.now(), delayMin);
        const { asOfEventId, cells } = await publicCells(store, res as PublicRes, { ...w, category });
        return c.json({ res, ...iso(w), ...lag, minReportsPerCell: PUBLIC_MIN_REPORTS_PER_CELL, asOfEventId, cells });
      },
    )
    .get(
      '/kpis',
      describeRoute({
        summary: 'Public headline figures',
        tags: ['public'],
        description:
          "Public and CORS-open; cacheable for a minute. Counts only, delayed by the public delay (`delayMin`), on the public stream's window grid; no text, contact or exact point. Shares only for on-time and satisfaction.",
        responses: { 200: 'The figures' },
      }),
      validate('query', kpisQuery),
      async (c) => {
        const w = publicWindow(c.req.valid('query'), deps.now(), delayMin);
        const { asOfEventId, value: tallies } = await deps.analytics.kpiTalliesAsOf(w, 'city', {});
        const k = kpisFromTally(tallies.get('city') ?? emptyTally());
        // Shares only: on-time and satisfaction are city-wide aggregates, nothing about a report.
        const { received, handledPct, inProgressPct, rejectedPct, overdue, overduePct, onTimePct, satisfactionPct } = k;
        return c.json({
          ...iso(w),
          ...lag,
          received,
          handledPct,
          inProgressPct,
          rejectedPct,
          overdue,
          overduePct,
          onTimePct,
          satisfactionPct,
          asOfEventId,
        });
      },
    )
    .get(
      '/timeseries',
      describeRoute({
        summary: 'Public counts over time',
        tags: ['public'],
        description:
          "Public and CORS-open; cacheable for a minute. Counts only, delayed by the public delay (`delayMin`), on the public stream's window grid; no text, contact or exact point.",
        responses: { 200: 'Points per bucket' },
      }),
      validate('query', seriesQuery),
      async (c) => {
        const { bucket, category, ...q } = c.req.valid('query');
        const w = publicWindow(q, deps.now(), delayMin);
        const buckets = (w.until.getTime() - w.since.getTime()) / (bucket === 'hour' ? DAY_MS / 24 : DAY_MS);
        if (buckets > MAX_BUCKETS[bucket])
          throw new ValidationError(`since: at most ${MAX_BUCKETS[bucket]} ${bucket} buckets`, 'since');
        const { asOfEventId, value: points } = await store.snapshot((s) =>
          s.aggregates.timeseries(bucket, w, { category }),
        );
        return c.json({ bucket, timezone: deps.pack.timezone, ...iso(w), ...lag, asOfEventId, points });
      },
    )
    .get(
      '/areas',
      describeRoute({
        summary: 'Public counts per area',
        tags: ['public'],
        description:
          "Public and CORS-open; cacheable for a minute. Counts only, delayed by the public delay (`delayMin`), on the public stream's window grid; no text, contact or exact point.",
        responses: { 200: 'Counts per district or commune' },
      }),
      validate('query', areasQuery),
      async (c) => {
        const { level, category, ...q } = c.req.valid('query');
        const w = publicWindow(q, deps.now(), delayMin);
        const { asOfEventId, items } = await publicAreas(store, deps.pack.areas, level, { ...w, category });
        return c.json({ level, ...iso(w), ...lag, asOfEventId, items });
      },
    );
}
