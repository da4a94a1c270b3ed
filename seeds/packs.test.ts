import { describe, expect, it } from 'vitest';
import { CITY_PACK_CODES, loadCityPack } from './packs';

describe('loadCityPack', () => {
  it('lists the folders of seeds/ with a pack.json, and loads each once', async () => {
    expect(CITY_PACK_CODES).toContain('hanoi');
    expect(await loadCityPack('hanoi')).toBe(await loadCityPack('hanoi'));
  });

  it.each(['saigon', 'HANOI', '', 'toString', '__proto__', 'simulator', '../hanoi'])(
    'rejects unknown code "%s" clearly',
    async (code) => {
      await expect(loadCityPack(code)).rejects.toThrow(
        `unknown city pack "${code}" (known: ${CITY_PACK_CODES.join(', ')})`,
      );
    },
  );
});
