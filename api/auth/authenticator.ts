import type { Store, UserRow } from '../../db/store';
import type { Authenticator } from './middleware';
import { sessionCookie, sessionSecretOf } from './cookie';
import { AccountDisabled, InvalidToken, SessionExpired } from './errors';
import { newSecret, secretHash, TOKEN_PREFIX } from './secrets';
import { viewerOfUser } from './users';
import { PUBLIC_VIEWER, type StaffViewer, type Viewer } from './viewer';

/** From SESSION_IDLE_MIN and SESSION_MAX_HOURS (api/env.ts). */
export interface AuthSettings {
  /** A session unused this long ends. */
  sessionIdleMs: number;
  /** A session ends this long after sign-in, however busy. */
  sessionMaxMs: number;
}

/**
 * last_seen_at and last_used_at move at most once a minute, so a busy desk costs one write a
 * minute, not one per request; the idle limit is therefore exact to within a minute.
 */
export const TOUCH_EVERY_MS = 60_000;

/** User agents are kept for the user's own session list; longer ones are cut. */
const MAX_USER_AGENT_CHARS = 300;

/** The Authenticator (api/auth/middleware.ts) plus the session life cycle the sign-in routes use. */
export interface Auth extends Authenticator {
  readonly settings: AuthSettings;
  /** A new session for `user`: the Set-Cookie header value to send, and when it ends. */
  startSession(user: UserRow, req: Request, secure: boolean): Promise<{ setCookie: string; expiresAt: Date }>;
  /** Ends the session the request's cookie names, if any (valid or not). */
  endSession(req: Request): Promise<void>;
}

const BEARER = /^Bearer ([A-Za-z0-9_-]{1,200})$/;

export function createAuth(store: Store, now: () => Date, settings: AuthSettings): Auth {
  async function tokenViewer(header: string): Promise<StaffViewer> {
    const m = BEARER.exec(header.trim());
    if (!m || !m[1]!.startsWith(TOKEN_PREFIX)) throw new InvalidToken();
    const found = await store.tokens.find(secretHash(m[1]!));
    if (!found || found.token.revokedAt) throw new InvalidToken();
    if (found.user.disabledAt) throw new AccountDisabled();
    const viewer = viewerOfUser(found.user, 'token');
    if (!viewer) throw new InvalidToken();
    const at = now();
    const last = found.token.lastUsedAt?.getTime() ?? 0;
    if (at.getTime() - last >= TOUCH_EVERY_MS) await store.tokens.touch(found.token.id, at);
    return viewer;
  }

  async function sessionViewer(secret: string): Promise<StaffViewer> {
    const id = secretHash(secret);
    const found = await store.sessions.find(id);
    if (!found) throw new SessionExpired();
    const { session, user } = found;
    const at = now();
    const idleEnd = session.lastSeenAt.getTime() + settings.sessionIdleMs;
    const viewer = viewerOfUser(user, 'session');
    if (at.getTime() >= Math.min(idleEnd, session.expiresAt.getTime()) || user.disabledAt || !viewer) {
      await store.sessions.delete(id);
      throw new SessionExpired();
    }
    if (at.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) await store.sessions.touch(id, at);
    return viewer;
  }

  return {
    settings,
    async viewerOf(req: Request): Promise<Viewer> {
      // A bearer token wins over a cookie: a script chose to send it.
      const authorization = req.headers.get('authorization');
      if (authorization !== null) return tokenViewer(authorization);
      const secret = sessionSecretOf(req);
      if (secret === undefined) return PUBLIC_VIEWER;
      // The Origin of a state-changing cookie request is checked next, by csrfGuard (./csrf.ts).
      return sessionViewer(secret);
    },
    async startSession(user, req, secure) {
      const secret = newSecret();
      const at = now();
      const expiresAt = new Date(at.getTime() + settings.sessionMaxMs);
      await store.sessions.create({
        id: secretHash(secret),
        userId: user.id,
        createdAt: at,
        lastSeenAt: at,
        expiresAt,
        userAgent: req.headers.get('user-agent')?.slice(0, MAX_USER_AGENT_CHARS) ?? null,
      });
      const setCookie = sessionCookie(secret, {
        secure,
        maxAgeSec: Math.floor(settings.sessionMaxMs / 1000),
      });
      return { setCookie, expiresAt };
    },
    async endSession(req) {
      const secret = sessionSecretOf(req);
      if (secret !== undefined) await store.sessions.delete(secretHash(secret));
    },
  };
}

/**
 * Idle: one working shift (8 h), so a desk in use all shift is never interrupted while one left
 * overnight is signed out. Absolute: a day, so a stolen cookie is worth a day at most and each
 * person signs in once a day (SESSION_IDLE_MIN, SESSION_MAX_HOURS).
 */
export const DEFAULT_AUTH_SETTINGS: AuthSettings = {
  sessionIdleMs: 8 * 60 * 60_000,
  sessionMaxMs: 24 * 60 * 60_000,
};
