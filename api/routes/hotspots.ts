import { Hono } from 'hono';
import { z } from 'zod';
import { HOTSPOT_ROLES } from '../../core/roles';
import { locateAreas } from '../../geo/areaIndex';
import { cellAreasByCentre } from '../analytics/hotspotModel';
import { HOTSPOT_RES } from '../analytics/studyArea';
import type { AppEnv } from '../auth/middleware';
import { staffOnly, staffScope } from '../auth/routeScope';
import type { AppDeps } from '../context';
import { validate } from '../validate';
import { describeRoute } from '../openapi/describe';

/** Tries for a model exactly at the mirror's applied event before answering with one a little ahead. */
const MIRROR_READ_ATTEMPTS = 2;

/** Rings wider than 3 at res 8 (~37 cells, ~6 km across) stop describing a neighbourhood. */
const MAX_RING_K = 3;

export const hotspotsQuery = z
  .object({
    metric: z.enum(['open', 'overdue']).default('open'),
    k: z.coerce.number().int().min(1).max(MAX_RING_K).optional(),
    fdr: z
      .enum(['true', 'false', '1', '0'])
      .transform((v) => v === 'true' || v === '1')
      .optional(),
  })
  .strict();

/**
 * GET /api/hotspots: Getis-Ord Gi* per res-8 cell of the backlog now (cells with reports or a
 * significant z, hottest first; the rest of the study area are zeros that only shape the mean), the emerging
 * pattern of each cell (open backlog at the maintained k), and the areas flagged now with why.
 *
 * The operations centre's view of the city; a chief gets the cells whose centre lies in its area
 * and its area's flags. Not for an agency: the model is of every agency's backlog together, and
 * an agency's scope is its reports, not a place.
 */
export function hotspotRoutes(deps: AppDeps) {
  const names = new Map(deps.pack.areas.map((a) => [a.code, a]));
  const areasOfCell = cellAreasByCentre((lat, lng) =>
    locateAreas(deps.intake.districts, deps.intake.communes, lat, lng),
  );
  // The study area's cells are fixed between rebuilds: each is located once.
  const placed = new Map<string, ReturnType<typeof areasOfCell>>();
  const cellIn = (cell: string, codes: ReadonlySet<string>) => {
    let a = placed.get(cell);
    if (!a) placed.set(cell, (a = areasOfCell(cell)));
    return (a.district !== null && codes.has(a.district)) || (a.commune !== null && codes.has(a.commune));
  };
  return new Hono<AppEnv>().get(
    '/hotspots',
    describeRoute({
      summary: 'Hotspots of the backlog',
      tags: ['hotspots'],
      description:
        "Getis-Ord Gi* per res-8 H3 cell (hottest first), each cell's emerging pattern, and the areas flagged now with why. A chief gets its area's cells and flags.",
      responses: { 200: 'Cells, flags and the rule they were computed by' },
    }),
    staffOnly(...HOTSPOT_ROLES),
    validate('query', hotspotsQuery),
    async (c) => {
      const q = c.req.valid('query');
      const { scope } = staffScope(c, deps.pack, ...HOTSPOT_ROLES);
      const own = scope.areaCodes ? new Set(scope.areaCodes) : null;
      const { analytics, store } = deps;
      const model = analytics.hotspots.model;
      const k = q.k ?? model.opts.k;
      const fdr = q.fdr ?? false;
      const cellsNow = () =>
        model
          .cells(q.metric, k, fdr)
          .filter((x) => (x.value > 0 || x.bin !== 0) && (!own || cellIn(x.cell, own)))
          .sort((a, b) => b.z - a.z)
          .map(({ area: _area, local: _local, ...x }) => ({ ...x, z: round(x.z, 3), p: round(x.p, 5) }));
      let asOfEventId = 0;
      let cells: ReturnType<typeof cellsNow> = [];
      for (let attempt = 0; attempt < MIRROR_READ_ATTEMPTS; attempt++) {
        await analytics.settle();
        // Read with the cells, in one synchronous step: no batch lands in between.
        asOfEventId = analytics.mirror.appliedEventId;
        cells = cellsNow();
        // The mirror re-reads rows as they are now, so the cells are exactly the log up to
        // asOfEventId only if nothing was committed after it (else they may be a little ahead).
        if ((await store.events.eventBounds()).maxId === asOfEventId) break;
      }
      const flags = (await store.hotspots.hotspotFlags())
        .filter((f) => !own || own.has(f.code))
        .map((f) => ({
          code: f.code,
          level: f.level,
          nameVi: names.get(f.code)?.nameVi ?? null,
          nameEn: names.get(f.code)?.nameEn ?? null,
          flaggedAt: f.flaggedAt.toISOString(),
          reasons: f.reasons,
          trend: f.trend,
        }));
      return c.json({
        res: HOTSPOT_RES,
        metric: q.metric,
        k,
        fdr,
        // How the flags are computed, which need not match this request's k and fdr.
        flagRule: { k: model.opts.k, fdr: model.opts.fdr, days: model.opts.days },
        studyCells: model.index.cells.length,
        asOfEventId,
        cells,
        flags,
      });
    },
  );
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
