/**
 * deck.gl layer descriptors. Each builder takes the data by reference and everything that changes
 * colours through updateTriggers, so a rebuild with the same `data` re-uploads nothing (deck.gl diffs
 * props; accessor functions are compared only through their triggers). Layers are always returned and
 * hidden with `visible`, never dropped, so their GPU buffers survive a toggle.
 */
import type { Layer, PickingInfo } from '@deck.gl/core';
import { H3HexagonLayer } from '@deck.gl/geo-layers';
import { GeoJsonLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { Feature, FeatureCollection } from 'geojson';
import { formatNumber } from '../i18n/format';
import { areaCode, labelText, openPer10k, type AreaLabel } from './areas';
import { withAlpha, type Scale, type Theme } from './colour';
import { hexFill } from './hexes';
import {
  INCIDENT_FILL,
  busStopColour,
  congestionColour,
  isIncident,
  NO_READING,
  landUseColour,
  landUseOf,
  num,
  stationColour,
} from './overlayStyle';
import { FONT_FAMILY, NO_DATA_COLOUR, boundaryColour, hotspotColour, labelColours, pulseColour } from './palette';
import { poiLayer } from './poiLayers';
import { pulseLook } from './pulses';
import type { Lang } from './text';
import type { AreaDatum, HexDatum, HexMetric, OverlayInfo, Pulse } from './types';

export const LAYER_IDS = {
  areas: 'areas',
  areaLines: 'area-lines',
  hexes: 'hexes',
  hotspots: 'hotspots',
  labelsDistrict: 'labels-district',
  labelsCommune: 'labels-commune',
  pulses: 'pulses',
} as const;

export const overlayLayerId = (code: string) => `overlay-${code}`;

const EMPTY: never[] = [];

export function hexLayer(p: {
  data: readonly HexDatum[];
  metric: HexMetric;
  scale: Scale;
  visible: boolean;
  theme: Theme;
  onClick?: (cell: string) => void;
}) {
  return new H3HexagonLayer<HexDatum>({
    id: LAYER_IDS.hexes,
    data: p.data as HexDatum[],
    visible: p.visible,
    // One resolution per data set, and the instanced fast path (see STYLE.md).
    highPrecision: false,
    extruded: false,
    filled: true,
    stroked: false,
    coverage: 0.94,
    pickable: true,
    autoHighlight: true,
    highlightColor: p.theme === 'dark' ? [255, 255, 255, 90] : [0, 0, 0, 60],
    getHexagon: (d) => d.cell,
    getFillColor: (d) => hexFill(d, p.metric, p.scale),
    updateTriggers: { getFillColor: [p.metric, p.scale] },
    onClick: p.onClick
      ? (info: PickingInfo<HexDatum>) => (info.object ? (p.onClick!(info.object.cell), true) : false)
      : undefined,
  });
}

export function hotspotLayer(p: { cells: readonly string[]; theme: Theme }) {
  return new H3HexagonLayer<string>({
    id: LAYER_IDS.hotspots,
    data: p.cells as string[],
    visible: p.cells.length > 0,
    highPrecision: false,
    extruded: false,
    filled: false,
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: 2.5,
    getLineColor: withAlpha(hotspotColour(p.theme), 235),
    getHexagon: (d) => d,
    pickable: false,
  });
}

export function areaFillLayer(p: {
  shapes: FeatureCollection | null;
  values: ReadonlyMap<string, AreaDatum>;
  scale: Scale;
  visible: boolean;
  theme: Theme;
  /** Hexes are drawn on top: fade the areas so the gaps between hexes do not read as outlines. */
  underHexes?: boolean;
  onClick?: (code: string) => void;
}) {
  const alpha = p.underHexes ? 90 : 175;
  const fill = (f: Feature) => {
    const code = areaCode(f);
    const rate = code ? openPer10k(p.values.get(code)) : null;
    return rate === null ? withAlpha(NO_DATA_COLOUR, alpha * 0.4) : withAlpha(p.scale.colour(rate), alpha);
  };
  return new GeoJsonLayer({
    id: LAYER_IDS.areas,
    data: (p.shapes ?? EMPTY) as FeatureCollection,
    visible: p.visible && p.shapes !== null,
    filled: true,
    stroked: false,
    pickable: true,
    autoHighlight: true,
    highlightColor: p.theme === 'dark' ? [255, 255, 255, 50] : [0, 0, 0, 40],
    getFillColor: fill,
    updateTriggers: { getFillColor: [p.values, p.scale, alpha] },
    onClick: p.onClick
      ? (info: PickingInfo<Feature>) => {
          const code = areaCode(info.object);
          if (code) p.onClick!(code);
          return Boolean(code);
        }
      : undefined,
  });
}

export function areaLineLayer(p: { shapes: FeatureCollection | null; theme: Theme; level: 'district' | 'commune' }) {
  return new GeoJsonLayer({
    id: LAYER_IDS.areaLines,
    data: (p.shapes ?? EMPTY) as FeatureCollection,
    visible: p.shapes !== null,
    filled: false,
    stroked: true,
    pickable: false,
    lineWidthUnits: 'pixels',
    getLineWidth: p.level === 'district' ? 1.5 : 1,
    getLineColor: withAlpha(boundaryColour(p.theme), p.level === 'district' ? 190 : 150),
    updateTriggers: { getLineColor: [p.theme, p.level], getLineWidth: p.level },
  });
}

export function labelLayer(p: {
  id: string;
  data: readonly AreaLabel[];
  lang: Lang;
  theme: Theme;
  visible: boolean;
  sizePx: number;
}) {
  const { text, halo } = labelColours(p.theme);
  return new TextLayer<AreaLabel>({
    id: p.id,
    data: p.data as AreaLabel[],
    visible: p.visible,
    pickable: false,
    getPosition: (l) => l.position,
    getText: (l) => labelText(l, p.lang),
    // 'auto' builds the atlas from the labels themselves, so ữ, ặ, Đ, ơ… are all in it.
    characterSet: 'auto',
    fontFamily: FONT_FAMILY,
    fontWeight: 600,
    fontSettings: { sdf: true, fontSize: 48, buffer: 6, radius: 12 },
    sizeUnits: 'pixels',
    getSize: p.sizePx,
    getColor: [...text, 255],
    outlineWidth: 3,
    outlineColor: [...halo, 230],
    getTextAnchor: 'middle',
    getAlignmentBaseline: 'center',
    updateTriggers: { getText: p.lang, getColor: p.theme },
  });
}

/**
 * Drawn while no pulse is showing: fully transparent (an age past the fade), off the map at 0°, 0°.
 * A software renderer compiles a layer's shaders on its first draw (~200 ms on SwiftShader); without
 * this, that happened in the frame of the first report to arrive, while the page was live, instead
 * of during the load.
 */
export const PULSE_PLACEHOLDER: readonly Pulse[] = [{ id: -1, lng: 0, lat: 0, at: Number.NEGATIVE_INFINITY }];

export function pulseLayer(p: { data: readonly Pulse[]; now: number; theme: Theme }) {
  const [r, g, b] = pulseColour(p.theme);
  return new ScatterplotLayer<Pulse>({
    id: LAYER_IDS.pulses,
    data: (p.data.length > 0 ? p.data : PULSE_PLACEHOLDER) as Pulse[],
    pickable: false,
    radiusUnits: 'pixels',
    lineWidthUnits: 'pixels',
    stroked: true,
    filled: true,
    getPosition: (d) => [d.lng, d.lat],
    getRadius: (d) => pulseLook(p.now - d.at).radiusPx,
    getFillColor: (d) => [r, g, b, Math.round(pulseLook(p.now - d.at).alpha * 0.25)],
    getLineColor: (d) => [r, g, b, pulseLook(p.now - d.at).alpha],
    getLineWidth: 2.5,
    updateTriggers: { getRadius: p.now, getFillColor: [p.now, p.theme], getLineColor: [p.now, p.theme] },
  });
}

/** One GeoJsonLayer per overlay, styled by its kind. */
export function overlayLayer(p: {
  info: OverlayInfo;
  data: FeatureCollection;
  visible: boolean;
  theme: Theme;
  lang: Lang;
  /** A click on one of its features (the POI layers open their card). */
  onClick?: (f: Feature) => void;
}): Layer {
  const id = overlayLayerId(p.info.code);
  const base = { id, data: p.data, visible: p.visible, pickable: true, autoHighlight: true } as const;
  const props = (f: Feature) => (f.properties ?? {}) as Record<string, unknown>;
  const { text, halo } = labelColours(p.theme);
  switch (p.info.kind) {
    case 'planning':
      return new GeoJsonLayer({
        ...base,
        filled: true,
        stroked: true,
        getFillColor: (f) => withAlpha(landUseColour(landUseOf(props(f))), 60),
        getLineColor: (f) => withAlpha(landUseColour(landUseOf(props(f))), 110),
        lineWidthUnits: 'pixels',
        getLineWidth: 0.75,
      });
    case 'environment':
      return new GeoJsonLayer({
        ...base,
        pointType: 'circle+text',
        filled: true,
        stroked: true,
        pointRadiusUnits: 'pixels',
        getPointRadius: 9,
        getFillColor: (f) => withAlpha(stationColour(props(f)), 235),
        getLineColor: [...halo, 255],
        lineWidthUnits: 'pixels',
        getLineWidth: 1.5,
        getText: (f: Feature) => {
          const pm25 = num(props(f).pm25);
          return pm25 === null ? '' : formatNumber(pm25, p.lang);
        },
        getTextSize: 12,
        getTextPixelOffset: [0, -19],
        getTextColor: [...text, 255],
        textFontFamily: FONT_FAMILY,
        textFontWeight: 700,
        textFontSettings: { sdf: true },
        textOutlineWidth: 3,
        textOutlineColor: [...halo, 230],
        updateTriggers: { getText: p.lang, getLineColor: p.theme, getTextColor: p.theme },
      });
    case 'traffic': {
      const incident = (f: Feature) => isIncident(props(f), f.geometry?.type);
      const congestion = (f: Feature) => num(props(f).congestion);
      const reading = (f: Feature, alpha: number) => {
        const c = congestion(f);
        return c === null ? withAlpha(NO_READING, alpha / 3) : withAlpha(congestionColour(c), alpha);
      };
      return new GeoJsonLayer({
        ...base,
        filled: true,
        stroked: true,
        pointType: 'circle',
        pointRadiusUnits: 'pixels',
        getPointRadius: 7,
        lineWidthUnits: 'pixels',
        getFillColor: (f) => (incident(f) ? withAlpha(INCIDENT_FILL, 240) : reading(f, 150)),
        getLineColor: (f) => (incident(f) ? withAlpha(congestionColour(1), 255) : reading(f, 230)),
        getLineWidth: (f) => (f.geometry?.type?.includes('LineString') ? 3.5 : incident(f) ? 3 : 0.5),
      });
    }
    case 'amenity':
      return poiLayer({ id, data: p.data, visible: p.visible, theme: p.theme, onClick: p.onClick });
    default:
      return new GeoJsonLayer({
        ...base,
        pointType: 'circle',
        filled: true,
        stroked: false,
        pointRadiusUnits: 'pixels',
        getPointRadius: 2.5,
        getFillColor: withAlpha(busStopColour(p.theme), 220),
        getLineColor: withAlpha(busStopColour(p.theme), 220),
        lineWidthUnits: 'pixels',
        getLineWidth: 1.5,
      });
  }
}
