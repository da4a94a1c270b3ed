import { Hono } from 'hono';
import { z } from 'zod';
import { clearedSessionCookie, sessionSecretOf } from '../auth/cookie';
import { AccountDisabled, CsrfRefused, InvalidCredentials, SessionExpired, TooManyAttempts } from '../auth/errors';
import { clientIp, clientKey } from '../auth/clientIp';
import { cameOverTls, fromSameOrigin } from '../auth/origin';
import { verifyNothing, verifyPassword } from '../auth/password';
import { secretHash } from '../auth/secrets';
import { createSignInThrottle } from '../auth/throttle';
import { normaliseName, userView } from '../auth/users';
import type { AppDeps } from '../context';
import { validate } from '../validate';
import { describeRoute } from '../openapi/describe';

/** Longer than any sign-in name or password a person types; the body limit bounds the rest. */
const signInBody = z.strictObject({
  name: z.string().min(1).max(200),
  password: z.string().min(1).max(1024),
});

/**
 * Sign-in, sign-out and "who am I" for the dashboard, mounted at /api/auth before the viewer
 * middleware: these routes read the session cookie themselves, so a stale cookie never stops
 * anyone signing in again.
 */
export function authRoutes(deps: AppDeps) {
  const { store, auth, now } = deps;
  const throttle = createSignInThrottle(store);
  return new Hono()
    .post(
      '/signin',
      describeRoute({
        summary: 'Sign in',
        tags: ['auth'],
        description:
          'Name and password; sets the session cookie. A request from another site (its Origin) is refused. Failures are limited per name and per client.',
        security: [],
        responses: {
          200: 'The signed-in user (Set-Cookie: the session)',
          401: 'Wrong name or password, or the account is disabled',
          403: 'A request from another site',
          429: 'Too many attempts; Retry-After says when',
        },
      }),
      validate('json', signInBody),
      async (c) => {
        // Login CSRF: another site must not sign this browser into an account of its choosing.
        if (c.req.header('origin') !== undefined && !fromSameOrigin(c)) throw new CsrfRefused();
        const body = c.req.valid('json');
        const name = normaliseName(body.name);
        const client = clientKey(clientIp(c));
        const at = now();
        const retryAfter = await throttle.retryAfterSec(name, client, at);
        if (retryAfter > 0) throw new TooManyAttempts(retryAfter);

        const user = await store.users.byName(name);
        // Unknown name, token-only account, wrong password: the same work, the same answer.
        const ok = user?.passwordHash
          ? await verifyPassword(body.password, user.passwordHash)
          : await verifyNothing(body.password);
        if (!user || !ok) {
          await throttle.failed(name, client, at);
          await store.audit.record({
            action: 'signin.failed',
            userId: user?.id ?? null,
            role: user?.role ?? null,
            detail: { name, client },
            at,
          });
          throw new InvalidCredentials();
        }
        // Said only to someone who knows the password.
        if (user.disabledAt) throw new AccountDisabled();

        await throttle.succeeded(name);
        await auth.endSession(c.req.raw);
        const { setCookie } = await auth.startSession(user, c.req.raw, cameOverTls(c));
        await store.users.signedIn(user.id, at);
        await store.audit.record({ action: 'signin', userId: user.id, role: user.role, detail: { client }, at });
        // Housekeeping at each sign-in (a few a day per person): ended sessions, forgotten failures.
        await store.sessions.deleteExpired(at);
        await throttle.prune(at);
        c.header('set-cookie', setCookie);
        c.header('cache-control', 'no-store');
        return c.json({ user: userView(user) }, 200);
      },
    )
    .post(
      '/signout',
      describeRoute({
        summary: 'Sign out',
        tags: ['auth'],
        description: 'Ends the session of the cookie and clears it.',
        security: [{}, { sessionCookie: [] }],
        responses: { 204: 'Signed out', 403: 'A request from another site' },
      }),
      async (c) => {
        const secret = sessionSecretOf(c.req.raw);
        if (secret !== undefined) {
          if (!fromSameOrigin(c)) throw new CsrfRefused();
          const found = await store.sessions.find(secretHash(secret));
          await store.sessions.delete(secretHash(secret));
          if (found) {
            await store.audit.record({ action: 'signout', userId: found.user.id, role: found.user.role, at: now() });
          }
        }
        c.header('set-cookie', clearedSessionCookie());
        return c.body(null, 204);
      },
    )
    .get(
      '/me',
      describeRoute({
        summary: 'Who is signed in',
        tags: ['auth'],
        description: '`user` is null for nobody (a stale cookie too: it is cleared).',
        responses: { 200: 'The user, or null' },
      }),
      async (c) => {
        c.header('cache-control', 'no-store');
        try {
          const viewer = await auth.viewerOf(c.req.raw);
          const user = viewer.kind === 'staff' ? await store.users.byId(viewer.userId) : null;
          return c.json({ user: user ? userView(user) : null }, 200);
        } catch (e) {
          // A stale cookie is the everyday case here: the dashboard asks, and shows the sign-in form.
          if (!(e instanceof SessionExpired)) throw e;
          c.header('set-cookie', clearedSessionCookie());
          return c.json({ user: null }, 200);
        }
      },
    );
}
