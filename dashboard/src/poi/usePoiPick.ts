import type { Feature } from 'geojson';
import { type Accessor, createSignal } from 'solid-js';
import { type PoiDetail, poiFocus, poiFromFeature } from './poiView';

/**
 * The point of interest a view shows in its card: picked from the search (the map flies there and its
 * layer is switched on, so the point is drawn) or clicked on the map (the map stays where it is).
 */
export function usePoiPick(layers: { enabled: Accessor<readonly string[]>; enable: (codes: string[]) => void }) {
  const [poi, setPoi] = createSignal<PoiDetail | null>(null);
  // Kept after the card closes: a view whose focus falls back to its area would fly away otherwise.
  const [focus, setFocus] = createSignal<{ bbox: [number, number, number, number] } | null>(null);
  return {
    poi,
    focus,
    marker: () => {
      const p = poi();
      return p ? { lng: p.lng, lat: p.lat } : null;
    },
    fromSearch(p: PoiDetail) {
      const on = layers.enabled();
      if (!on.includes(p.layer)) layers.enable([...on, p.layer]);
      setPoi(p);
      setFocus(poiFocus(p));
    },
    fromMap(f: Feature, layer: string) {
      const p = poiFromFeature(f, layer);
      if (p) setPoi(p);
    },
    close: () => setPoi(null),
  };
}
