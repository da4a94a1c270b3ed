/**
 * Where each role works, and the way back after signing in. Pure: the sign-in page, the route
 * guards and the 401 handler call these, and the tests call them without a browser.
 */
import type { Role } from '../../../core/roles';

/** What the landing rules read of the signed-in user (GET /api/auth/me's `user`). */
export interface SignedIn {
  role: Role;
  areaCode?: string | null;
  agencyCode?: string | null;
}

export const SIGN_IN_PATH = '/signin';

/**
 * Operators and admins work at the city desk, a chief at its area's desk, an agency at the city
 * desk, which the server fills with its reports only.
 */
export function landingFor(user: SignedIn): string {
  if (user.role === 'chief' && user.areaCode) return `/area/${encodeURIComponent(user.areaCode)}`;
  return '/';
}

/**
 * `next` as the sign-in page may follow it: a path on this site only (`/x`, never `//host` or
 * `https://…`, which would make the form an open redirect), and never the sign-in page itself.
 */
export function safeNext(raw: string | null | undefined): string | null {
  if (!raw?.startsWith('/') || raw.startsWith('//') || raw.includes('\\')) return null;
  let url: URL;
  try {
    url = new URL(raw, 'http://desk.invalid');
  } catch {
    return null;
  }
  if (url.origin !== 'http://desk.invalid' || url.pathname === SIGN_IN_PATH) return null;
  return url.pathname + url.search + url.hash;
}

/** Why the viewer is on the sign-in page, when it is not of their own accord. */
export type SignInReason = 'expired';

/** The sign-in page, remembering where to come back to. */
export function signInHref(next: string, reason?: SignInReason): string {
  const q = new URLSearchParams();
  const back = safeNext(next);
  if (back && back !== '/') q.set('next', back);
  if (reason) q.set('reason', reason);
  const s = q.toString();
  return s ? `${SIGN_IN_PATH}?${s}` : SIGN_IN_PATH;
}

/**
 * Where signing in leads: back to `next` if this user may work there, else to the user's landing.
 * `mayOpen` says whether an area view is the user's to open (views/areaAccess.ts).
 */
export function afterSignIn(user: SignedIn, next: string | null, mayOpen: (areaCode: string) => boolean): string {
  const back = safeNext(next);
  if (!back) return landingFor(user);
  const path = back.split(/[?#]/)[0];
  // A chief's desk is its area: the city desk would only show it the same reports, unframed.
  if (path === '/' && user.role === 'chief') return landingFor(user);
  const area = /^\/area\/([^/]+)$/.exec(path);
  if (area && !mayOpen(decodeURIComponent(area[1]))) return landingFor(user);
  return back;
}
