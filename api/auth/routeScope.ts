import type { Context, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { CityPack } from '../../core/cityPack';
import type { Role } from '../../core/roles';
import { withDoc } from '../openapi/describe';
import { Forbidden, type AppEnv, requireStaff } from './middleware';
import { type ReportScope, type StaffViewer, scopeOf } from './viewer';

/**
 * What a staff route starts with: the signed-in viewer (401 for the public, 403 for a role not
 * in `roles`) and the reports it may read and act on, in the terms the store filters by.
 */
export function staffScope(
  c: Context<AppEnv>,
  pack: Pick<CityPack, 'areas'>,
  ...roles: Role[]
): { viewer: StaffViewer; scope: ReportScope } {
  const viewer = requireStaff(c, ...roles);
  return { viewer, scope: scopeOf(viewer, pack) };
}

/**
 * A filter by area (`?area=`) inside a chief's scope narrows it; outside it is refused (403)
 * rather than answered with zeros, so a chief learns it asked for the wrong area. The city's and
 * an agency's scope hold every area.
 */
export function checkAreaFilter(scope: ReportScope, area: string | undefined): void {
  if (area === undefined || scope.areaCodes === undefined) return;
  if (!scope.areaCodes.includes(area)) {
    throw new Forbidden(`Area ${area} is outside your area / Địa bàn ${area} nằm ngoài phạm vi của bạn`);
  }
}

/**
 * The same check as a route's first middleware, so that the public learns nothing from a staff
 * route, not even which query it would have refused (401 before 400).
 */
export function staffOnly(...roles: Role[]): MiddlewareHandler<AppEnv> {
  const middleware = createMiddleware<AppEnv>(async (c, next) => {
    requireStaff(c, ...roles);
    await next();
  });
  // The contract marks the route as staff's, with these roles (api/openapi/spec.ts).
  return withDoc(middleware, { staff: roles });
}
