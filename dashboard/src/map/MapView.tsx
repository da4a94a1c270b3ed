/**
 * The map: a MapLibre basemap with a deck.gl overlay. Lifecycle only — colours, shapes, tooltips and
 * the legend's content are plain functions in the sibling modules. Each deck layer is a memo of the
 * props it reads, so a change to one accessor rebuilds one descriptor, and data references stay put.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import './map.css';
import type { Deck, Layer, PickingInfo } from '@deck.gl/core';
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { Feature, FeatureCollection } from 'geojson';
import { AttributionControl, Map as MapLibreMap, NavigationControl } from 'maplibre-gl';
import { batch, createEffect, createMemo, createSignal, onCleanup, onMount, Show, untrack } from 'solid-js';
import { areaCode, areaLabels, choroplethScale, labelLevelForZoom, thinLabels, type AreaLabel } from './areas';
import { fetchJson, loadBasemap } from './config';
import { hexScale } from './hexes';
import {
  LAYER_IDS,
  areaFillLayer,
  areaLineLayer,
  hexLayer,
  hotspotLayer,
  labelLayer,
  overlayLayer,
  overlayLayerId,
  pulseLayer,
} from './layers';
import { Legend } from './Legend';
import { legendSections } from './legendModel';
import { setupMaplibre } from './maplibreSetup';
import { EMPTY_COLLECTION, createOverlayLoader, type Loaded } from './overlayData';
import { tooltipStyle } from './palette';
import { PULSE_FRAME_MS, activePulses } from './pulses';
import { debounce, resolutionToAsk } from './resolution';
import { areaTooltip, escapeHtml, hexTooltip, overlayTooltip } from './tooltip';
import type { MapViewProps, Pulse } from './types';

/** Resolution changes wait for the map to settle: a fling fires several moveends. */
const RESOLUTION_DEBOUNCE_MS = 300;
/**
 * Keep the camera near the city: its bbox plus this share of its size on each side. Generous, because
 * MapLibre zooms in rather than show past the bounds, and a wide wall screen must still see it all.
 */
const BOUNDS_MARGIN = 1;

export interface CitydeskMapHandle {
  map: MapLibreMap;
  overlay: MapboxOverlay;
  /** The Deck instance behind the overlay (null before it is added or after removal). */
  readonly deck: Deck | null;
  /** Hexes actually rasterised in the viewport now (a picking pass over the whole canvas). */
  renderedHexCount(): number;
}

declare global {
  interface Window {
    __citydeskMap?: CitydeskMapHandle;
  }
}

type MapStyleSpec = NonNullable<ConstructorParameters<typeof MapLibreMap>[0]['style']>;
type LabelShapes = { district: FeatureCollection | null; commune: FeatureCollection | null };

