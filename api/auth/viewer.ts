import { areaCodesOf } from '../../core/areaScope';
import type { CityPack } from '../../core/cityPack';
import type { Role } from '../../core/roles';

/**
 * Who is asking, decided once per request by the auth middleware (api/auth/middleware.ts) and
 * passed down; nothing else reads a role or an area, and never from the query string.
 */
export type Viewer = PublicViewer | StaffViewer;

/** Nobody signed in: the public endpoints and the public stream only. */
export interface PublicViewer {
  kind: 'public';
}

interface StaffBase {
  kind: 'staff';
  userId: number;
  /** The sign-in name, for the audit trail and the header of the desk. */
  name: string;
  /** How the request proved who it is: a browser session cookie or an API bearer token. */
  via: 'session' | 'token';
}

export type StaffViewer =
  | (StaffBase & { role: 'admin' | 'operator' })
  /** One district (3-digit code) or one ward/commune (5-digit code). */
  | (StaffBase & { role: 'chief'; areaCode: string })
  /** One agency code of the pack's categories: the reports routed to it, city-wide. */
  | (StaffBase & { role: 'agency'; agencyCode: string });

export const PUBLIC_VIEWER: PublicViewer = { kind: 'public' };

export function isStaff(v: Viewer): v is StaffViewer {
  return v.kind === 'staff';
}

/** What an event records as the one who caused it (events.actor_*), and the audit log as the reader. */
export interface Actor {
  userId: number;
  role: Role;
}

export function actorOf(v: StaffViewer): Actor {
  return { userId: v.userId, role: v.role };
}

/**
 * Which reports a viewer may read and act on, in the terms the store already filters by
 * (db/queries/filters.ts): area codes matched against a report's district or commune, and/or
 * one agency. `{}` is the whole city.
 */
export interface ReportScope {
  /** District or commune codes; undefined = every area. */
  areaCodes?: string[];
  /** Only reports routed to this agency; undefined = every agency. */
  agencyCode?: string;
}

/** A chief's area codes (core/areaScope.ts: the dashboard reads the same rule). */
export { areaCodesOf };

export function scopeOf(v: StaffViewer, pack: Pick<CityPack, 'areas'>): ReportScope {
  switch (v.role) {
    case 'admin':
    case 'operator':
      return {};
    case 'chief':
      return { areaCodes: areaCodesOf(v.areaCode, pack.areas) };
    case 'agency':
      return { agencyCode: v.agencyCode };
  }
}

/** Whether a report (by its located area and agency) lies inside a viewer's scope. */
export function inScope(
  scope: ReportScope,
  report: { districtCode: string | null; communeCode: string | null; agencyCode: string | null },
): boolean {
  if (scope.agencyCode !== undefined && report.agencyCode !== scope.agencyCode) return false;
  if (scope.areaCodes === undefined) return true;
  return (
    (report.districtCode !== null && scope.areaCodes.includes(report.districtCode)) ||
    (report.communeCode !== null && scope.areaCodes.includes(report.communeCode))
  );
}
