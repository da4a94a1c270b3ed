import { describe, expect, it } from 'vitest';
import { TOKEN_PREFIX, newSecret, secretHash } from './secrets';

describe('newSecret', () => {
  it('gives 256-bit base64url secrets, never the same twice across many draws of the pool', () => {
    const secrets = Array.from({ length: 1_000 }, () => newSecret());
    expect(new Set(secrets).size).toBe(secrets.length);
    for (const s of secrets) expect(s).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newSecret(TOKEN_PREFIX)).toMatch(/^cdt_[A-Za-z0-9_-]{43}$/);
  });

  it('hashes a secret to the hex SHA-256 the database keeps', () => {
    expect(secretHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
