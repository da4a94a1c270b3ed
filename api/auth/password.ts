import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Password hashes as self-describing PHC-style strings, `$scrypt$ln=15,r=8,p=3$<salt>$<hash>`
 * (base64, no padding): the parameters travel with each hash, so raising them later needs no
 * migration — old hashes still verify.
 */
export interface ScryptParams {
  /** log2 of the CPU/memory cost N. */
  ln: number;
  /** Block size. */
  r: number;
  /** Parallelism. */
  p: number;
}

/**
 * OWASP's scrypt minimum is N=2^17, r=8, p=1 (128 MiB a hash) or an equal-work trade: N=2^15,
 * r=8, p=3 costs the same CPU in 32 MiB, so four sign-ins at once (libuv's four threads) hold
 * 128 MiB, not 512. About 0.3 s a hash on one core of the dev machine.
 */
export const DEFAULT_SCRYPT: ScryptParams = { ln: 15, r: 8, p: 3 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Refuse parameters a stored string could use to make one verification eat the machine. */
const MAX_LN = 20;
const MAX_RP = 64;

function derive(password: string, salt: Buffer, params: ScryptParams, keyBytes: number): Promise<Buffer> {
  const N = 2 ** params.ln;
  // scrypt needs 128·N·r bytes; Node's default cap (32 MiB) is too tight for N=2^15, r=8.
  const maxmem = 128 * N * params.r * 2;
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, keyBytes, { N, r: params.r, p: params.p, maxmem }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

const b64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '');

export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params, KEY_BYTES);
  return `$scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${b64(salt)}$${b64(key)}`;
}

interface Parsed {
  params: ScryptParams;
  salt: Buffer;
  key: Buffer;
}

const FORMAT = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,3}),p=(\d{1,3})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

function parse(stored: string): Parsed | null {
  const m = FORMAT.exec(stored);
  if (!m) return null;
  const params = { ln: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  if (params.ln < 1 || params.ln > MAX_LN || params.r < 1 || params.r > MAX_RP || params.p < 1 || params.p > MAX_RP)
    return null;
  const salt = Buffer.from(m[4]!, 'base64');
  const key = Buffer.from(m[5]!, 'base64');
  if (key.length < 16) return null;
  return { params, salt, key };
}

/** Whether `password` matches `stored`; a malformed stored string never matches. Constant-time compare. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.params, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}

let dummy: Promise<string> | null = null;
/**
 * Spends as long as a real verification when there is no hash to check (unknown name, token-only
 * account), so the time of an answer does not tell whether the name exists.
 */
export async function verifyNothing(password: string): Promise<false> {
  dummy ??= hashPassword('citydesk: no such account');
  await verifyPassword(password, await dummy);
  return false;
}
