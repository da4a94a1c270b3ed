import { Hono } from 'hono';
import { z } from 'zod';
import { cityClock } from '../../core/cityClock';
import { emptyTally, type Kpis, kpisFromTally, percent } from '../../db/queries/kpis';
import type { AppEnv } from '../auth/middleware';
import { checkAreaFilter, staffOnly, staffScope } from '../auth/routeScope';
import type { AppDeps } from '../context';
import { ValidationError } from '../errors';
import { isoDate } from '../schemas';
import { validate } from '../validate';
import { AREA_CODE, AREA_CODE_MESSAGE } from '../../core/cityPack';
import { describeRoute } from '../openapi/describe';

const DAY_MS = 86_400_000;
/** The desk's default window, as for the other aggregates. */
const DEFAULT_WINDOW_MS = 30 * DAY_MS;
/** League tables count per 10,000 residents, as Vietnamese statistics report rates. */
const RESIDENTS_PER_RATE = 10_000;

const window = { since: isoDate.optional(), until: isoDate.optional() };
const category = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().max(64)));

export const kpisQuery = z
  .object({
    ...window,
    area: z.string().regex(AREA_CODE, AREA_CODE_MESSAGE).optional(),
    category: category.optional(),
  })
  .strict();

/** The wall's figures: the city's, or one area's (a chief's own, as for /api/kpis). */
export const wallKpisQuery = kpisQuery.pick({ area: true }).strict();

export const areaKpisQuery = z
  .object({ ...window, level: z.enum(['district', 'commune']).default('commune'), category: category.optional() })
  .strict();

/** Resolves since/until against now: the last 30 days by default. */
export function kpiWindow(q: { since?: Date; until?: Date }, now: Date) {
  const until = q.until ?? now;
  const since = q.since ?? new Date(until.getTime() - DEFAULT_WINDOW_MS);
  if (since >= until) throw new ValidationError('since: must be before until', 'since');
  return { since, until, now };
}

const rate = (count: number, per: number | null, scale = 1) =>
  per && per > 0 ? Math.round((100 * count * scale) / per) / 100 : null;

/** Raw counts beside per-10,000-residents and per-km² rates: a big ward is not a bad ward. */
function fairRates(k: Kpis, population: number | null, areaKm2: number | null) {
  return {
    per10kResidents: {
      received: rate(k.received, population, RESIDENTS_PER_RATE),
      open: rate(k.open, population, RESIDENTS_PER_RATE),
      overdue: rate(k.overdue, population, RESIDENTS_PER_RATE),
    },
    perKm2: { received: rate(k.received, areaKm2), open: rate(k.open, areaKm2), overdue: rate(k.overdue, areaKm2) },
  };
}

/**
 * GET /api/kpis: the city's (or one area's) headline figures; GET /api/kpis/areas: the same for
 * every area of a level, the league table. Definitions: db/queries/kpis.ts. Staff only, over the
 * viewer's scope: a chief's figures are its area's, an agency's its reports'.
 *
 * GET /api/kpis/wall: what a wall screen can say at a glance, each figure over the span that gives
 * it meaning — today's flow (received and resolved since the city's local midnight), the backlog
 * now (open, and overdue of it), and the last 30 days' on-time and satisfaction shares. Not a
 * "handled %" of the last 24 hours: reports take days, so that reads ~3 % at noon.
 */
