import { Hono } from 'hono';
import type { AppEnv } from '../auth/middleware';
import { checkAreaFilter, staffOnly, staffScope } from '../auth/routeScope';
import type { AppDeps } from '../context';
import { kpisQuery, kpiWindow } from '../routes/kpis';
import { validate } from '../validate';
import { describeRoute } from '../openapi/describe';

const HANDLERS = ['admin', 'operator', 'chief'] as const;

/**
 * GET /api/kpis/initiatives — the initiatives' figures over the KPIs' window (default the last 30
 * days), in the viewer's scope: submitted, answered, implemented, declined, published, awaiting an
 * answer now, and the median hours from submission to the first answer. Definitions:
 * db/queries/initiativeReads.ts (InitiativeKpis, the one shape). Agencies handle no initiatives.
 */
export function initiativeKpiRoutes(deps: AppDeps) {
  const { pack } = deps;
  const query = kpisQuery.omit({ category: true }).strict();
  return new Hono<AppEnv>().get(
    '/kpis/initiatives',
    describeRoute({
      summary: "Initiatives' figures",
      tags: ['kpis'],
      description:
        "Submitted, answered, implemented, declined, published, awaiting an answer, and the median hours to the first answer, in the viewer's scope. The window is `since`…`until` (ISO 8601), by default the last 30 days.",
      responses: { 200: 'The figures' },
    }),
    staffOnly(...HANDLERS),
    validate('query', query),
    async (c) => {
      const { since, until, area } = c.req.valid('query');
      const { scope } = staffScope(c, pack, ...HANDLERS);
      checkAreaFilter(scope, area, pack);
      const w = kpiWindow({ since, until }, deps.now());
      const { asOfEventId, value } = await deps.store.initiatives.kpis(w, area, scope);
      return c.json({
        since: w.since.toISOString(),
        until: w.until.toISOString(),
        ...(area ? { area } : {}),
        asOfEventId,
        ...value,
      });
    },
  );
}