export function MapView(props: MapViewProps) {
  let container!: HTMLDivElement;
  const theme = () => props.theme;
  const labelSize = () => (props.theme === 'dark' ? 16 : 13);

  const [overlay, setOverlay] = createSignal<MapboxOverlay>();
  const [zoom, setZoom] = createSignal(props.initialView.zoom);
  const [now, setNow] = createSignal(Date.now());
  const [pulses, setPulses] = createSignal<readonly Pulse[]>([]);
  const [overlayData, setOverlayData] = createSignal<ReadonlyMap<string, Loaded>>(new Map());
  const [fetchedShapes, setFetchedShapes] = createSignal<LabelShapes>({ district: null, commune: null });
  let map: MapLibreMap | undefined;

  // ---------- layers ----------
  const hexScaleM = createMemo(() => hexScale(props.hexes(), props.metric(), theme()));
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
      onClick: props.onAreaClick,
    }),
  );
  const areaLines = createMemo(() =>
    areaLineLayer({ shapes: props.areaShapes(), theme: theme(), level: props.areaLevel() }),
  );
  const hotspots = createMemo(() => hotspotLayer({ cells: props.hotCells(), theme: theme() }));

  const labelLevel = createMemo(() => labelLevelForZoom(zoom()));
  const zoomStep = createMemo(() => Math.round(zoom() * 2) / 2);
  const shapesFor = (level: 'district' | 'commune') =>
    props.areaLevel() === level && props.areaShapes() ? props.areaShapes() : fetchedShapes()[level];
  const districtLabels = createMemo(() => areaLabels(shapesFor('district')));
  const communeLabels = createMemo(() => areaLabels(shapesFor('commune')));
  // Thinned only for the level on show; the hidden one keeps its last data (and its GPU buffers).
  const districtShown = createMemo<AreaLabel[]>(
    (prev) => (labelLevel() === 'district' ? thinLabels(districtLabels(), zoomStep(), props.lang(), labelSize()) : prev),
    [],
  );
  const communeShown = createMemo<AreaLabel[]>(
    (prev) => (labelLevel() === 'commune' ? thinLabels(communeLabels(), zoomStep(), props.lang(), labelSize()) : prev),
    [],
  );
  const districtText = createMemo(() =>
    labelLayer({
      id: LAYER_IDS.labelsDistrict,
      data: districtShown(),
      lang: props.lang(),
      theme: theme(),
      visible: labelLevel() === 'district',
      sizePx: labelSize(),
    }),
  );
  const communeText = createMemo(() =>
    labelLayer({
      id: LAYER_IDS.labelsCommune,
      data: communeShown(),
      lang: props.lang(),
      theme: theme(),
      visible: labelLevel() === 'commune',
      sizePx: labelSize() - 1,
    }),
  );

  const pulseL = createMemo(() => pulseLayer({ data: pulses(), now: now(), theme: theme() }));

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

  createEffect(() => {
    const ov = overlay();
    if (!ov) return;
    const ovl = overlayLayers();
    const of = (kind: string) => ovl.filter((o) => o.kind === kind).map((o) => o.layer);
    // Bottom to top: areas, land use, hexes, boundaries, traffic, hotspots, points, names, pulses.
    const layers: Layer[] = [
      areaFill(),
      ...of('planning'),
      hexes(),
      areaLines(),
      ...of('traffic'),
      hotspots(),
      ...of('transit'),
      ...of('environment'),
      districtText(),
      communeText(),
      pulseL(),
    ];
    ov.setProps({ layers });
  });

  // ---------- pulses: animate only while some are showing ----------
  let raf = 0;
  let lastFrame = -Infinity;
  const tick = (t: number) => {
    raf = 0;
    const ms = Date.now();
    const list = activePulses(untrack(props.pulses), ms);
    if (list.length === 0) {
      batch(() => {
        setPulses([]);
        setNow(ms);
      });
      return; // the loop stops; the next arrival restarts it
    }
    if (t - lastFrame >= PULSE_FRAME_MS) {
      lastFrame = t;
      batch(() => {
        setPulses(list);
        setNow(ms);
      });
    }
    raf = requestAnimationFrame(tick);
  };
  createEffect(() => {
    if (props.pulses().length > 0 && raf === 0) raf = requestAnimationFrame(tick);
  });

  // ---------- overlays' data ----------
  const loader = createOverlayLoader(fetchJson, setOverlayData);
  createEffect(() => {
    void loader.sync(props.overlays(), props.enabledOverlays(), props.overlayVersion());
  });

  // ---------- label shapes the parent does not hold (the other level), fetched when first needed ----------
  const shapeRequests = new Set<string>();
  const shapesAbort = new AbortController();
  createEffect(() => {
    const level = labelLevel();
    // The parent's own level arrives through areaShapes; only the other one is fetched here.
    if (props.areaLevel() === level || shapesFor(level) || shapeRequests.has(level)) return;
    shapeRequests.add(level);
    fetchJson(`/api/areas/geojson?level=${level}`, { signal: shapesAbort.signal })
      .then((fc) => setFetchedShapes((s) => ({ ...s, [level]: fc as FeatureCollection })))
      .catch((e: Error) => {
        shapeRequests.delete(level);
        if (!shapesAbort.signal.aborted) console.warn(`citydesk map: ${level} names: ${e.message}`);
      });
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

  // ---------- tooltips ----------
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
    if (f && overlay() && map) map.fitBounds(f.bbox, { padding: 48, duration: props.theme === 'dark' ? 2500 : 900, maxZoom: 15 });
  });

  // ---------- lifecycle ----------
  onMount(() => {
    const abort = new AbortController();
    let disposed = false;
    let handle: CitydeskMapHandle | undefined;
    onCleanup(() => {
      disposed = true;
      abort.abort();
      shapesAbort.abort();
      loader.dispose();
      askResolutionLater.cancel();
      if (raf) cancelAnimationFrame(raf);
      raf = 0;
      if (handle && window.__citydeskMap === handle) delete window.__citydeskMap;
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
        m.addControl(
          new AttributionControl({
            compact: props.theme !== 'dark',
            // MapLibre writes these as HTML.
            customAttribution: config.attribution.map(escapeHtml),
          }),
          'bottom-right',
        );
        if (props.theme !== 'dark') {
          m.addControl(new NavigationControl({ showCompass: false }), 'top-right');
          // The desk starts with the attribution folded behind its (i) button (MapLibre folds it on the
          // first drag anyway); the wall, which nobody clicks, shows it in full.
          m.getContainer().querySelector('.maplibregl-ctrl-attrib')?.classList.remove('maplibregl-compact-show');
        }

        const ov = new MapboxOverlay({
          interleaved: false,
          layers: [],
          getTooltip,
          onHover: (info: PickingInfo) => {
            const id = info.layer?.id;
            const clickable = (id === LAYER_IDS.hexes && props.onHexClick) || (id === LAYER_IDS.areas && props.onAreaClick);
            m.getCanvas().style.cursor = info.object && clickable ? 'pointer' : '';
          },
        });
        m.addControl(ov);
        map = m;
        m.on('moveend', onMoveEnd);
        setOverlay(ov);
        askResolution(m.getZoom());

        handle = {
          map: m,
          overlay: ov,
          get deck() {
            return (ov as unknown as { _deck?: Deck })._deck ?? null;
          },
          renderedHexCount() {
            const deck = this.deck;
            const layer = (deck?.props.layers as Layer[] | undefined)?.find((l) => l?.id === LAYER_IDS.hexes);
            if (!deck || !layer?.props.visible) return 0;
            const el = m.getContainer();
            try {
              return ov.pickObjects({ x: 0, y: 0, width: el.clientWidth, height: el.clientHeight, layerIds: [LAYER_IDS.hexes] }).length;
            } catch {
              return 0; // not drawn yet
            }
          },
        };
        window.__citydeskMap = handle;
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

function padBounds([w, s, e, n]: [number, number, number, number], margin: number): [[number, number], [number, number]] {
  const dx = (e - w) * margin;
  const dy = (n - s) * margin;
  return [
    [w - dx, s - dy],
    [e + dx, n + dy],
  ];
}
