import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT, hashPassword, verifyNothing, verifyPassword } from './password';

const FAST = { ln: 10, r: 8, p: 1 };

describe('password hashing', () => {
  it('writes a self-describing scrypt string with the default parameters, salted', async () => {
    const a = await hashPassword('mật khẩu đúng');
    expect(a).toMatch(/^\$scrypt\$ln=15,r=8,p=3\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(DEFAULT_SCRYPT).toEqual({ ln: 15, r: 8, p: 3 });
    expect(await hashPassword('mật khẩu đúng')).not.toBe(a);
    expect(await verifyPassword('mật khẩu đúng', a)).toBe(true);
    expect(await verifyPassword('mật khẩu sai', a)).toBe(false);
  });

  it('verifies by the parameters stored in the hash, not the current defaults', async () => {
    const h = await hashPassword('pw', FAST);
    expect(h.startsWith('$scrypt$ln=10,r=8,p=1$')).toBe(true);
    expect(await verifyPassword('pw', h)).toBe(true);
    expect(await verifyPassword('pW', h)).toBe(false);
  });

  it('treats composed and decomposed Vietnamese as the same password (NFC)', async () => {
    const h = await hashPassword('Hà Nội', FAST);
    expect(await verifyPassword('Ha\u0300 Nô\u0323i', h)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['another scheme', '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA'],
    ['missing hash', '$scrypt$ln=10,r=8,p=1$c2FsdHNhbHRzYWx0$'],
    ['absurd cost (a stored string must not eat the machine)', '$scrypt$ln=40,r=8,p=1$c2FsdA$aGFzaGhhc2hoYXNoaGFzaA'],
    ['short key', '$scrypt$ln=10,r=8,p=1$c2FsdA$aGFzaA'],
  ])('never matches a malformed stored string (%s), without throwing', async (_, stored) => {
    expect(await verifyPassword('pw', stored)).toBe(false);
  });

  it('spends about as long on no account as on a wrong password', async () => {
    const real = await hashPassword('pw');
    await verifyNothing('warm up');
    const time = async (f: () => Promise<unknown>) => {
      const t0 = performance.now();
      await f();
      return performance.now() - t0;
    };
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[1]!;
    const wrong: number[] = [];
    const none: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      wrong.push(await time(() => verifyPassword('wrong', real)));
      none.push(await time(() => verifyNothing('wrong')));
    }
    // The same scrypt work both ways; a loose bound, as the machine is shared.
    const ratio = median(none) / median(wrong);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });
});
