import type { Feature, FeatureCollection } from 'geojson';
import type { MapCapture } from './mapCapture';

/** What the hex layer colours by. */
export type HexMetric = 'received' | 'open' | 'overdue';

export interface HexDatum {
  cell: string;
  received: number;
  open: number;
  overdue: number;
}

export interface AreaDatum {
  code: string;
  nameVi: string;
  nameEn: string;
  population: number | null;
  open: number;
  overdue: number;
  received: number;
}

/** A report that just arrived, drawn as a pulse that fades over PULSE_MS. */
export interface Pulse {
  id: number;
  lng: number;
  lat: number;
  /** ms since epoch when it arrived (client clock). */
  at: number;
  /** Public pulses are placed at their r8 cell's centre, never the exact point. */
}

export interface ViewState {
  longitude: number;
  latitude: number;
  zoom: number;
}

export type OverlayCode = string;

export interface OverlayInfo {
  code: string;
  kind: 'planning' | 'environment' | 'traffic' | 'transit' | 'amenity';
  nameVi: string;
  nameEn: string;
  source: string;
  licence: string;
  simulated: boolean;
  dataDate?: string | null;
  /** Refetched when overlayVersion changes; default: environment and traffic are live, others not. */
  live?: boolean;
  /** As GET /api/layers gives it: the metrics a layer carries, or its classes (names used; colours are the map's own). */
  legend?: OverlayLegend | null;
}

export interface OverlayLegend {
  metrics?: { key: string; unit?: string; nameVi: string; nameEn: string }[];
  classes?: { key: string; color?: string; nameVi: string; nameEn: string }[];
}

/** Everything the map draws, as Solid accessors, so the map re-renders only what changed. */
export interface MapViewProps {
  lang: () => 'vi' | 'en';
  theme: 'light' | 'dark';
  /** Initial view; the map reports changes through onViewChange (for shareable URLs). */
  initialView: ViewState;
  onViewChange?: (v: ViewState) => void;
  /** The map's bounds once it is ready and after every move: [minLng, minLat, maxLng, maxLat]. */
  onBoundsChange?: (bbox: [number, number, number, number]) => void;
  /** The H3 resolution the hexes are at; the parent refetches hexes when onResolutionChange fires. */
  hexes: () => HexDatum[];
  /** Ticks when counts in `hexes` changed in place (same array): recolour without new geometry. */
  hexVersion?: () => number;
  hexRes: () => number;
  onResolutionChange?: (res: number) => void;
  /** Public mode never asks for finer than this. */
  maxHexRes?: number;
  metric: () => HexMetric;
  /** District or commune boundaries with per-area values for the choropleth (open per 10,000). */
  areaLevel: () => 'district' | 'commune';
  areaShapes: () => FeatureCollection | null;
  areaValues: () => Map<string, AreaDatum>;
  showHexes: () => boolean;
  showChoropleth: () => boolean;
  pulses: () => Pulse[];
  /**
   * Whether this view shows a pulse per new report at all (the legend explains pulses only then):
   * the public map gets counts per window, never one event per report.
   */
  livePulses: boolean;
  /** Overlays switched on, by code; the map fetches their GeoJSON from /api/layers/:code/geojson. */
  overlays: () => OverlayInfo[];
  enabledOverlays: () => Set<OverlayCode>;
  /** Bumped when live readings change, so overlay layers refetch/update. */
  overlayVersion: () => number;
  /** Cells flagged as hotspots (a later issue); outlined when non-empty. */
  hotCells: () => string[];
  /** Alerts in force as features (map/alertLayer.ts alertFeatures); nothing drawn when absent. */
  alerts?: () => FeatureCollection;
  /** Initiatives as points (data/initiatives.ts initiativePoints); nothing drawn when absent. */
  initiatives?: () => FeatureCollection;
  /** Fly to an area (wall auto-tour, chief view). */
  focus: () => { bbox: [number, number, number, number] } | null;
  onHexClick?: (cell: string) => void;
  onAreaClick?: (code: string) => void;
  /** A click on a point of interest (a feature of an `amenity` layer, with that layer's code). */
  onPoiClick?: (f: Feature, layerCode: string) => void;
  /** The point of interest picked (by a click or a search), ringed on the map. */
  poiMarker?: () => { lng: number; lat: number } | null;
  /** A panel drawing on the map (an alert's polygon) takes its clicks through this; its sketch is drawn on top. */
  capture?: MapCapture;
  /** Draw the legend over the map (default true). */
  showLegend?: boolean;
  /** Extra class on the map's container (it fills its parent: position relative, 100% × 100%). */
  class?: string;
}
