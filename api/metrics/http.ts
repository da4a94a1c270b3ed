import { isIP } from 'node:net';
import { Hono, type MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { clientOf } from '../auth/clientIp';
import { type Authenticator, Forbidden, Unauthenticated } from '../auth/middleware';
import type { Metrics } from './registry';
import { describeRoute } from '../openapi/describe';

/** Methods counted under their own name; anything else is `other` (label values stay bounded). */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * The route pattern that answered (`/api/reports/:id`), never the raw path, so a scan of random
 * URLs adds no label values: unmatched requests, answered by a middleware or notFound, are `unmatched`.
 */
function routeOf(c: Parameters<MiddlewareHandler>[0]): string {
  const route = matchedRoutes(c).at(c.req.routeIndex);
  if (!route || (route.method === 'ALL' && route.path.endsWith('*'))) return 'unmatched';
  return route.path;
}

/** Counts every request by route and status, and its latency: the first middleware of the app. */
export function metricsMiddleware(metrics: Metrics): MiddlewareHandler {
  return async (c, next) => {
    const t0 = performance.now();
    try {
      await next();
    } finally {
      const method = METHODS.has(c.req.method) ? c.req.method : 'other';
      metrics.observe(method, routeOf(c), c.res.status, (performance.now() - t0) / 1000);
    }
  };
}

/** 127.0.0.0/8 or ::1: a scraper on the same host (behind trusted proxies, the forwarded client). */
function isLoopback(ip: string): boolean {
  if (isIP(ip) === 4) return ip.startsWith('127.');
  return ip === '::1';
}

/**
 * GET /metrics in Prometheus' text format, for an admin's bearer token or a scraper on this host
 * only: the counters describe the city's load and who is connected, not for the public.
 */
export function metricsRoutes(metrics: Metrics, auth: Authenticator) {
  return new Hono().get(
    '/metrics',
    describeRoute({
      summary: 'Prometheus metrics',
      tags: ['operations'],
      description: "For an admin's bearer token, or a scraper on this host (loopback) with none.",
      security: [{ bearerToken: [] }, {}],
      responses: {
        200: { description: 'Prometheus text format', contentType: 'text/plain' },
        401: 'Not signed in (and not from this host)',
        403: 'Not an admin',
      },
    }),
    async (c) => {
      const client = clientOf(c);
      if (!(client.known && isLoopback(client.ip))) {
        // Outside /api/*, so the viewer middleware has not run: the same authenticator, asked here.
        const viewer = await auth.viewerOf(c.req.raw);
        if (viewer.kind !== 'staff') throw new Unauthenticated();
        if (viewer.role !== 'admin') throw new Forbidden();
      }
      return c.body(await metrics.registry.metrics(), 200, { 'Content-Type': metrics.registry.contentType });
    },
  );
}
