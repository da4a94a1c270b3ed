import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';

/** Hashed assets never change under their name: let browsers keep them for a year. */
const ASSET_CACHE_SECONDS = 31_536_000;

/**
 * Serves the built dashboard (dist/dashboard) from the API's port: hashed assets as files and the
 * app's routes (/, /wall, /area/:code, /public, /signin) as its index.html.
 */
export function dashboardRoutes(dir: string) {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) throw new Error(`no built dashboard in ${dir} (run npm run build:dashboard)`);

  const root = relative(process.cwd(), dir) || '.';
  // Read per request: it is tiny, and a rebuild while the server runs must not leave stale hashes.
  const page = () =>
    new Response(readFileSync(index, 'utf8'), {
      headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' },
    });
  return new Hono()
    .use(
      '/assets/*',
      async (c, next) => {
        await next();
        if (c.res.status === 200)
          c.res.headers.set('Cache-Control', `public, max-age=${ASSET_CACHE_SECONDS}, immutable`);
      },
      serveStatic({ root }),
    )
    .get('/', () => page())
    .get('/wall', () => page())
    .get('/public', () => page())
    .get('/signin', () => page())
    .get('/area/:code', () => page());
}
