import { createHash, randomBytes } from 'node:crypto';

/**
 * A booking's confirmation code: the citizen's only key to it (look it up, cancel it), shown once.
 * 80 random bits in Crockford's base32 (no I, L, O, U: nothing to misread), written in four groups
 * of four: K7QF-2M9X-HR4T-WZ3C.
 *
 * Stored only as its SHA-256, as sessions and tokens are (api/auth/secrets.ts): the office never
 * needs to read it back, and a copy of the database must not let anyone cancel a citizen's booking.
 * A plain hash is enough because the code is random: 2^80 guesses is out of reach offline, and
 * online each guess is one rate-limited request.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_BYTES = 10;
const CODE_CHARS = (CODE_BYTES * 8) / 5;
const GROUP_CHARS = 4;

export function newBookingCode(): string {
  const bytes = randomBytes(CODE_BYTES);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out.match(new RegExp(`.{${GROUP_CHARS}}`, 'g'))!.join('-');
}

/**
 * The code as typed back (any case, with or without dashes or spaces, O for 0 and I or L for 1, as
 * Crockford reads them) in its canonical form; null if it cannot be a code at all.
 */
export function canonicalCode(typed: string): string | null {
  const s = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== CODE_CHARS || [...s].some((ch) => !ALPHABET.includes(ch))) return null;
  return s.match(new RegExp(`.{${GROUP_CHARS}}`, 'g'))!.join('-');
}

/** What the database keeps of a code. */
export function codeHash(canonical: string): string {
  return createHash('sha256').update(canonical).digest('hex');
}
