import { Hono } from 'hono';
import { publicOrigin } from '../auth/clientIp';
import type { AppDeps } from '../context';
import { NotFound } from '../errors';
import { cityMask } from '../map/mask';
import { serveFileRange } from '../map/rangeFile';
import { offlineStyle, protomapsStyle } from '../map/style';
import { describeRoute } from '../openapi/describe';

/**
 * The style and mask change only with the pack; an hour's cache, like the boundaries. The style's
 * absolute URLs (MapLibre loads sources in a worker, where relative ones do not resolve) come from
 * the request's origin as api/auth/clientIp.ts decides it: forwarded headers only from TRUSTED_PROXIES.
 */
const STYLE_CACHE_SECONDS = 3_600;
const PMTILES_TYPE = 'application/vnd.pmtiles';

/** `/api/map/*`: what the dashboard needs to draw a basemap, online or not. */
export function mapRoutes(deps: AppDeps) {
  const { pack } = deps;
  const settings = deps.map ?? {};
  const mask = cityMask(pack.boundary);
  return new Hono()
    .get(
      '/config',
      describeRoute({
        summary: 'The basemap configuration',
        tags: ['map'],
        responses: { 200: 'The style URL, centre, bounding box and attribution' },
      }),
      (c) =>
        c.json({
          styleUrl: settings.styleUrl ?? `${publicOrigin(c)}/api/map/style.json`,
          pmtiles: Boolean(settings.pmtilesFile),
          center: pack.center,
          bbox: pack.bbox,
          attribution: pack.attribution,
        }),
    )
    .get(
      '/style.json',
      describeRoute({
        summary: "The basemap's MapLibre style",
        tags: ['map'],
        description: "Offline (the city pack's own layers) or over the PMTiles archive when one is configured.",
        responses: { 200: 'A MapLibre style' },
      }),
      (c) => {
        const origin = publicOrigin(c);
        c.header('Cache-Control', `public, max-age=${STYLE_CACHE_SECONDS}`);
        return c.json(settings.pmtilesFile ? protomapsStyle(origin, pack) : offlineStyle(origin, pack));
      },
    )
    .get(
      '/mask.geojson',
      describeRoute({
        summary: 'The mask outside the city',
        tags: ['map'],
        responses: { 200: 'A FeatureCollection of one polygon' },
      }),
      (c) => {
        c.header('Cache-Control', `public, max-age=${STYLE_CACHE_SECONDS}`);
        return c.json({ type: 'FeatureCollection', features: [mask] });
      },
    );
}

/** `/tiles/city.pmtiles`, with HTTP range requests, when MAP_PMTILES names a file. */
export function tileRoutes(deps: AppDeps) {
  const file = deps.map?.pmtilesFile;
  const serve = (req: Request) => {
    if (!file) throw new NotFound('Basemap tiles (set MAP_PMTILES)');
    return serveFileRange(file, req, PMTILES_TYPE);
  };
  // Hono answers HEAD from the GET handler, dropping the body; serveFileRange skips the read for HEAD anyway.
  return new Hono().get('/city.pmtiles', (c) => serve(c.req.raw));
}
