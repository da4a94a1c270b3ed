import { existsSync, readdirSync } from 'node:fs';
import type { CityPack } from '../core/cityPack';
import { loadPackFolder } from './pack/load';
import type { PackManifest } from './pack/manifest';

/** Where the packs live: every folder of seeds/ with a pack.json is one (seeds/README.md). */
export const SEEDS_DIR = new URL('./', import.meta.url);

/** The packs present, by folder name, sorted; read once when the module loads. */
export const CITY_PACK_CODES: readonly string[] = readdirSync(SEEDS_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(new URL(`${d.name}/pack.json`, SEEDS_DIR)))
  .map((d) => d.name)
  .sort();

export interface LoadedPack {
  pack: CityPack;
  manifest: PackManifest;
  /** The pack's folder, for the files its manifest names. */
  dir: URL;
}

const loaded = new Map<string, Promise<LoadedPack>>();

/** The pack with its manifest and folder; each pack loads once per process. */
export function loadPackWithManifest(code: string): Promise<LoadedPack> {
  if (!CITY_PACK_CODES.includes(code)) {
    return Promise.reject(new Error(`unknown city pack "${code}" (known: ${CITY_PACK_CODES.join(', ')})`));
  }
  let p = loaded.get(code);
  if (!p) {
    const dir = new URL(`${code}/`, SEEDS_DIR);
    // Cache the promise, not the value, so concurrent first callers share one load; a failure is not kept.
    p = loadPackFolder(dir).then(({ pack, manifest }) => ({ pack, manifest, dir }));
    p.catch(() => loaded.delete(code));
    loaded.set(code, p);
  }
  return p;
}

/** The city pack with this code (a folder of seeds/ with a pack.json). */
export async function loadCityPack(code: string): Promise<CityPack> {
  return (await loadPackWithManifest(code)).pack;
}
