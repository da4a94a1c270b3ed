/**
 * The map's lifecycle: a MapLibre basemap with a deck.gl overlay, created once the basemap's style
 * is in and torn down with the view; the camera (bounds, view changes, the hex resolution to ask
 * for, flying to a focus); and when the assembled layers reach deck.
 */
import type { Layer, PickingInfo } from '@deck.gl/core';
import { MapboxOverlay } from '@deck.gl/mapbox';
import { AttributionControl, type MapMouseEvent, Map as MapLibreMap, NavigationControl } from 'maplibre-gl';
import { createEffect, createSignal, onCleanup, onMount, type Setter, untrack } from 'solid-js';
import { CLICK_THROUGH_DEPTH, clickThrough } from './clickThrough';
import { fetchJson, loadBasemap } from './config';
import type { LayerStack } from './layerStack';
import { DRAWING_CURSOR, type MapTooltip } from './mapTooltip';
import { setupMaplibre } from './maplibreSetup';
import { devicePixelsFor, isSoftwareRenderer, SOFTWARE_MAP_UPDATE_MS } from './renderQuality';
import { debounce, resolutionToAsk } from './resolution';
import { exposeForTests } from './testHandle';
import { Throttle } from './throttle';
import { escapeHtml } from './tooltip';
import type { MapViewProps } from './types';

/** Resolution changes wait for the map to settle: a fling fires several moveends. */
const RESOLUTION_DEBOUNCE_MS = 300;
/**
 * Keep the camera near the city: its bbox plus this share of its size on each side. Generous, because
 * MapLibre zooms in rather than show past the bounds, and a wide wall screen must still see it all.
 */
const BOUNDS_MARGIN = 1;

/** How long the other layers wait for the first hexes before drawing without them. */
const HEXES_FIRST_MAX_MS = 5_000;

/** How long the first hexes are drawn alone, so their frame is on screen before the heavier one. */
const HEXES_ALONE_MS = 1_000;

/** The boundary line layers of the pack's own style (api/map/style.ts). */
const BASEMAP_BOUNDARY_LAYERS = ['commune-lines', 'district-lines'];

type MapStyleSpec = NonNullable<ConstructorParameters<typeof MapLibreMap>[0]['style']>;

export interface MapLifecycleInput {
  container: () => HTMLDivElement;
  props: MapViewProps;
  stack: LayerStack;
  pointer: MapTooltip;
  /** The camera's zoom as it settles (area labels follow it). */
  setZoom: Setter<number>;
}

