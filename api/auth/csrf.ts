import { createMiddleware } from 'hono/factory';
import { CsrfRefused } from './errors';
import { type AppEnv, viewerOf } from './middleware';
import { fromSameOrigin, isSafeMethod } from './origin';

/**
 * Cookies ride along on requests other sites make, so a request the session cookie signed in that
 * would change state must name this site as its Origin (403 `csrf` otherwise). Bearer requests
 * need nothing: a token is sent only by a script that chose to. Runs after viewerMiddleware.
 */
export const csrfGuard = createMiddleware<AppEnv>(async (c, next) => {
  const v = viewerOf(c);
  if (v.kind === 'staff' && v.via === 'session' && !isSafeMethod(c.req.method) && !fromSameOrigin(c)) {
    throw new CsrfRefused();
  }
  await next();
});
