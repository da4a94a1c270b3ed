import { Hono } from 'hono';
import type { AppDeps } from '../context';
import { levelQuery } from '../schemas';
import { validate } from '../validate';
import { describeRoute } from '../openapi/describe';

/** Boundaries change once a reform; let browsers and proxies keep them for an hour. */
const BOUNDARY_CACHE_SECONDS = 3_600;

export function catalogRoutes(deps: AppDeps) {
  const { catalog } = deps.store;
  return new Hono()
    .get(
      '/categories',
      describeRoute({
        summary: 'Report categories',
        tags: ['city'],
        description: 'Codes, groups, names (vi, en), agencies and severities, from the city pack.',
        responses: { 200: 'The categories' },
      }),
      async (c) => c.json({ items: await catalog.categories() }),
    )
    .get(
      '/areas/geojson',
      describeRoute({
        summary: 'Area boundaries (GeoJSON)',
        tags: ['city'],
        description: 'Districts or communes with their codes, names and population; cacheable for an hour.',
        responses: { 200: 'A FeatureCollection, with its attribution' },
      }),
      validate('query', levelQuery),
      async (c) => {
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
      },
    )
    .get(
      '/city',
      describeRoute({
        summary: 'The city',
        tags: ['city'],
        description:
          "Languages, names, time zone, locales, centre, bounding box, default views, attribution, level names and code patterns, the basemap kind, and every area's code, level, names and parent (no geometry).",
        responses: { 200: 'The city' },
      }),
      (c) => {
        const { code, languages, nameVi, nameEn, shortNameVi, shortNameEn, timezone, locales, center, bbox, views } =
          deps.pack;
        const { attribution, levels, map } = deps.pack;
        const city = {
          code,
          // The languages the dashboard offers, the first its default; a one-language pack offers only it.
          languages,
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
          // Level names as the user reads them ("Borough", "Phường/xã (2025)") and the shape of their codes.
          levels,
          basemap: map.basemap,
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
      },
    );
}
