import type { CityPack } from '../../core/cityPack';
import type { Role } from '../../core/roles';
import type { Store } from '../../db/store';
import { issueToken } from './tokens';

export interface TestAccountOptions {
  /** A chief's area; default the pack's first district. */
  areaCode?: string;
  /** An agency's code; default the pack's first category's agency. */
  agencyCode?: string;
}

let serial = 0;

/**
 * A token-only account of `role` (no password, so no scrypt cost) and the headers that act as it:
 * `{ authorization: 'Bearer …' }`. Real rows and a real token, through the real authenticator.
 */
export async function headersForNewAccount(
  store: Pick<Store, 'users' | 'tokens'>,
  pack: Pick<CityPack, 'areas' | 'categories'>,
  role: Role,
  opts: TestAccountOptions = {},
  at = new Date(),
): Promise<Record<string, string>> {
  const areaCode =
    role === 'chief' ? (opts.areaCode ?? pack.areas.find((a) => a.level === 'district')?.code) : undefined;
  const agencyCode = role === 'agency' ? (opts.agencyCode ?? pack.categories[0]?.agencyCode) : undefined;
  serial += 1;
  const name = `test-${role}-${areaCode ?? agencyCode ?? 'city'}-${process.pid}-${serial}`.toLowerCase();
  const user = await store.users.add({ name, role, areaCode, agencyCode, passwordHash: null, at });
  if (!user) throw new Error(`test account ${name} exists already`);
  const { token } = await issueToken(store, user.id, 'test', at);
  return { authorization: `Bearer ${token}` };
}