export function createMapLifecycle({ container, props, stack, pointer, setZoom }: MapLifecycleInput) {
  let map: MapLibreMap | undefined;
  const [overlay, setOverlay] = createSignal<MapboxOverlay>();
  /** True until deck has drawn hexes once (or given up waiting for any), see the layer push. */
  const [hexesFirst, setHexesFirst] = createSignal(true);
  /** Whether the basemap's style draws the city pack's boundaries itself (see layerStack.ts). */
  const [basemapHasBoundaries, setBasemapHasBoundaries] = createSignal(false);

  // ---------- layers to deck ----------
  // On a software renderer every deck redraw costs ~75 ms of a 2-core machine, and counts, pulses,
  // hotspots and overlays each change on their own clock: the map takes new layers at most once a
  // second there, so it redraws about once a second whatever arrives. The panels around it (KPIs,
  // ticker, table, chart) are HTML and still move at once; panning and zooming are not held back.
  const [software, setSoftware] = createSignal(false);
  let pendingLayers: Layer[] | null = null;
  const layerPush = new Throttle(() => {
    const ov = untrack(overlay);
    if (ov && pendingLayers) ov.setProps({ layers: pendingLayers });
  });
  onCleanup(() => layerPush.dispose());
  createEffect(() => {
    if (!overlay()) return;
    const layers = stack.ordered(basemapHasBoundaries());
    // Until the first hexes are on screen, deck draws them alone: every other layer type compiles
    // its shaders and builds its buffers in that first frame too, which on a software renderer
    // delayed the hexes by seconds.
    pendingLayers = hexesFirst() ? [stack.hexes()] : layers;
    // Someone drawing on the map sees each corner at once, not up to a second later.
    layerPush.changed(software() && !props.capture?.active() ? SOFTWARE_MAP_UPDATE_MS : 0);
  });

  // ---------- clicks taken by a panel (mapCapture.ts) ----------
  const onClick = (e: MapMouseEvent) => void props.capture?.click([e.lngLat.lng, e.lngLat.lat]);
  createEffect(() => {
    const drawing = props.capture?.active() ?? false;
    if (!overlay() || !map) return;
    // Corners are clicked in quick succession: a double click must not zoom in under them.
    if (drawing) map.doubleClickZoom.disable();
    else map.doubleClickZoom.enable();
    map.getCanvas().style.cursor = drawing ? DRAWING_CURSOR : '';
  });

  // ---------- camera ----------
  let lastAsked: number | null = null;
  const askResolution = (z: number) => {
    const res = resolutionToAsk(z, untrack(props.hexRes), lastAsked, props.maxHexRes);
    if (res === null) return;
    lastAsked = res;
    props.onResolutionChange?.(res);
  };
  const askResolutionLater = debounce(askResolution, RESOLUTION_DEBOUNCE_MS);
  onCleanup(() => askResolutionLater.cancel());

  const onMoveEnd = () => {
    if (!map) return;
    const c = map.getCenter();
    const z = map.getZoom();
    setZoom(z);
    props.onViewChange?.({ longitude: round(c.lng, 5), latitude: round(c.lat, 5), zoom: round(z, 2) });
    tellBounds();
    askResolutionLater(z);
  };
  const tellBounds = () => {
    if (!map || !props.onBoundsChange) return;
    const b = map.getBounds();
    props.onBoundsChange([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]);
  };

  createEffect(() => {
    const f = props.focus();
    if (f && overlay() && map)
      map.fitBounds(f.bbox, { padding: 48, duration: props.theme === 'dark' ? 2500 : 900, maxZoom: 15 });
  });

  // ---------- creation and teardown ----------
  onMount(() => {
    const abort = new AbortController();
    let disposed = false;
    let unexpose = () => {};
    let giveUp: ReturnType<typeof setTimeout> | undefined;
    let restTimer: ReturnType<typeof setTimeout> | undefined;
    onCleanup(() => {
      disposed = true;
      clearTimeout(giveUp);
      clearTimeout(restTimer);
      abort.abort();
      unexpose();
      map?.off('moveend', onMoveEnd);
      map?.off('click', onClick);
      overlay()?.finalize();
      map?.remove();
      map = undefined;
    });

    setupMaplibre();
    const initial = untrack(() => props.initialView);
    void loadBasemap(props.theme, fetchJson, abort.signal)
      .then(({ config, style }) => {
        if (disposed) return;
        const m = new MapLibreMap({
          container: container(),
          style: style as unknown as MapStyleSpec,
          center: [initial.longitude, initial.latitude],
          zoom: initial.zoom,
          minZoom: 8,
          maxZoom: 17,
          maxPitch: 0,
          dragRotate: false,
          pitchWithRotate: false,
          attributionControl: false,
          maxBounds: config.bbox ? padBounds(config.bbox, BOUNDS_MARGIN) : undefined,
        });
        m.touchZoomRotate.disableRotation();
        m.keyboard.disableRotation();
        // MapLibre writes attributions as HTML; ours are plain text.
        m.addControl(
          new AttributionControl({
            compact: props.theme !== 'dark',
            customAttribution: config.attribution.map(escapeHtml),
          }),
        );
        if (props.theme !== 'dark') {
          m.addControl(new NavigationControl({ showCompass: false }), 'top-right');
          // The desk starts with the attribution folded behind its (i) button (MapLibre folds it on the
          // first drag anyway); the wall, which nobody clicks, shows it in full.
          m.getContainer().querySelector('.maplibregl-ctrl-attrib')?.classList.remove('maplibregl-compact-show');
        }

        let draws = 0;
        const styleLayers = ((style as { layers?: Array<{ id: string }> }).layers ?? []).map((l) => l.id);
        setBasemapHasBoundaries(BASEMAP_BOUNDARY_LAYERS.every((id) => styleLayers.includes(id)));
        const ov = new MapboxOverlay({
          interleaved: false,
          layers: [],
          // Without a GPU (a wall PC, headless Chromium on SwiftShader) the compositor reads the
          // canvas back on every frame; an MSAA resolve and a preserved buffer made that cost
          // ~400 ms a frame. Hexagons and polygons look the same without them at DPR ≥ 1.
          deviceProps: { webgl: { antialias: false, preserveDrawingBuffer: false } },
          getTooltip: pointer.getTooltip,
          // Software rendering (no GPU): fewer pixels per redraw, see renderQuality.ts.
          onDeviceInitialized: (device) => {
            const useDevicePixels = devicePixelsFor(device.info.renderer);
            if (useDevicePixels !== true) queueMicrotask(() => ov.setProps({ useDevicePixels }));
            setSoftware(isSoftwareRenderer(device.info.renderer));
          },
          onAfterRender: () => {
            draws++;
            // The frame that drew the hexes is issued; the rest follow once it has reached the screen
            // (a software renderer takes most of a second to composite it).
            if (untrack(hexesFirst) && untrack(props.hexes).length > 0 && !restTimer) {
              restTimer = setTimeout(() => setHexesFirst(false), HEXES_ALONE_MS);
            }
          },
          // Deck calls this when the picked layer did not act on the click (an alert's fill): the click
          // goes to what lies beneath (clickThrough.ts).
          onClick: (info: PickingInfo, event) => {
            if (!info.layer) return;
            const beneath = ov.pickMultipleObjects({ x: info.x, y: info.y, radius: 0, depth: CLICK_THROUGH_DEPTH });
            clickThrough(info, beneath, event);
          },
          onHover: (info: PickingInfo) => {
            m.getCanvas().style.cursor = pointer.cursor(info);
          },
        });
        m.addControl(ov);
        map = m;
        m.on('moveend', onMoveEnd);
        m.on('click', onClick);
        setOverlay(ov);
        // An empty window has no hexes to wait for: show the rest anyway.
        giveUp = setTimeout(() => setHexesFirst(false), HEXES_FIRST_MAX_MS);
        askResolution(m.getZoom());
        tellBounds();
        unexpose = exposeForTests(m, ov, () => draws);
      })
      .catch((e: Error) => {
        if (!disposed) console.warn(`citydesk map: ${e.message}`);
      });
  });
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function padBounds(
  [w, s, e, n]: [number, number, number, number],
  margin: number,
): [[number, number], [number, number]] {
  const dx = (e - w) * margin;
  const dy = (n - s) * margin;
  return [
    [w - dx, s - dy],
    [e + dx, n + dy],
  ];
}
