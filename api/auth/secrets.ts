import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes: as hard to guess as a 256-bit key. */
const SECRET_BYTES = 32;

/** Bearer tokens start with this, so a leaked one is recognisable (secret scanners, logs). */
export const TOKEN_PREFIX = 'cdt_';

/** A new random secret for a session cookie or (with the prefix) an API token, base64url. */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(SECRET_BYTES).toString('base64url');
}

/**
 * What the database keeps instead of a secret: its SHA-256, hex. A plain hash suffices (no salt,
 * no scrypt) because the secret is 256 random bits, not a password a person chose.
 */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
