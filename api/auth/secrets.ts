import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes: as hard to guess as a 256-bit key. */
const SECRET_BYTES = 32;

/** Bearer tokens start with this, so a leaked one is recognisable (secret scanners, logs). */
export const TOKEN_PREFIX = 'cdt_';

/**
 * Random bytes are drawn for this many secrets at a time (as node's randomUUID does): every
 * filing returns a citizen token, and one call per filing was ~2.5% of the API's CPU under
 * ingest load (bench/ingest.ts). Each byte is handed out once.
 */
const SECRETS_PER_DRAW = 128;
let pool = Buffer.alloc(0);
let used = 0;

function secretBytes(): Buffer {
  if (used + SECRET_BYTES > pool.length) {
    pool = randomBytes(SECRET_BYTES * SECRETS_PER_DRAW);
    used = 0;
  }
  used += SECRET_BYTES;
  return pool.subarray(used - SECRET_BYTES, used);
}

/** A new random secret for a session cookie or (with the prefix) an API token, base64url. */
export function newSecret(prefix = ''): string {
  return prefix + secretBytes().toString('base64url');
}

/**
 * What the database keeps instead of a secret: its SHA-256, hex. A plain hash suffices (no salt,
 * no scrypt) because the secret is 256 random bits, not a password a person chose.
 */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
