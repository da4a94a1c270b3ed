import { describe, expect, it } from 'vitest';
import { loadHanoiPack } from './hanoi/pack';
import { CITY_PACK_CODES, loadCityPack } from './packs';

describe('loadCityPack', () => {
  it('knows hanoi', async () => {
    expect(CITY_PACK_CODES).toEqual(['hanoi']);
    expect(await loadCityPack('hanoi')).toBe(await loadHanoiPack());
  });

  it.each(['saigon', 'HANOI', '', 'toString', '__proto__'])('rejects unknown code "%s" clearly', async (code) => {
    await expect(loadCityPack(code)).rejects.toThrow(`unknown city pack "${code}" (known: hanoi)`);
  });
});
