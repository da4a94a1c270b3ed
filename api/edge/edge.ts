import type { Context, MiddlewareHandler } from 'hono';
import { every } from 'hono/combine';
import { clientMiddleware } from '../auth/clientIp';
import { viewerOf } from '../auth/middleware';
import { bodyLimit } from '../bodyLimit';
import type { AppDeps } from '../context';
import { publicCors } from './publicCors';
import { rateLimit } from './rateLimit';
import { securityHeaders } from './securityHeaders';
import { NO_EDGE_LIMITS } from './settings';
import { streamsPerClient } from './streamLimit';

/** A sign-in is a name and a password: 4 KB is room for both many times over. */
export const AUTH_MAX_BODY_BYTES = 4 * 1024;

/** A citizen's chat message (api/chat/): on a report's thread or a general one. */
const CHAT_MESSAGE_PATH = /^\/api\/(reports\/[^/]+\/chat|chats\/[^/]+)\/messages$/;

/** The stream routes (the staff/any-audience one, and a public one under /api/public/). */
const STREAM_PATH = /^\/api\/(public\/)?stream$/;
/** What citizens write without an account, one budget for all: reports, initiatives and supports of them. */
const CITIZEN_WRITE_PATH = /^\/api\/(reports|initiatives|initiatives\/[^/]+\/supports)\/?$/;

function when(test: (c: Context) => boolean, handler: MiddlewareHandler): MiddlewareHandler {
  return (c, next) => (test(c) ? handler(c, next) : next());
}

/**
 * The edge of the app, in three places of api/app.ts:
 * - `all`, first on every request: which proxies to believe, security headers, CORS on the public paths;
 * - `auth`, on /api/auth/* before its routes: a 4 KB body and the per-client sign-in rate;
 * - `perClient`, on /api/* after the viewer is known: the filing rate (staff not counted), the same
 *   rate again for citizens' chat messages, and the concurrent streams per client.
 */
export function edgeMiddleware(deps: Pick<AppDeps, 'edge' | 'map'>) {
  const edge = deps.edge ?? NO_EDGE_LIMITS;
  const all = every(
    clientMiddleware(edge.trustedProxies),
    securityHeaders({ mapStyleUrl: deps.map?.styleUrl }),
    publicCors(),
  );
  const auth = every(
    bodyLimit(AUTH_MAX_BODY_BYTES),
    when((c) => c.req.method === 'POST' && c.req.path === '/api/auth/signin', rateLimit(edge.signinRate)),
  );
  const perClient = every(
    when(
      (c) => c.req.method === 'POST' && CITIZEN_WRITE_PATH.test(c.req.path),
      rateLimit(edge.filingRate, { exempt: (c) => viewerOf(c).kind === 'staff' }),
    ),
    // A citizen's token opens its thread to anyone holding it: messages are limited as filing is.
    when(
      (c) => c.req.method === 'POST' && CHAT_MESSAGE_PATH.test(c.req.path),
      rateLimit(edge.filingRate, { exempt: (c) => viewerOf(c).kind === 'staff' }),
    ),
    when((c) => c.req.method === 'GET' && STREAM_PATH.test(c.req.path), streamsPerClient(edge.streamsPerClient)),
  );
  return { all, auth, perClient };
}
