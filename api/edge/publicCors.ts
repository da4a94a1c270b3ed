import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

/**
 * What any site may read from a browser: the public data (counts on coarse hexes, KPIs, trends),
 * the public stream, and what drawing them takes (the city, its categories, its boundaries and
 * the basemap style). Nothing here depends on who asks, so `*` without credentials is safe;
 * every other route answers without Access-Control-Allow-Origin, and browsers refuse it to
 * other origins.
 */
export const PUBLIC_CORS_PATHS = [
  /^\/api\/public(\/|$)/,
  /^\/api\/city$/,
  /^\/api\/categories$/,
  /^\/api\/areas\/geojson$/,
  /^\/api\/map\/(style\.json|mask\.geojson|config)$/,
];

/** The anonymous stream is the public audience whatever it asks (api/routes/stream.ts). */
function isPublicStream(path: string, search: URLSearchParams): boolean {
  return path === '/api/stream' && search.get('audience') === 'public' && !search.has('area');
}

export function isPublicCorsPath(path: string, search = new URLSearchParams()): boolean {
  return PUBLIC_CORS_PATHS.some((re) => re.test(path)) || isPublicStream(path, search);
}

/** hono/cors, `*`, GET (and HEAD) only, no credentials, on the public paths; nothing elsewhere. */
export function publicCors(): MiddlewareHandler {
  const open = cors({
    origin: '*',
    allowMethods: ['GET', 'HEAD'],
    // EventSource resumes with Last-Event-ID; nothing else is needed to read public data.
    allowHeaders: ['Last-Event-ID'],
    exposeHeaders: ['ETag', 'Retry-After'],
    credentials: false,
    maxAge: 86_400,
  });
  return (c, next) => {
    const url = new URL(c.req.url);
    return isPublicCorsPath(url.pathname, url.searchParams) ? open(c, next) : next();
  };
}
