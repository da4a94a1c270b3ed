import type { Context } from 'hono';

/**
 * This site's origin and scheme for a request, as the browser used them. From the URL the Node
 * adapter built (Host header, socket's scheme); behind a TLS-terminating proxy the trusted
 * forwarded headers decide instead (api/auth/clientIp.ts's publicOrigin), once that is wired.
 */
export function siteOrigin(c: Context): string {
  return new URL(c.req.url).origin;
}

export function cameOverTls(c: Context): boolean {
  return siteOrigin(c).startsWith('https:');
}

/** Methods that change nothing, so a cross-site request with them cannot act for the user. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

/** Whether the request names this site as its origin (browsers send Origin on every non-GET fetch). */
export function fromSameOrigin(c: Context): boolean {
  const origin = c.req.header('origin');
  return origin !== undefined && origin === siteOrigin(c);
}
