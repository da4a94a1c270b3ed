import type { OverlayLayer } from '../core/overlayLayers';
import type { Connection } from './connect';
import * as r from './queries/layerReads';
import * as q from './queries/layers';

export type { FeatureWithLatest, LayerSummary } from './queries/layerReads';
export type { LayerTick } from './queries/layers';

/** Overlay layers, their features and readings: the layers store (Store.layers). */
export interface LayerStore {
  /** Loads a city pack's layers; unchanged ones are not rewritten. */
  load(list: OverlayLayer[]): Promise<void>;
  /** One imported layer, all or nothing, with a `layer.updated` event. */
  import(layer: OverlayLayer): ReturnType<typeof q.importLayer>;
  /** Readings (and live features) of one tick; `event` appends one `layer.readings` event. */
  writeTick(tick: q.LayerTick, event: boolean): ReturnType<typeof q.writeLayerTick>;
  prune(before: Date): ReturnType<typeof q.pruneLayerData>;
  list(at: Date): Promise<r.LayerSummary[]>;
  get(code: string): ReturnType<typeof r.getLayer>;
  featuresWithLatest(layerId: number, at: Date): Promise<r.FeatureWithLatest[]>;
  featureInLayer(layerId: number, featureId: number): Promise<boolean>;
  readingSeries(featureId: number, since: Date, until: Date, metric?: string): ReturnType<typeof r.readingSeries>;
  featureList(code: string): ReturnType<typeof r.layerFeatureList>;
}

export function createLayerStore(conn: Connection): LayerStore {
  const { db } = conn;
  return {
    load: (list) => q.loadOverlays(db, list),
    import: (layer) => q.importLayer(conn, layer),
    writeTick: (tick, event) => q.writeLayerTick(conn, tick, event),
    prune: (before) => q.pruneLayerData(db, before),
    list: (at) => r.listLayers(db, at),
    get: (code) => r.getLayer(db, code),
    featuresWithLatest: (layerId, at) => r.featuresWithLatest(db, layerId, at),
    featureInLayer: (layerId, featureId) => r.featureInLayer(db, layerId, featureId),
    readingSeries: (featureId, since, until, metric) => r.readingSeries(db, featureId, since, until, metric),
    featureList: (code) => r.layerFeatureList(db, code),
  };
}
