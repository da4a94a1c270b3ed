/**
 * What an area view (`/area/:code`) shows to whom. Pure: the view, the sign-in page and the tests
 * read the same rules. A chief's area is core/areaScope.ts's (the server scopes by the same rule).
 */
import { areaCodesOf } from '../../../core/areaScope';
import { isCityWide } from '../../../core/roles';
import type { SignedIn } from '../auth/landing';
import type { City } from './city';

export type CityArea = City['areas'][number];

export type AreaAccess =
  | { kind: 'open'; area: CityArea }
  /** A chief asking for an area outside its own: the 403 page names both. */
  | { kind: 'forbidden'; area: CityArea; own: CityArea | null }
  | { kind: 'unknown'; code: string };

export function areaByCode(areas: readonly CityArea[], code: string | null | undefined): CityArea | null {
  return (code && areas.find((a) => a.code === code)) || null;
}

/**
 * Operators, admins and agencies may open any area (an agency sees its own reports there); a
 * chief its own area and, for a district chief, the communes inside it.
 */
export function areaAccess(user: SignedIn, code: string, areas: readonly CityArea[]): AreaAccess {
  const area = areaByCode(areas, code);
  if (!area) return { kind: 'unknown', code };
  if (isCityWide(user.role) || user.role === 'agency') return { kind: 'open', area };
  const own = user.areaCode ?? '';
  if (areaCodesOf(own, areas).includes(code)) return { kind: 'open', area };
  return { kind: 'forbidden', area, own: areaByCode(areas, own) };
}

/**
 * The units an area's league table lists: a district's communes (by the pack's parentCode), or the
 * commune itself. Always communes: the table of an area is one level down, never its neighbours.
 */
export function areaUnits(code: string, areas: readonly CityArea[]): Set<string> {
  const levels = new Map(areas.map((a) => [a.code, a.level]));
  return new Set(areaCodesOf(code, areas).filter((c) => levels.get(c) === 'commune'));
}

/**
 * `?area=` for an area view's queries. A chief's own area is left to the server, which scopes by
 * the viewer and so counts a commune's reports even when their point lies in another old district;
 * the filter would match only reports whose district or commune is exactly the code.
 */
export function areaQueryFor(user: SignedIn, code: string): string | undefined {
  return user.role === 'chief' && user.areaCode === code ? undefined : code;
}

/** The areas in which an area view counts stream events: the area and what lies inside it. */
export function areaCodesShown(code: string, areas: readonly CityArea[]): Set<string> {
  return new Set(areaCodesOf(code, areas));
}
