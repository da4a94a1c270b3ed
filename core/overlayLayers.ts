import type { Geometry } from 'geojson';

/** `amenity`: points of interest (schools, health, markets, police, community houses; core/poi.ts). */
export type OverlayKind = 'planning' | 'environment' | 'traffic' | 'transit' | 'amenity';

/** One feature of an overlay; `key` is its stable identity within the layer (reloads upsert by it). */
export interface OverlayFeature {
  key: string;
  properties: Record<string, unknown>;
  geometry: Geometry;
  /** For features that appear and clear (incidents); omitted = always there. */
  validFrom?: Date | null;
  validUntil?: Date | null;
}

export interface OverlayLegend {
  metrics?: Array<{ key: string; unit: string; nameVi: string; nameEn: string }>;
  classes?: Array<{ key: string; nameVi: string; nameEn: string; color: string }>;
}

/**
 * An overlay layer as a city pack or an import provides it. Every layer says where its data came
 * from, under which licence, how old it is, and whether it is simulated: legends show all four.
 */
export interface OverlayLayer {
  code: string;
  kind: OverlayKind;
  nameVi: string;
  nameEn: string;
  source: string;
  licence: string;
  simulated: boolean;
  /** ISO date or YYYY-MM the data describes; null for live layers (their date is the latest reading). */
  dataDate: string | null;
  legend?: OverlayLegend;
  /**
   * The layer's features, replacing what is stored; null = live features written by a simulator
   * or feed (traffic incidents), which a reload must leave alone.
   */
  features: OverlayFeature[] | null;
}

/** Layers the overlay simulator drives, by code; a pack that ships them gets live readings. */
export const LIVE_LAYER_CODES = {
  airQuality: 'environment_air_quality',
  congestion: 'traffic_congestion',
  incidents: 'traffic_incidents',
} as const;
