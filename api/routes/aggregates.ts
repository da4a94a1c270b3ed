import { type Context, Hono } from 'hono';
import type { AppEnv } from '../auth/middleware';
import { checkAreaFilter, staffOnly, staffScope } from '../auth/routeScope';
import type { AppDeps } from '../context';
import { ValidationError } from '../errors';
import { areaSeriesQuery, areasQuery, hexesQuery, timeseriesQuery } from '../schemas';
import { validate } from '../validate';
import { describeRoute } from '../openapi/describe';

const MS_PER_HOUR = 3_600_000;
const DEFAULT_WINDOW_MS = 30 * 24 * MS_PER_HOUR;
/** Caps on buckets per request, so one query cannot ask for years of hours. */
const MAX_BUCKETS = { hour: 24 * 92, day: 366 * 3 } as const;

function windowOf(q: { since?: Date; until?: Date }, now: Date) {
  const until = q.until ?? now;
  const since = q.since ?? new Date(until.getTime() - DEFAULT_WINDOW_MS);
  if (since >= until) throw new ValidationError('since: must be before until', 'since');
  return { since, until, now };
}

function checkBuckets(w: { since: Date; until: Date }, bucket: 'hour' | 'day') {
  const buckets = (w.until.getTime() - w.since.getTime()) / (bucket === 'hour' ? MS_PER_HOUR : 24 * MS_PER_HOUR);
  if (buckets > MAX_BUCKETS[bucket]) {
    throw new ValidationError(`since: at most ${MAX_BUCKETS[bucket]} ${bucket} buckets per request`, 'since');
  }
}

/** Staff only; each viewer counts the reports of its scope (api/auth/viewer.ts scopeOf). */
export function aggregateRoutes(deps: AppDeps) {
  const { store, pack } = deps;
  /** The viewer's scope, with its `?area=` checked against it. */
  const scoped = (c: Context<AppEnv>, area: string | undefined) => {
    const { scope } = staffScope(c, pack);
    checkAreaFilter(scope, area, pack);
    return scope;
  };
  return new Hono<AppEnv>()
    .get(
      '/hexes',
      describeRoute({
        summary: 'Report counts per H3 cell',
        tags: ['aggregates'],
        description:
          "In the viewer's scope: the city's for operators and admins, a chief's area, an agency's reports. The window is `since`…`until` (ISO 8601), by default the last 30 days. `asOfEventId`: the stream resumes from there.",
        responses: { 200: 'Counts per cell at resolution `res`' },
      }),
      staffOnly(),
      validate('query', hexesQuery),
      async (c) => {
        const { res, since, until, ...filter } = c.req.valid('query');
        const scope = scoped(c, filter.area);
        const w = windowOf({ since, until }, deps.now());
        const { asOfEventId, value: cells } = await store.snapshot((s) =>
          s.aggregates.hexCounts(res, w, filter, scope),
        );
        return c.json({ res, since: w.since.toISOString(), until: w.until.toISOString(), asOfEventId, cells });
      },
    )
    .get(
      '/areas',
      describeRoute({
        summary: 'Report counts per area',
        tags: ['aggregates'],
        description:
          "In the viewer's scope: the city's for operators and admins, a chief's area, an agency's reports. The window is `since`…`until` (ISO 8601), by default the last 30 days.",
        responses: { 200: 'Counts per district or commune' },
      }),
      staffOnly(),
      validate('query', areasQuery),
      async (c) => {
        const { level, since, until, ...filter } = c.req.valid('query');
        const scope = scoped(c, filter.area);
        const w = windowOf({ since, until }, deps.now());
        const { asOfEventId, value: items } = await store.snapshot((s) =>
          s.aggregates.areaCounts(level, w, filter, scope),
        );
        return c.json({ level, since: w.since.toISOString(), until: w.until.toISOString(), asOfEventId, items });
      },
    )
    .get(
      '/areas/series',
      describeRoute({
        summary: 'Report counts per area over time',
        tags: ['aggregates'],
        description:
          "In the viewer's scope: the city's for operators and admins, a chief's area, an agency's reports. The window is `since`…`until` (ISO 8601), by default the last 30 days. Hour or day buckets, capped per request.",
        responses: { 200: 'A series per area' },
      }),
      staffOnly(),
      validate('query', areaSeriesQuery),
      async (c) => {
        const { level, bucket, since, until, ...filter } = c.req.valid('query');
        const scope = scoped(c, filter.area);
        const w = windowOf({ since, until }, deps.now());
        checkBuckets(w, bucket);
        const { asOfEventId, value } = await store.snapshot((s) =>
          s.aggregates.areaSeries(level, bucket, w, filter, scope),
        );
        return c.json({ level, bucket, asOfEventId, ...value });
      },
    )
    .get(
      '/timeseries',
      describeRoute({
        summary: 'Report counts over time',
        tags: ['aggregates'],
        description:
          "In the viewer's scope: the city's for operators and admins, a chief's area, an agency's reports. The window is `since`…`until` (ISO 8601), by default the last 30 days. Hour or day buckets in the city's time zone, capped per request.",
        responses: { 200: 'Points per bucket' },
      }),
      staffOnly(),
      validate('query', timeseriesQuery),
      async (c) => {
        const { bucket, since, until, ...filter } = c.req.valid('query');
        const scope = scoped(c, filter.area);
        const w = windowOf({ since, until }, deps.now());
        checkBuckets(w, bucket);
        const { asOfEventId, value: points } = await store.snapshot((s) =>
          s.aggregates.timeseries(bucket, w, filter, scope),
        );
        return c.json({
          bucket,
          timezone: deps.pack.timezone,
          since: w.since.toISOString(),
          until: w.until.toISOString(),
          asOfEventId,
          points,
        });
      },
    );
}
