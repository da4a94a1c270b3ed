import { describe, expect, it } from 'vitest';
import { canonicalCode, codeHash, newBookingCode } from './code';

describe('booking codes', () => {
  it('are 16 Crockford base32 characters in groups of four, and differ', () => {
    const codes = Array.from({ length: 1_000 }, newBookingCode);
    for (const c of codes) expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('use every character of the alphabet (all 80 bits reach the code)', () => {
    const seen = new Set(Array.from({ length: 500 }, newBookingCode).join('').replace(/-/g, ''));
    expect(seen.size).toBe(32);
  });

  it.each([
    ['K7QF-2M9X-HR4T-WZ3C', 'K7QF-2M9X-HR4T-WZ3C'],
    ['k7qf2m9xhr4twz3c', 'K7QF-2M9X-HR4T-WZ3C'],
    [' K7QF 2M9X HR4T WZ3C ', 'K7QF-2M9X-HR4T-WZ3C'],
    ['O0IL-2M9X-HR4T-WZ3C', '0011-2M9X-HR4T-WZ3C'],
    ['K7QF-2M9X-HR4T-WZ3', null],
    ['K7QF-2M9X-HR4T-WZ3CC', null],
    ['K7QF-2M9X-HR4T-WZ3U', null],
    ["K7QF-2M9X-HR4T-'--", null],
  ])('reads %j as %j', (typed, canonical) => {
    expect(canonicalCode(typed)).toBe(canonical);
  });

  it('are kept as a SHA-256 that is the same for every way of typing one', () => {
    const code = newBookingCode();
    const hash = codeHash(code);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(codeHash(canonicalCode(code.toLowerCase().replace(/-/g, ' '))!)).toBe(hash);
  });
});
