import { randomBytes } from 'node:crypto';
import type { CityPack } from '../../core/cityPack';
import { ROLES, type Role } from '../../core/roles';
import type { Store, UserRow } from '../../db/store';
import { hashPassword } from './password';
import { issueToken } from './tokens';
import { USER_NAME, normaliseName } from './users';

/**
 * Account management as `npm run user` and the demo accounts do it: every rule about what an
 * account may be (a chief's area exists in the pack, an agency's code is one of its categories')
 * checked here, before anything is stored.
 */

/** Bad input to an account command: the message says what and how to fix it. */
export class AccountError extends Error {}

/** NIST SP 800-63B's floor for a password a person chooses; long passphrases welcome. */
export const MIN_PASSWORD_CHARS = 8;
const MAX_PASSWORD_CHARS = 1024;

/** 96 random bits as 16 URL-safe characters: typed once, then changed with `passwd`. */
export function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}

type AccountStore = Pick<Store, 'users' | 'tokens' | 'audit'>;
type Pack = Pick<CityPack, 'areas' | 'categories'>;

export interface NewAccount {
  name: string;
  role: string;
  areaCode?: string;
  agencyCode?: string;
  displayName?: string;
  /** Unset = a generated one, returned by addAccount. */
  password?: string;
}

export function agencyCodesOf(pack: Pick<CityPack, 'categories'>): string[] {
  return [...new Set(pack.categories.map((c) => c.agencyCode))].sort();
}

function checkPassword(password: string): string {
  if (password.length < MIN_PASSWORD_CHARS)
    throw new AccountError(`the password needs at least ${MIN_PASSWORD_CHARS} characters`);
  if (password.length > MAX_PASSWORD_CHARS)
    throw new AccountError(`the password is over ${MAX_PASSWORD_CHARS} characters`);
  return password;
}

/** The account's fields, checked against the roles and the pack; throws AccountError. */
export function checkAccount(pack: Pack, a: NewAccount) {
  const name = normaliseName(a.name);
  if (!USER_NAME.test(name))
    throw new AccountError(`"${a.name}" is not a valid name: 2–64 lower-case letters, digits, . _ or -`);
  if (!(ROLES as readonly string[]).includes(a.role))
    throw new AccountError(`unknown role "${a.role}": expected ${ROLES.join(', ')}`);
  const role = a.role as Role;
  if (role === 'chief') {
    if (!a.areaCode) throw new AccountError('a chief needs --area CODE (a district such as 001, or a commune)');
    if (!pack.areas.some((x) => x.code === a.areaCode))
      throw new AccountError(`no area ${a.areaCode} in this city (districts are 3 digits, communes 5)`);
  } else if (a.areaCode) {
    throw new AccountError(`--area is for chiefs only; a ${role} is not tied to an area`);
  }
  if (role === 'agency') {
    const codes = agencyCodesOf(pack);
    if (!a.agencyCode) throw new AccountError(`an agency needs --agency CODE, one of: ${codes.join(', ')}`);
    if (!codes.includes(a.agencyCode))
      throw new AccountError(`unknown agency "${a.agencyCode}"; expected one of: ${codes.join(', ')}`);
  } else if (a.agencyCode) {
    throw new AccountError(`--agency is for agency accounts only, not a ${role}`);
  }
  const displayName = a.displayName?.trim() || null;
  return { name, role, areaCode: a.areaCode ?? null, agencyCode: a.agencyCode ?? null, displayName };
}

/** Adds an account; returns it and its password (the generated one when none was given). */
export async function addAccount(
  store: AccountStore,
  pack: Pack,
  a: NewAccount,
  at: Date,
): Promise<{ user: UserRow; password: string; generated: boolean }> {
  const fields = checkAccount(pack, a);
  const password = a.password === undefined ? generatePassword() : checkPassword(a.password);
  const user = await store.users.add({ ...fields, passwordHash: await hashPassword(password), at });
  if (!user) throw new AccountError(`a user named ${fields.name} exists already`);
  await store.audit.record({
    action: 'user.added',
    detail: { user: user.id, name: user.name, role: user.role, areaCode: user.areaCode, agencyCode: user.agencyCode },
    at,
  });
  return { user, password, generated: a.password === undefined };
}

async function existing(store: AccountStore, name: string): Promise<UserRow> {
  const user = await store.users.byName(normaliseName(name));
  if (!user) throw new AccountError(`no user named ${name}`);
  return user;
}

/** Sets a new password (generated when none is given) and ends the user's sessions. */
export async function setAccountPassword(
  store: AccountStore,
  name: string,
  password: string | undefined,
  at: Date,
): Promise<{ user: UserRow; password: string; generated: boolean }> {
  const user = await existing(store, name);
  const pw = password === undefined ? generatePassword() : checkPassword(password);
  await store.users.setPassword(user.id, await hashPassword(pw), at);
  await store.audit.record({ action: 'user.password', detail: { user: user.id, name: user.name }, at });
  return { user, password: pw, generated: password === undefined };
}

/** Disables the account, ends its sessions and revokes its tokens. */
export async function disableAccount(store: AccountStore, name: string, at: Date): Promise<UserRow> {
  const user = await existing(store, name);
  if (user.disabledAt) throw new AccountError(`${user.name} is disabled already`);
  await store.users.disable(user.id, at);
  const revoked = await store.tokens.revoke(user.id, at);
  await store.audit.record({ action: 'user.disabled', detail: { user: user.id, name: user.name, revoked }, at });
  return user;
}

export async function issueAccountToken(
  store: AccountStore,
  name: string,
  label: string | null,
  at: Date,
): Promise<{ user: UserRow; token: string }> {
  const user = await existing(store, name);
  if (user.disabledAt) throw new AccountError(`${user.name} is disabled; no token issued`);
  const { id, token } = await issueToken(store, user.id, label, at);
  await store.audit.record({
    action: 'token.created',
    detail: { user: user.id, name: user.name, token: id, label },
    at,
  });
  return { user, token };
}
