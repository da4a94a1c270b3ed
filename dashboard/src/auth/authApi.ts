/**
 * The dashboard's side of the sign-in contract (POST /api/auth/signin, POST /api/auth/signout,
 * GET /api/auth/me). `fetch` is injected, so the outcomes are tested against real Responses.
 */
import type { AuthUser, MeResponse, SignInResponse } from '../../../api/wire';

export type SignInOutcome =
  | { kind: 'signedIn'; user: AuthUser }
  /** 401 invalid_credentials: one message for a wrong name and a wrong password alike. */
  | { kind: 'invalid' }
  /** 429 too_many_attempts: slowed down, for this long. */
  | { kind: 'throttled'; retryAfterS: number }
  | { kind: 'failed'; status: number; message: string };

/** When a 429 carries no usable Retry-After: a wait long enough that hammering does not pay. */
export const DEFAULT_RETRY_AFTER_S = 60;

/** Retry-After as seconds to wait: delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterSeconds(header: string | null, nowMs: number): number {
  if (header === null || header.trim() === '') return DEFAULT_RETRY_AFTER_S;
  if (/^\d+$/.test(header.trim())) return Math.max(1, Number(header.trim()));
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(1, Math.ceil((at - nowMs) / 1000)) : DEFAULT_RETRY_AFTER_S;
}

async function errorMessage(res: Response): Promise<string> {
  const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  return body?.error?.message ?? `HTTP ${res.status}`;
}

export async function signIn(
  fetchFn: typeof fetch,
  name: string,
  password: string,
  nowMs: number = Date.now(),
): Promise<SignInOutcome> {
  const res = await fetchFn('/api/auth/signin', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  if (res.ok) return { kind: 'signedIn', user: ((await res.json()) as SignInResponse).user };
  if (res.status === 401) return { kind: 'invalid' };
  if (res.status === 429)
    return { kind: 'throttled', retryAfterS: retryAfterSeconds(res.headers.get('Retry-After'), nowMs) };
  return { kind: 'failed', status: res.status, message: await errorMessage(res) };
}

export async function signOut(fetchFn: typeof fetch): Promise<void> {
  const res = await fetchFn('/api/auth/signout', { method: 'POST', credentials: 'same-origin' });
  // 401: the session was already gone, which is what signing out wants.
  if (!res.ok && res.status !== 401) throw new Error(await errorMessage(res));
}

/** Who this browser is signed in as, or null. */
export async function fetchMe(fetchFn: typeof fetch): Promise<AuthUser | null> {
  const res = await fetchFn('/api/auth/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (res.status === 401) return null;
  if (!res.ok) throw new Error(`/api/auth/me: ${await errorMessage(res)}`);
  return ((await res.json()) as MeResponse).user;
}
