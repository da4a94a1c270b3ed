import type { MiddlewareHandler } from 'hono';
import { AppError } from './errors';

/**
 * Refuses a request whose path holds a dot segment (`.`, `..`, or any percent-encoded spelling of
 * them), an encoded slash or backslash, or a backslash, before anything routes it.
 *
 * The URL parser (WHATWG, used by `new Request` and the Node adapter) resolves such segments, so
 * `/api/public/%2e%2e/reports/1` reached the staff route `/api/reports/1`: anything in front of the
 * API that sorts requests by prefix (a proxy or CDN letting only `/api/public/*` and `/public/*`
 * in from the internet, a cache keyed on the raw path) then sees a public path and the API serves a
 * private one. No path citydesk serves needs any of these, so they are refused, not resolved.
 */
export function pathGuard(): MiddlewareHandler {
  return async (c, next) => {
    if (isSuspiciousPath(rawPath(c.env, c.req.url))) {
      const e = new AppError(
        400,
        'bad_path',
        'The path holds dot segments or encoded slashes / Đường dẫn chứa đoạn "." hoặc ký tự "/" đã mã hoá',
      );
      // Thrown, so that app.onError answers it in the path's own error shape (Open311's under /open311/v2).
      throw e;
    }
    await next();
  };
}

/**
 * The request target as the client sent it: the Node adapter's `incoming.url` (api/server.ts);
 * under `app.request()` the URL's own path, which the parser has already resolved (what is left
 * to find there: encoded slashes and backslashes).
 */
function rawPath(env: unknown, url: string): string {
  const raw = (env as { incoming?: { url?: unknown } } | undefined)?.incoming?.url;
  let target = typeof raw === 'string' ? raw : url;
  // An absolute-form target (`GET http://host/path`, as sent to proxies) or the parsed URL.
  if (!target.startsWith('/')) target = target.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
  const end = target.search(/[?#]/);
  return end === -1 ? target : target.slice(0, end);
}

/** A segment that is `.` or `..`, spelt with literal dots or `%2e` (also double-encoded `%252e`). */
const DOT_SEGMENT = /(?:^|\/)(?:\.|%(?:25)?2e){1,2}(?:\/|$)/i;
/** `%2f` or `%5c` (also double-encoded), or a backslash: a separator hidden from prefix checks. */
const HIDDEN_SEPARATOR = /%(?:25)?(?:2f|5c)|\\/i;

export function isSuspiciousPath(path: string): boolean {
  // Most paths have neither a dot, a percent sign nor a backslash: no regex for them.
  if (!/[.%\\]/.test(path)) return false;
  return DOT_SEGMENT.test(path) || HIDDEN_SEPARATOR.test(path);
}
