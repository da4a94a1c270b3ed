/**
 * The map: a MapLibre basemap with a deck.gl overlay, composed of its jobs — layer assembly
 * (layerStack.ts), the map's lifecycle and camera (mapLifecycle.ts), the pointer's tooltips
 * (mapTooltip.ts) and the legend (MapLegend.tsx). Colours, shapes and texts are plain functions
 * in the sibling modules.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import './map.css';
import { createSignal, Show, untrack } from 'solid-js';
import { createLayerStack } from './layerStack';
import { MapLegend } from './MapLegend';
import { createMapLifecycle } from './mapLifecycle';
import { createMapTooltip } from './mapTooltip';
import type { MapViewProps } from './types';

export type { CitydeskMapHandle } from './testHandle';

export function MapView(props: MapViewProps) {
  let container!: HTMLDivElement;
  const [zoom, setZoom] = createSignal(untrack(() => props.initialView.zoom));
  const stack = createLayerStack(props, zoom);
  createMapLifecycle({ container: () => container, props, stack, pointer: createMapTooltip(props), setZoom });
  return (
    <div class={`cd-map cd-map--${props.theme}${props.class ? ` ${props.class}` : ''}`}>
      <div ref={container} class="cd-map-canvas" />
      <Show when={props.showLegend !== false}>
        <MapLegend map={props} stack={stack} />
      </Show>
    </div>
  );
}
