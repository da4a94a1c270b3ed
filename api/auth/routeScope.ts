import type { Context, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { CityPack } from '../../core/cityPack';
import type { Role } from '../../core/roles';
import { ValidationError } from '../errors';
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
 * A filter by area (`?area=`): an area the city does not have is refused (400 `unknown_area`)
 * rather than answered with zeros, which would read as a quiet area; inside a chief's scope it
 * narrows it, outside it is refused (403), so a chief learns it asked for the wrong area. The
 * city's and an agency's scope hold every area.
 */
export function checkAreaFilter(scope: ReportScope, area: string | undefined, pack: Pick<CityPack, 'areas'>): void {
  if (area === undefined) return;
  if (!pack.areas.some((a) => a.code === area)) {
    throw new ValidationError(`Unknown area ${area} / Không có địa bàn ${area}`, 'area', 'unknown_area');
  }
  if (scope.areaCodes !== undefined && !scope.areaCodes.includes(area)) {
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
