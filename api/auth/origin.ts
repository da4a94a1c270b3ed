import type { Context } from 'hono';
import { publicOrigin } from './clientIp';

/**
 * This site's origin as the browser used it: the request's own, or, behind a proxy listed in
 * TRUSTED_PROXIES, the one its forwarded headers name (api/auth/clientIp.ts decides).
 */
export function siteOrigin(c: Context): string {
  return publicOrigin(c);
}

/** Whether the browser reached us over TLS (the session cookie is then marked Secure). */
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
