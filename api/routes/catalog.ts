import { Hono } from 'hono';
import type { AppDeps } from '../context';
import { levelQuery } from '../schemas';
import { validate } from '../validate';

/** Boundaries change once a reform; let browsers and proxies keep them for an hour. */
const BOUNDARY_CACHE_SECONDS = 3_600;

export function catalogRoutes(deps: AppDeps) {
  const { catalog } = deps.store;
  return new Hono()
    .get('/categories', async (c) => c.json({ items: await catalog.categories() }))
    .get('/areas/geojson', validate('query', levelQuery), async (c) => {
      const { level } = c.req.valid('query');
      const rows = await catalog.areas(level);
      c.header('Cache-Control', `public, max-age=${BOUNDARY_CACHE_SECONDS}`);
      return c.json({
        type: 'FeatureCollection',
        features: rows.map(({ geometry, ...props }) => ({
          type: 'Feature',
          id: props.code,
          properties: props,
          geometry,
        })),
        attribution: deps.pack.attribution,
      });
    })
    .get('/city', (c) => {
      const { code, nameVi, nameEn, shortNameVi, shortNameEn, timezone, locales, center, bbox, views, attribution } =
        deps.pack;
      const city = {
        code,
        nameVi,
        nameEn,
        shortNameVi,
        shortNameEn,
        timezone,
        locales,
        center,
        bbox,
        views,
        attribution,
        // Codes, names and parents, no geometry: the dashboard decides from them which areas a
        // chief's desk holds (core/areaScope.ts) and names an area before its shapes arrive.
        areas: deps.pack.areas.map((a) => ({
          code: a.code,
          level: a.level,
          nameVi: a.nameVi,
          nameEn: a.nameEn,
          parentCode: a.parentCode,
        })),
      };
      return c.json(city);
    });
}
