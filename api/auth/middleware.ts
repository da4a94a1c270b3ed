import type { Context, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Role } from '../../core/roles';
import { AppError } from '../errors';
import { PUBLIC_VIEWER, type StaffViewer, type Viewer } from './viewer';

/**
 * Turns a request's credentials (session cookie or bearer token) into a viewer. Implemented over
 * the users, sessions and tokens in the database (api/auth/); a request with no credentials is the
 * public, one with bad or expired credentials is refused (401), never silently demoted.
 */
export interface Authenticator {
  viewerOf(req: Request): Promise<Viewer>;
}

/** The Hono environment of every route: the viewer the middleware decided. */
export type AppEnv = { Variables: { viewer: Viewer } };

/** The one place a request gets its viewer. */
export function viewerMiddleware(auth: Authenticator): MiddlewareHandler<AppEnv> {
  return createMiddleware<AppEnv>(async (c, next) => {
    c.set('viewer', await auth.viewerOf(c.req.raw));
    await next();
  });
}

export function viewerOf(c: Context<AppEnv>): Viewer {
  return c.get('viewer') ?? PUBLIC_VIEWER;
}

export class Unauthenticated extends AppError {
  constructor() {
    super(401, 'unauthenticated', 'Sign in first / Vui lòng đăng nhập');
  }
}

export class Forbidden extends AppError {
  constructor(
    message = 'Not allowed for your role or area / Không có quyền với vai trò hoặc địa bàn này',
    field?: string,
  ) {
    super(403, 'forbidden', message, field);
  }
}

/** The signed-in staff member, or 401 for the public. */
export function requireStaff(c: Context<AppEnv>, ...roles: Role[]): StaffViewer {
  const v = viewerOf(c);
  if (v.kind !== 'staff') throw new Unauthenticated();
  if (roles.length && !roles.includes(v.role)) throw new Forbidden();
  return v;
}
