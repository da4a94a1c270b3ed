import { describe, expect, it } from 'vitest';
import { firstMalformedString, firstUnstorableString, hasBidi, isWellFormed, stripBidi } from './text';

describe('isWellFormed', () => {
  it.each([
    ['plain Vietnamese', 'Ổ gà trên phố Đinh Tiên Hoàng', true],
    ['an emoji (a surrogate pair)', 'ngập 🌧️ sâu', true],
    ['a lone high surrogate', '\ud800abc', false],
    ['a high surrogate at the end', 'abc\ud83d', false],
    ['a lone low surrogate', 'abc\udc00', false],
    ['a low before its high (swapped pair)', '\ude00\ud83d', false],
    ['U+FFFD itself', 'a\ufffdb', true],
  ])('%s → %s', (_what, s, ok) => {
    expect(isWellFormed(s)).toBe(ok);
  });
});

describe('stripBidi', () => {
  // Every bidirectional formatting character of UAX #9.
  const controls = [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c];
  it.each(controls.map((cp) => [cp.toString(16)]))('removes U+%s', (hex) => {
    const s = `gnp${String.fromCodePoint(Number.parseInt(hex, 16))}.exe`;
    expect(hasBidi(s)).toBe(true);
    expect(stripBidi(s)).toBe('gnp.exe');
    expect(hasBidi(stripBidi(s))).toBe(false);
  });

  it('keeps Arabic, Hebrew and Vietnamese letters, and the zero-width joiner', () => {
    const s = 'مرحبا שלום Xin chào 👩\u200d💻';
    expect(stripBidi(s)).toBe(s);
    expect(hasBidi(s)).toBe(false);
  });
});

describe('firstMalformedString', () => {
  it.each([
    [{ a: 'x', b: ['y', { c: 'z' }] }, null],
    [{ a: 'x', b: ['y', { c: 'z\ud800' }] }, 'b.1.c'],
    ['\udfff', ''],
    [{ 'k\ud800': 1 }, 'k\ufffd'],
    [{ n: 1, t: true, z: null }, null],
  ])('%j → %j', (value, path) => {
    expect(firstMalformedString(value)).toBe(path);
  });
});

describe('firstUnstorableString', () => {
  it('finds a lone surrogate or a NUL anywhere in an item, and passes dates', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    expect(firstUnstorableString({ report: { title: 'ok', createdAt: at }, contact: null })).toBeNull();
    expect(firstUnstorableString({ report: { title: 'ok', media: ['x\u0000'] } })).toBe('report.media.0');
    expect(firstUnstorableString({ report: { title: 'ok' }, contact: { name: 'A\udc00' } })).toBe('contact.name');
  });
});
