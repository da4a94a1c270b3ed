import type { ServerResponse } from 'node:http';
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
  // Open311 GeoReport v2 (civic apps read it from their own sites): without credentials a browser's
  // cross-origin read is the anonymous one, the public's delayed and coarse view (api/open311/requests.ts).
  /^\/open311\/v2\//,
];

/** The anonymous stream is the public audience whatever it asks (api/routes/stream.ts). */
function isPublicStream(path: string, audience: string | undefined): boolean {
  return path === '/api/stream' && audience === 'public';
}

export function isPublicCorsPath(path: string, audience?: string): boolean {
  return PUBLIC_CORS_PATHS.some((re) => re.test(path)) || isPublicStream(path, audience);
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
  return async (c, next) => {
    const path = c.req.path;
    if (isPublicStream(path, c.req.query('audience')) && c.req.method === 'GET') {
      // hono/cors sets its header on c.res before the route runs, which makes Hono copy the
      // stream's "already sent" marker response and the Node adapter write headers twice. The
      // stream writes its own head (api/routes/stream.ts); the header joins it from here.
      const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
      if (outgoing) outgoing.setHeader('Access-Control-Allow-Origin', '*');
      await next();
      if (!outgoing) c.res.headers.set('Access-Control-Allow-Origin', '*');
      return;
    }
    return isPublicCorsPath(path) ? open(c, next) : next();
  };
}
