import type { Context } from 'hono';
import { newSecret, secretHash } from '../auth/secrets';

/**
 * The citizen's key to a report they filed, or to a general thread an operator opened for them:
 * 256 random bits, shown once (the filing's 201, the thread's creation) and stored only as its
 * SHA-256 (api/auth/secrets.ts), like a session or an API token. Citizens have no accounts: this
 * token is all that says "I filed that report".
 *
 * It travels in its own header, not in Authorization: that one belongs to staff (a Bearer token,
 * refused with 401 if it is anything else), and a citizen's key must never be taken for a staff
 * credential or the other way round.
 */
export const CITIZEN_TOKEN_HEADER = 'X-Citizen-Token';

/** Recognisable when leaked (logs, secret scanners), as staff tokens' `cdt_`. */
export const CITIZEN_TOKEN_PREFIX = 'cit_';

const TOKEN_SHAPE = /^cit_[A-Za-z0-9_-]{43}$/;

export function newCitizenToken(): { token: string; hash: string } {
  const token = newSecret(CITIZEN_TOKEN_PREFIX);
  return { token, hash: secretHash(token) };
}

/**
 * The hash of the citizen token the request carries; null without the header, and `false` for a
 * header that cannot be a token (answered as a wrong one: not found).
 */
export function citizenTokenHashOf(c: Context): string | null | false {
  const raw = c.req.header(CITIZEN_TOKEN_HEADER);
  if (raw === undefined) return null;
  const token = raw.trim();
  return TOKEN_SHAPE.test(token) ? secretHash(token) : false;
}
