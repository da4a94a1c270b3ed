/**
 * Layer assembly: each deck layer is a memo of the props it reads, so a change to one accessor
 * rebuilds one descriptor, and data references stay put. The map's lifecycle (mapLifecycle.ts)
 * decides when the assembled list reaches deck.
 */
import type { Layer } from '@deck.gl/core';
import { type Accessor, createEffect, createMemo, createSignal, onCleanup } from 'solid-js';
import { choroplethScale } from './areas';
import { fetchJson } from './config';
import { createAreaLabels } from './createAreaLabels';
import { createPulseClock } from './createPulseClock';
import { hexScale } from './hexes';
import { areaFillLayer, areaLineLayer, hexLayer, hotspotLayer, overlayLayer, pulseLayer } from './layers';
import { createOverlayLoader, EMPTY_COLLECTION, type Loaded } from './overlayData';
import { alertLayer } from './alertLayer';
import { initiativeLayer } from './initiativeLayer';
import { poiMarkerLayer } from './poiLayers';
import { sketchLayer } from './sketchLayer';
import type { MapViewProps } from './types';

export type LayerStack = ReturnType<typeof createLayerStack>;

export function createLayerStack(props: MapViewProps, zoom: Accessor<number>) {
  const theme = () => props.theme;
  const [overlayData, setOverlayData] = createSignal<ReadonlyMap<string, Loaded>>(new Map());
  // While a panel draws on the map (mapCapture.ts) a click places a corner: it opens no drawer or card.
  const unlessDrawing = <A extends unknown[]>(h: ((...a: A) => void) | undefined) =>
    h &&
    ((...a: A) => {
      if (!props.capture?.active()) h(...a);
    });
  const onHexClick = unlessDrawing(props.onHexClick);
  const onAreaClick = unlessDrawing(props.onAreaClick);
  const onPoiClick = unlessDrawing(props.onPoiClick);

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
      onClick: onHexClick,
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
      onClick: onAreaClick,
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
  const initiatives = createMemo(() =>
    initiativeLayer({
      data: props.initiatives?.() ?? EMPTY_COLLECTION,
      visible: props.initiatives !== undefined,
      theme: theme(),
    }),
  );
  const alerts = createMemo(() =>
    alertLayer({ data: props.alerts?.() ?? EMPTY_COLLECTION, visible: props.alerts !== undefined }),
  );

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
        onClick: info.kind === 'amenity' && onPoiClick ? (f) => onPoiClick(f, info.code) : undefined,
      }),
    }));
  });
  const poiMarker = createMemo(() => poiMarkerLayer({ point: props.poiMarker?.() ?? null, theme: theme() }));
  const sketch = createMemo(() => sketchLayer(props.capture?.sketch() ?? null));

  /**
   * Bottom to top: areas, land use, hexes, boundaries, traffic, hotspots, points (bus stops, stations,
   * places), names, pulses, the picked place's ring, the sketch being drawn.
   * Deck's outline layer (a PathLayer: ~20k instanced segments for the districts) costs 0.4–0.6 s
   * of every frame on a software renderer, the rest of the deck layers together ~0.1 s. The pack's
   * own style draws the same boundaries under the (translucent, gapped) hexes for a fraction of
   * that, so deck draws them only over basemaps that lack them (MAP_STYLE_URL, PMTiles).
   * Read inside an effect, it tracks every layer it lists.
   */
  const ordered = (basemapHasBoundaries: boolean): Layer[] => {
    const ovl = overlayLayers();
    const of = (kind: string) => ovl.filter((o) => o.kind === kind).map((o) => o.layer);
    return [
      areaFill(),
      ...of('planning'),
      hexes(),
      ...(basemapHasBoundaries ? [] : [areaLines()]),
      ...of('traffic'),
      hotspots(),
      ...of('transit'),
      ...of('environment'),
      ...of('amenity'),
      initiatives(),
      // Alerts over every data layer, under the names: what a viewer must not miss.
      alerts(),
      labels.district(),
      labels.commune(),
      pulses(),
      poiMarker(),
      sketch(),
    ];
  };

  return { hexes, hexScale: hexScaleM, choroScale, overlayData, ordered };
}
