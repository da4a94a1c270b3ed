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
    role: user.role,
    ...(user.displayName ? { displayName: user.displayName } : {}),
    ...(user.areaCode ? { areaCode: user.areaCode } : {}),
    ...(user.agencyCode ? { agencyCode: user.agencyCode } : {}),
  };
}
export type UserView = ReturnType<typeof userView>;

/** Sign-in names: lower-case letters, digits and . _ - (2–64), so `Lan` and `lan` are one account. */
export const USER_NAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;

/** What a person types into the name field, as the users table stores names. */
export function normaliseName(typed: string): string {
  return typed.normalize('NFC').trim().toLowerCase();
}
