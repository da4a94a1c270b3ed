/** `window.__citydeskMap`: what end-to-end tests read to know the map really drew (not just fetched). */
import type { Deck, Layer } from '@deck.gl/core';
import type { MapboxOverlay } from '@deck.gl/mapbox';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { LAYER_IDS } from './layers';

export interface CitydeskMapHandle {
  map: MapLibreMap;
  overlay: MapboxOverlay;
  /** The Deck instance behind the overlay (null before it is added or after removal). */
  readonly deck: Deck | null;
  /** Hexes rasterised in the viewport now: a picking pass over the whole canvas, so only drawn ones count. */
  renderedHexCount(): number;
}

declare global {
  interface Window {
    __citydeskMap?: CitydeskMapHandle;
  }
}

/**
 * A picking pass over a 1920×1080 canvas is costly in software GL, and tests poll every frame: a count
 * is recomputed only after deck.gl has drawn again, and at most this often.
 */
const RECOUNT_MS = 200;

/** `drawCount` ticks on every deck.gl redraw (its onAfterRender). */
export function exposeForTests(map: MapLibreMap, overlay: MapboxOverlay, drawCount: () => number): () => void {
  let cache: { draw: number; at: number; value: number } | null = null;
  const count = () => {
    const deck = handle.deck;
    const layer = (deck?.props.layers as Layer[] | undefined)?.find((l) => l?.id === LAYER_IDS.hexes);
    if (!deck || !layer?.props.visible) return 0;
    const el = map.getContainer();
    try {
      return overlay.pickObjects({
        x: 0,
        y: 0,
        width: el.clientWidth,
        height: el.clientHeight,
        layerIds: [LAYER_IDS.hexes],
      }).length;
    } catch {
      return 0; // not drawn yet
    }
  };
  const handle: CitydeskMapHandle = {
    map,
    overlay,
    get deck() {
      // MapboxOverlay keeps its Deck private; tests need it (getLayers, props), nothing else does.
      return (overlay as unknown as { _deck?: Deck })._deck ?? null;
    },
    renderedHexCount() {
      const draw = drawCount();
      const now = performance.now();
      if (!cache || (cache.draw !== draw && now - cache.at >= RECOUNT_MS)) cache = { draw, at: now, value: count() };
      return cache.value;
    },
  };
  window.__citydeskMap = handle;
  return () => {
    if (window.__citydeskMap === handle) delete window.__citydeskMap;
  };
}
