import type { Store } from '../../db/store';
import { TOKEN_PREFIX, newSecret, secretHash } from './secrets';

/** A new API token for a user; the token itself is returned once and stored only as its hash. */
export async function issueToken(
  store: Pick<Store, 'tokens'>,
  userId: number,
  label: string | null,
  at: Date,
): Promise<{ id: number; token: string }> {
  const token = newSecret(TOKEN_PREFIX);
  const row = await store.tokens.create({ userId, label, tokenHash: secretHash(token), at });
  return { id: row.id, token };
}
