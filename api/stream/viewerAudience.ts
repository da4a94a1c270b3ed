import type { CityPack } from '../../core/cityPack';
import { type Viewer, scopeOf } from '../auth/viewer';
import type { Audience } from './audience';

/**
 * The stream a viewer gets, from who it is alone: the operations centre (admin, operator) the
 * whole log, a chief its scope's areas, an agency its reports, anyone else the public stream.
 * `wantsPublic` (the public page's `?audience=public`) can only narrow: a signed-in user reading
 * the public page gets what the press gets, never more.
 */
export function audienceOf(viewer: Viewer, pack: Pick<CityPack, 'areas'>, wantsPublic = false): Audience {
  if (viewer.kind !== 'staff' || wantsPublic) return { kind: 'public' };
  const scope = scopeOf(viewer, pack);
  if (scope.areaCodes) return { kind: 'area', codes: scope.areaCodes };
  if (scope.agencyCode !== undefined) return { kind: 'agency', code: scope.agencyCode };
  return { kind: 'ops' };
}
