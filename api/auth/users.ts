import type { UserRow } from '../../db/store';
import type { StaffViewer } from './viewer';

/** The viewer a user's credentials make, or null when its row breaks the role's rule. */
export function viewerOfUser(user: UserRow, via: StaffViewer['via']): StaffViewer | null {
  const base = { kind: 'staff', userId: user.id, name: user.name, via } as const;
  switch (user.role) {
    case 'admin':
    case 'operator':
      return { ...base, role: user.role };
    case 'chief':
      return user.areaCode ? { ...base, role: 'chief', areaCode: user.areaCode } : null;
    case 'agency':
      return user.agencyCode ? { ...base, role: 'agency', agencyCode: user.agencyCode } : null;
  }
}

/** A user as the API shows it (GET /api/auth/me, POST /api/auth/signin): never the hash. */
export function userView(user: UserRow) {
  return {
    id: user.id,
    name: user.name,
    displayName: user.displayName ?? undefined,
    role: user.role,
    ...(user.areaCode ? { areaCode: user.areaCode } : {}),
    ...(user.agencyCode ? { agencyCode: user.agencyCode } : {}),
  };
}
export type UserView = ReturnType<typeof userView>;
