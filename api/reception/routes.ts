import { Hono } from 'hono';
import type { AppEnv } from '../auth/middleware';
import type { AppDeps } from '../context';
import { receptionCitizenRoutes } from './citizenRoutes';
import { receptionOffices } from './offices';
import { receptionStaffRoutes } from './staffRoutes';

/** /api/reception: citizen reception (tiếp công dân), the citizens' side and the offices'. */
export function receptionRoutes(deps: AppDeps) {
  const offices = receptionOffices(deps.pack);
  return new Hono<AppEnv>()
    .route('/', receptionCitizenRoutes(deps, offices))
    .route('/', receptionStaffRoutes(deps, offices));
}
