import type { ApiKeyRow, Store } from '../../db/store';
import { newSecret, secretHash } from '../auth/secrets';
import { USER_NAME, normaliseName } from '../auth/users';

/**
 * Open311 API keys: one per client application, issued and revoked with `npm run apikey`. The
 * prefix differs from a staff bearer token's (`cdt_`), so a key sent as a bearer token is refused
 * by the authenticator, and the authenticator never reads this table: a key files reports and
 * opens nothing else. Like tokens, a key is 256 random bits stored only as its SHA-256.
 */
export const API_KEY_PREFIX = 'o311_';

export class ApiKeyError extends Error {}

type KeyStore = Pick<Store, 'apiKeys'> & Partial<Pick<Store, 'audit'>>;

/** Client names follow the sign-in names' rule (api/auth/users.ts): `Partner-App` and `partner-app` are one. */
export function clientName(typed: string): string {
  const name = normaliseName(typed);
  if (!USER_NAME.test(name))
    throw new ApiKeyError(`"${typed}" is not a valid name: 2–64 lower-case letters, digits, . _ or -`);
  return name;
}

/** A new key for a client that has no live one; the key is returned once. */
export async function issueApiKey(store: KeyStore, typed: string, at: Date): Promise<{ row: ApiKeyRow; key: string }> {
  const name = clientName(typed);
  if (await store.apiKeys.liveOf(name))
    throw new ApiKeyError(`${name} already has a key; revoke it first (npm run apikey -- revoke ${name})`);
  const key = newSecret(API_KEY_PREFIX);
  const row = await store.apiKeys.create({ name, keyHash: secretHash(key), at });
  await store.audit?.record({ action: 'apikey.added', detail: { key: row.id, name }, at });
  return { row, key };
}

export async function revokeApiKey(store: KeyStore, typed: string, at: Date): Promise<string> {
  const name = clientName(typed);
  if (!(await store.apiKeys.revoke(name, at))) throw new ApiKeyError(`${name} has no live key`);
  await store.audit?.record({ action: 'apikey.revoked', detail: { name }, at });
  return name;
}

/** The live key a request names, or null (unknown, revoked, or not shaped as a key). */
export async function findApiKey(store: KeyStore, key: string): Promise<ApiKeyRow | null> {
  if (!key.startsWith(API_KEY_PREFIX) || key.length > 200) return null;
  return store.apiKeys.findLive(secretHash(key));
}
