import { createHmac } from 'node:crypto';

/**
 * A supporter's identity: who may support an initiative once. Citizens have no accounts, so it is
 * their phone number or e-mail address, normalised (one person writes the same number many ways)
 * and kept only as an HMAC-SHA256 under the server's key: the supports table cannot be read back
 * into numbers, and without the key no one can test a guessed number against it (a plain hash of a
 * 10-digit phone number falls to a brute force in minutes).
 */
export type SupporterContact = { phone: string } | { email: string };

/** "+84 912 345 678", "+84912345678", "0912.345.678" → "0912345678". */
export function normalisePhone(phone: string): string {
  return phone.replace(/[^\d+]/g, '').replace(/^\+84/, '0');
}

/** Case and surrounding space do not make another person: " An.Nguyen@Example.VN " → "an.nguyen@example.vn". */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The normalised identity, prefixed by its kind so a phone and an e-mail can never collide. */
export function identityOf(c: SupporterContact): string {
  return 'phone' in c ? `phone:${normalisePhone(c.phone)}` : `email:${normaliseEmail(c.email)}`;
}

export function identityHash(c: SupporterContact, key: string): string {
  return createHmac('sha256', key).update(identityOf(c), 'utf8').digest('hex');
}

/**
 * The key supporter identities are hashed with: made once per database and kept in its meta table
 * (db/stores/initiatives.ts identityKey), read once per process; a failed read is retried next time.
 */
export function cachedIdentityKey(source: { identityKey(): Promise<string> }): () => Promise<string> {
  let key: Promise<string> | null = null;
  return () => {
    key ??= source.identityKey();
    key.catch(() => (key = null));
    return key;
  };
}
