import { loadHanoiOverlays } from './hanoi/overlays';
import type { OverlayLayer } from '../core/overlayLayers';
import type { CityPack } from '../core/cityPack';

const OVERLAYS: Record<string, (pack: CityPack) => Promise<OverlayLayer[]>> = {
  hanoi: loadHanoiOverlays,
};

/** The overlay layers a city pack ships with; a pack without any has none. */
export function loadCityOverlays(pack: CityPack): Promise<OverlayLayer[]> {
  const load = Object.hasOwn(OVERLAYS, pack.code) ? OVERLAYS[pack.code] : undefined;
  return load ? load(pack) : Promise.resolve([]);
}
