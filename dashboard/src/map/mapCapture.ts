/**
 * How a panel beside the map takes the map's clicks for a while (drawing an alert's polygon): the
 * view creates one capture and hands it to the map and to the panel. While a panel holds it and is
 * still placing points, a click on the map goes to the panel, and the map's own click actions (a
 * report drawer, a place card) keep still; the panel's sketch is drawn over every layer until it
 * lets go. One holder at a time: a second take replaces the first.
 */
import { type Accessor, createSignal, untrack } from 'solid-js';
import type { LngLat } from '../data/polygonDraft';
import type { RGB } from './colour';

/** What a holder shows on the map: its corners so far, closed once finished, in its colour. */
export interface MapSketch {
  corners: readonly LngLat[];
  /** Finished: drawn as a closed shape, and the map's clicks are the map's again. */
  closed: boolean;
  colour: RGB;
}

export interface MapClickHolder {
  sketch: Accessor<MapSketch>;
  /** A click on the map while the sketch is open. */
  onClick(at: LngLat): void;
}

export interface MapCapture {
  /** Whether a holder takes the map's clicks now (it holds the map and its sketch is open). */
  active: Accessor<boolean>;
  /** The holder's sketch, or null when nobody holds the map. */
  sketch: Accessor<MapSketch | null>;
  /** The map reports a click; false when nobody took it (the map's own actions apply). */
  click(at: LngLat): boolean;
  /** Take the map; the function returned lets go (only if this holder still holds it). */
  take(holder: MapClickHolder): () => void;
}

export function createMapCapture(): MapCapture {
  const [holder, setHolder] = createSignal<MapClickHolder | null>(null);
  const sketch = () => holder()?.sketch() ?? null;
  const active = () => {
    const s = sketch();
    return s !== null && !s.closed;
  };
  return {
    active,
    sketch,
    click(at) {
      if (!untrack(active)) return false;
      untrack(holder)?.onClick(at);
      return true;
    },
    take(h) {
      setHolder(() => h);
      return () => setHolder((cur) => (cur === h ? null : cur));
    },
  };
}
