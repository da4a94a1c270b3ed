import { generateCookie } from 'hono/cookie';
import { parse } from 'hono/utils/cookie';

/** The browser session's cookie: its value is the secret whose SHA-256 is sessions.id. */
export const SESSION_COOKIE = 'citydesk_session';

export function sessionSecretOf(req: Request): string | undefined {
  const header = req.headers.get('cookie');
  if (!header) return undefined;
  const value = parse(header, SESSION_COOKIE)[SESSION_COOKIE];
  return value || undefined;
}

/**
 * HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site POSTs; the Origin check is
 * the second fence), Secure when the request came over TLS, and kept by the browser until the
 * session's absolute end.
 */
export function sessionCookie(secret: string, opts: { secure: boolean; maxAgeSec: number }): string {
  return generateCookie(SESSION_COOKIE, secret, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: opts.secure,
    maxAge: opts.maxAgeSec,
  });
}

export function clearedSessionCookie(): string {
  return generateCookie(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 0 });
}