export function kpiRoutes(deps: AppDeps) {
  const { pack } = deps;
  const areas = pack.areas;
  return new Hono<AppEnv>()
    .get(
      '/kpis',
      describeRoute({
        summary: 'Headline figures (KPIs)',
        tags: ['kpis'],
        description:
          "Received, handled, in progress, rejected, overdue, on time and satisfaction, the city's or one area's. In the viewer's scope: the city's for operators and admins, a chief's area, an agency's reports. The window is `since`…`until` (ISO 8601), by default the last 30 days. Definitions: db/queries/kpis.ts.",
        responses: { 200: 'The figures' },
      }),
      staffOnly(),
      validate('query', kpisQuery),
      async (c) => {
        const { since, until, ...filter } = c.req.valid('query');
        const { scope } = staffScope(c, pack);
        checkAreaFilter(scope, filter.area, pack);
        const w = kpiWindow({ since, until }, deps.now());
        const { asOfEventId, value: tallies } = await deps.analytics.kpiTalliesAsOf(w, 'city', filter, scope);
        const kpis = kpisFromTally(tallies.get('city') ?? emptyTally());
        return c.json({
          since: w.since.toISOString(),
          until: w.until.toISOString(),
          ...(filter.area ? { area: filter.area } : {}),
          asOfEventId,
          ...kpis,
        });
      },
    )
    .get(
      '/kpis/wall',
      describeRoute({
        summary: "The wall screen's figures",
        tags: ['kpis'],
        description:
          "Today's flow (since the city's local midnight), the backlog now, and the last 30 days' on-time and satisfaction shares. In the viewer's scope: the city's for operators and admins, a chief's area, an agency's reports.",
        responses: { 200: 'The figures' },
      }),
      staffOnly(),
      validate('query', wallKpisQuery),
      async (c) => {
        const filter = c.req.valid('query');
        const { scope } = staffScope(c, pack);
        checkAreaFilter(scope, filter.area, pack);
        const now = deps.now();
        const today = { since: new Date(cityClock(pack.timezone).startOfLocalDay(now)), until: now, now };
        const month = kpiWindow({}, now);
        const [day, last30] = await Promise.all([
          deps.analytics.kpiTalliesAsOf(today, 'city', filter, scope),
          deps.analytics.kpiTalliesAsOf(month, 'city', filter, scope),
        ]);
        const d = day.value.get('city') ?? emptyTally();
        const m = last30.value.get('city') ?? emptyTally();
        return c.json({
          ...(filter.area ? { area: filter.area } : {}),
          // Both tallies reflect at least this event: a client applies the stream from here.
          asOfEventId: Math.min(day.asOfEventId, last30.asOfEventId),
          today: {
            since: today.since.toISOString(),
            until: now.toISOString(),
            localDay: cityClock(pack.timezone).localDay(now),
            received: d.received,
            resolved: d.resolved,
          },
          backlog: { open: d.open, overdue: d.overdue, overduePct: percent(d.overdue, d.open) },
          last30Days: {
            since: month.since.toISOString(),
            until: month.until.toISOString(),
            judged: m.judged,
            onTime: m.onTime,
            onTimePct: percent(m.onTime, m.judged),
            rated: m.rated,
            satisfied: m.satisfied,
            satisfactionPct: percent(m.satisfied, m.rated),
          },
        });
      },
    )
    .get(
      '/kpis/areas',
      describeRoute({
        summary: 'The league table: KPIs per area',
        tags: ['kpis'],
        description:
          "Every district or commune of the viewer's scope, raw counts beside rates per 10,000 residents and per km². The window is `since`…`until` (ISO 8601), by default the last 30 days.",
        responses: { 200: 'One row per area' },
      }),
      staffOnly(),
      validate('query', areaKpisQuery),
      async (c) => {
        const { since, until, level, category: categories } = c.req.valid('query');
        const { scope } = staffScope(c, pack);
        const w = kpiWindow({ since, until }, deps.now());
        const { asOfEventId, value: tallies } = await deps.analytics.kpiTalliesAsOf(
          w,
          level,
          { category: categories },
          scope,
        );
        // A chief's league table lists the units inside its area (a district chief's communes) and
        // any other its reports fall in, not the rest of the city with zeros.
        const own = scope.areaCodes && new Set(scope.areaCodes);
        const items = areas
          .filter((a) => a.level === level && (!own || own.has(a.code) || tallies.has(a.code)))
          .sort((a, b) => (a.code < b.code ? -1 : 1))
          .map((a) => {
            const kpis = kpisFromTally(tallies.get(a.code) ?? emptyTally());
            return {
              code: a.code,
              nameVi: a.nameVi,
              nameEn: a.nameEn,
              parentCode: a.parentCode,
              population: a.population,
              areaKm2: a.areaKm2,
              ...kpis,
              ...fairRates(kpis, a.population, a.areaKm2),
            };
          });
        return c.json({ level, since: w.since.toISOString(), until: w.until.toISOString(), asOfEventId, items });
      },
    );
}
