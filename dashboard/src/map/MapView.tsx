/**
 * The map: a MapLibre basemap with a deck.gl overlay. Lifecycle only — colours, shapes, tooltips and
 * the legend's content are plain functions in the sibling modules. Each deck layer is a memo of the
 * props it reads, so a change to one accessor rebuilds one descriptor, and data references stay put.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import './map.css';
import type { Layer, PickingInfo } from '@deck.gl/core';
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { Feature, FeatureCollection } from 'geojson';
import { AttributionControl, Map as MapLibreMap, NavigationControl } from 'maplibre-gl';
import { createEffect, createMemo, createSignal, onCleanup, onMount, Show, untrack } from 'solid-js';
import { areaCode, choroplethScale } from './areas';
import { fetchJson, loadBasemap } from './config';
import { createAreaLabels } from './createAreaLabels';
import { createPulseClock } from './createPulseClock';
import { hexScale } from './hexes';
import {
  LAYER_IDS,
  areaFillLayer,
  areaLineLayer,
  hexLayer,
  hotspotLayer,
  overlayLayer,
  overlayLayerId,
  pulseLayer,
} from './layers';
import { Legend } from './Legend';
import { legendSections } from './legendModel';
import { setupMaplibre } from './maplibreSetup';
import { EMPTY_COLLECTION, createOverlayLoader, type Loaded } from './overlayData';
import { tooltipStyle } from './palette';
import { debounce, resolutionToAsk } from './resolution';
import { Throttle } from './throttle';
import { devicePixelsFor, isSoftwareRenderer, SOFTWARE_MAP_UPDATE_MS } from './renderQuality';
import { exposeForTests } from './testHandle';
import { areaTooltip, escapeHtml, hexTooltip, overlayTooltip } from './tooltip';
import type { MapViewProps } from './types';

export type { CitydeskMapHandle } from './testHandle';

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

export function MapView(props: MapViewProps) {
  let container!: HTMLDivElement;
  let map: MapLibreMap | undefined;
  const theme = () => props.theme;
  const [overlay, setOverlay] = createSignal<MapboxOverlay>();
  /** True until deck has drawn hexes once (or given up waiting for any), see the layer list. */
  const [hexesFirst, setHexesFirst] = createSignal(true);
  /** Whether the basemap's style draws the city pack's boundaries itself (see the layer list). */
  const [basemapHasBoundaries, setBasemapHasBoundaries] = createSignal(false);
  const [zoom, setZoom] = createSignal(untrack(() => props.initialView.zoom));
  const [overlayData, setOverlayData] = createSignal<ReadonlyMap<string, Loaded>>(new Map());

  // ---------- layers ----------
  // The hex array keeps its reference while only counts change (no geometry rebuild); hexVersion
  // says the counts moved, so the scale, and through updateTriggers the colours, follow.
  const hexScaleM = createMemo(() => {
    props.hexVersion?.();
    return hexScale(props.hexes(), props.metric(), theme());
  });
  const hexes = createMemo(() =>
    hexLayer({
      data: props.hexes(),
      metric: props.metric(),
      scale: hexScaleM(),
      visible: props.showHexes(),
      theme: theme(),
      onClick: props.onHexClick,
    }),
  );
  const choroScale = createMemo(() => choroplethScale(props.areaValues(), theme()));
  const areaFill = createMemo(() =>
    areaFillLayer({
      shapes: props.areaShapes(),
      values: props.areaValues(),
      scale: choroScale(),
      visible: props.showChoropleth(),
      theme: theme(),
      underHexes: props.showHexes(),
      onClick: props.onAreaClick,
    }),
  );
  const areaLines = createMemo(() =>
    areaLineLayer({ shapes: props.areaShapes(), theme: theme(), level: props.areaLevel() }),
  );
  const hotspots = createMemo(() => hotspotLayer({ cells: props.hotCells(), theme: theme() }));
  const labels = createAreaLabels({
    zoom,
    lang: () => props.lang(),
    theme,
    areaLevel: () => props.areaLevel(),
    areaShapes: () => props.areaShapes(),
    get: fetchJson,
  });
  const clock = createPulseClock(() => props.pulses());
  const pulses = createMemo(() => pulseLayer({ data: clock.pulses(), now: clock.now(), theme: theme() }));

  const loader = createOverlayLoader(fetchJson, setOverlayData);
  onCleanup(() => loader.dispose());
  createEffect(() => void loader.sync(props.overlays(), props.enabledOverlays(), props.overlayVersion()));
  const overlayLayers = createMemo(() => {
    const data = overlayData();
    const enabled = props.enabledOverlays();
    return props.overlays().map((info) => ({
      kind: info.kind,
      layer: overlayLayer({
        info,
        data: data.get(info.code)?.data ?? EMPTY_COLLECTION,
        visible: enabled.has(info.code),
        theme: theme(),
        lang: props.lang(),
      }),
    }));
  });

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
    const ov = overlay();
    if (!ov) return;
    const ovl = overlayLayers();
    const of = (kind: string) => ovl.filter((o) => o.kind === kind).map((o) => o.layer);
    // Bottom to top: areas, land use, hexes, boundaries, traffic, hotspots, points, names, pulses.
    // Deck's outline layer (a PathLayer: ~20k instanced segments for the districts) costs 0.4–0.6 s
    // of every frame on a software renderer, the rest of the deck layers together ~0.1 s. The pack's
    // own style draws the same boundaries under the (translucent, gapped) hexes for a fraction of
    // that, so deck draws them only over basemaps that lack them (MAP_STYLE_URL, PMTiles).
    const layers: Layer[] = [
      areaFill(),
      ...of('planning'),
      hexes(),
      ...(basemapHasBoundaries() ? [] : [areaLines()]),
      ...of('traffic'),
      hotspots(),
      ...of('transit'),
      ...of('environment'),
      labels.district(),
      labels.commune(),
      pulses(),
    ];
    // Until the first hexes are on screen, deck draws them alone: every other layer type compiles
    // its shaders and builds its buffers in that first frame too, which on a software renderer
    // delayed the hexes by seconds.
    pendingLayers = hexesFirst() ? [hexes()] : layers;
    layerPush.changed(software() ? SOFTWARE_MAP_UPDATE_MS : 0);
  });

  // ---------- legend ----------
  const sections = createMemo(() => {
    const data = new Map<string, FeatureCollection>();
    for (const [code, l] of overlayData()) data.set(code, l.data);
    return legendSections({
      lang: props.lang(),
      theme: theme(),
      showHexes: props.showHexes(),
      hexCount: props.hexes().length,
      metric: props.metric(),
      hexScale: hexScaleM(),
      showChoropleth: props.showChoropleth() && props.areaShapes() !== null,
      choroplethScale: choroScale(),
      hotCells: props.hotCells().length,
      overlays: props.overlays(),
      enabledOverlays: props.enabledOverlays(),
      overlayData: data,
    });
  });

  // ---------- tooltips (HTML built from escaped strings, see tooltip.ts) ----------
  const getTooltip = (info: PickingInfo) => {
    const { object, layer } = info;
    if (!object || !layer) return null;
    const lang = props.lang();
    let html: string | null = null;
    if (layer.id === LAYER_IDS.hexes) html = hexTooltip(object, props.metric(), lang);
    else if (layer.id === LAYER_IDS.areas) {
      const code = areaCode(object as Feature);
      html = areaTooltip(object as Feature, code ? props.areaValues().get(code) : undefined, lang);
    } else {
      const o = props.overlays().find((x) => overlayLayerId(x.code) === layer.id);
      if (o) html = overlayTooltip(o, object as Feature, lang);
    }
    return html ? { html, style: tooltipStyle(theme()) } : null;
  };

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
    askResolutionLater(z);
  };

  createEffect(() => {
    const f = props.focus();
    if (f && overlay() && map)
      map.fitBounds(f.bbox, { padding: 48, duration: props.theme === 'dark' ? 2500 : 900, maxZoom: 15 });
  });

  // ---------- lifecycle ----------
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
      overlay()?.finalize();
      map?.remove();
      map = undefined;
    });

    setupMaplibre();
    const initial = untrack(() => props.initialView);
    void loadBasemap(untrack(theme), fetchJson, abort.signal)
      .then(({ config, style }) => {
        if (disposed) return;
        const m = new MapLibreMap({
          container,
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
          getTooltip,
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
          onHover: (info: PickingInfo) => {
            const id = info.layer?.id;
            const clickable =
              (id === LAYER_IDS.hexes && props.onHexClick) || (id === LAYER_IDS.areas && props.onAreaClick);
            m.getCanvas().style.cursor = info.object && clickable ? 'pointer' : '';
          },
        });
        m.addControl(ov);
        map = m;
        m.on('moveend', onMoveEnd);
        setOverlay(ov);
        // An empty window has no hexes to wait for: show the rest anyway.
        giveUp = setTimeout(() => setHexesFirst(false), HEXES_FIRST_MAX_MS);
        askResolution(m.getZoom());
        unexpose = exposeForTests(m, ov, () => draws);
      })
      .catch((e: Error) => {
        if (!disposed) console.warn(`citydesk map: ${e.message}`);
      });
  });

  return (
    <div class={`cd-map cd-map--${props.theme}${props.class ? ` ${props.class}` : ''}`}>
      <div ref={container} class="cd-map-canvas" />
      <Show when={props.showLegend !== false}>
        <Legend sections={sections()} lang={props.lang()} />
      </Show>
    </div>
  );
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
