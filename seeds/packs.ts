import { loadHanoiPack } from './hanoi/pack';
import type { CityPack } from '../core/cityPack';

const PACKS: Record<string, () => Promise<CityPack>> = {
  hanoi: loadHanoiPack,
};

export const CITY_PACK_CODES = Object.keys(PACKS);

/** The city pack with this code; each pack loads once per process. */
export function loadCityPack(code: string): Promise<CityPack> {
  const load = Object.hasOwn(PACKS, code) ? PACKS[code] : undefined;
  if (!load) {
    return Promise.reject(new Error(`unknown city pack "${code}" (known: ${CITY_PACK_CODES.join(', ')})`));
  }
  return load();
}
