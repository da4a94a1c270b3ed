/**
 * Who may use the desk, defined once: the users table, the sign-in routes, the `npm run user`
 * command, the route × role table and the dashboard's landing page all take their list from here.
 * Pure: no IO.
 */

/** Staff roles. The anonymous public has no role and no account: it is the absence of a viewer. */
export const ROLES = ['admin', 'operator', 'chief', 'agency'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that see and act on the whole city (every area, every agency). */
export const CITY_WIDE_ROLES = ['admin', 'operator'] as const satisfies readonly Role[];

export function isCityWide(role: Role): role is (typeof CITY_WIDE_ROLES)[number] {
  return (CITY_WIDE_ROLES as readonly Role[]).includes(role);
}

/**
 * Roles that see the backlog's hotspots: the model is of every agency's backlog together, and an
 * agency's scope is its reports, not a place, so agencies do not get it.
 */
export const HOTSPOT_ROLES = ['admin', 'operator', 'chief'] as const satisfies readonly Role[];

export function seesHotspots(role: Role): boolean {
  return (HOTSPOT_ROLES as readonly Role[]).includes(role);
}

/** Role names as the sign-in form and the audit view show them. */
export const ROLE_NAMES: Record<Role, { vi: string; en: string }> = {
  admin: { vi: 'Quản trị', en: 'Administrator' },
  operator: { vi: 'Trung tâm điều hành', en: 'Operations centre' },
  chief: { vi: 'Lãnh đạo quận/phường', en: 'District or ward chief' },
  agency: { vi: 'Cơ quan xử lý', en: 'Agency' },
};
