import { createHash } from 'node:crypto';
import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { EventPayloads } from '../../core/events';
import type { OverlayFeature, OverlayLayer } from '../../core/overlayLayers';
import type { Connection, Db } from '../connect';
import { events, layerFeatures, layers, readings } from '../schema';
import type { NewEvent } from '../types';

/** Writes of overlay layers: pack loads, imports, simulator ticks, pruning. */

/** Feature rows per insert: 7 parameters each, far below Postgres's 65,535. */
const FEATURES_PER_INSERT = 1_000;
const READINGS_PER_INSERT = 2_000;

type LayerRow = typeof layers.$inferSelect;

/** Hashes by layer object: a process loads the same pack layers into every runtime it starts. */
const hashes = new WeakMap<OverlayLayer, string>();

function contentHash(layer: OverlayLayer): string {
  let hash = hashes.get(layer);
  if (hash === undefined) {
    hash = createHash('sha256').update(JSON.stringify(layer)).digest('hex');
    hashes.set(layer, hash);
  }
  return hash;
}

async function upsertFeatures(tx: Db, layerId: number, features: OverlayFeature[]) {
  const out: Array<{ id: number; key: string }> = [];
  for (let i = 0; i < features.length; i += FEATURES_PER_INSERT) {
    const chunk = features.slice(i, i + FEATURES_PER_INSERT).map((f) => ({
      layerId,
      key: f.key,
      properties: f.properties,
      geometry: f.geometry,
      validFrom: f.validFrom ?? null,
      validUntil: f.validUntil ?? null,
    }));
    out.push(
      ...(await tx
        .insert(layerFeatures)
        .values(chunk)
        .onConflictDoUpdate({
          target: [layerFeatures.layerId, layerFeatures.key],
          set: {
            properties: sql`excluded.properties`,
            geometry: sql`excluded.geometry`,
            validFrom: sql`excluded.valid_from`,
            validUntil: sql`excluded.valid_until`,
          },
        })
        .returning({ id: layerFeatures.id, key: layerFeatures.key })),
    );
  }
  return out;
}

/**
 * Upserts a layer's record and, unless its features are live (null), replaces its features by key:
 * kept keys keep their ids (and readings), missing ones go. Runs inside the caller's transaction.
 */
async function upsertLayer(tx: Db, layer: OverlayLayer, hash: string): Promise<LayerRow> {
  const record = {
    code: layer.code,
    kind: layer.kind,
    nameVi: layer.nameVi,
    nameEn: layer.nameEn,
    source: layer.source,
    licence: layer.licence,
    simulated: layer.simulated,
    dataDate: layer.dataDate,
    legend: layer.legend ?? {},
    contentHash: hash,
    updatedAt: new Date(),
  };
  const { code: _code, ...update } = record;
  const [row] = await tx
    .insert(layers)
    .values(record)
    .onConflictDoUpdate({ target: layers.code, set: update })
    .returning();
  if (layer.features) {
    const keys = layer.features.map((f) => f.key);
    if (new Set(keys).size !== keys.length) throw new Error(`layer ${layer.code}: duplicate feature keys`);
    await tx
      .delete(layerFeatures)
      .where(and(eq(layerFeatures.layerId, row.id), keys.length ? notInArray(layerFeatures.key, keys) : sql`true`));
    await upsertFeatures(tx, row.id, layer.features);
  }
  return row;
}

/** Loads a pack's layers; a layer whose content is unchanged since the last load is not rewritten. */
export async function loadOverlays(db: Db, list: OverlayLayer[]): Promise<void> {
  const stored = new Map(
    (await db.select({ code: layers.code, hash: layers.contentHash }).from(layers)).map((r) => [r.code, r.hash]),
  );
  for (const layer of list) {
    const hash = contentHash(layer);
    if (stored.get(layer.code) === hash) continue;
    await db.transaction(async (tx) => void (await upsertLayer(tx as unknown as Db, layer, hash)));
  }
}

/** Stores one layer from an import, all or nothing, and tells live clients it changed. */
export async function importLayer(
  conn: Connection,
  layer: OverlayLayer,
): Promise<{ layerId: number; features: number; eventId: number }> {
  return conn.eventTransaction(async (tx, wrote) => {
    const row = await upsertLayer(tx, layer, contentHash(layer));
    const at = new Date();
    const [ev] = await tx
      .insert(events)
      .values({
        at,
        type: 'layer.updated',
        payload: { layer: layer.code, featureCount: layer.features?.length ?? 0 },
      } satisfies NewEvent)
      .returning({ id: events.id });
    wrote(ev.id);
    return { layerId: row.id, features: layer.features?.length ?? 0, eventId: ev.id };
  });
}

export interface LayerTick {
  layer: string;
  /** The tick's instant: the event's time and the default time of its readings. */
  at: Date;
  /** Features appearing, changing or clearing (validUntil set), upserted before the readings. */
  features?: OverlayFeature[];
  readings: Array<{ key: string; metric: string; value: number; at?: Date }>;
}

/**
 * Writes readings (and live features) for one layer. With `event`, it goes through the outbox as
 * one `layer.readings` event so it streams and resumes like every other event; without (a backfill),
 * it is a plain transaction. A reading already stored for (feature, metric, instant) is kept.
 */
export async function writeLayerTick(
  conn: Connection,
  tick: LayerTick,
  event: boolean,
): Promise<{ eventId: number | null; stored: number }> {
  const run = async (tx: Db, wrote?: (id: number) => void) => {
    const [layer] = await tx.select({ id: layers.id }).from(layers).where(eq(layers.code, tick.layer));
    if (!layer) throw new Error(`layer ${tick.layer} is not loaded`);
    const upserted = tick.features?.length ? await upsertFeatures(tx, layer.id, tick.features) : [];
    const ids = new Map(upserted.map((f) => [f.key, f.id]));
    const missing = [...new Set(tick.readings.map((r) => r.key))].filter((k) => !ids.has(k));
    if (missing.length) {
      const found = await tx
        .select({ id: layerFeatures.id, key: layerFeatures.key })
        .from(layerFeatures)
        .where(and(eq(layerFeatures.layerId, layer.id), inArray(layerFeatures.key, missing)));
      for (const f of found) ids.set(f.key, f.id);
    }
    const rows = tick.readings.flatMap((r) => {
      const featureId = ids.get(r.key);
      return featureId === undefined ? [] : [{ featureId, metric: r.metric, value: r.value, at: r.at ?? tick.at }];
    });
    let stored = 0;
    for (let i = 0; i < rows.length; i += READINGS_PER_INSERT) {
      const res = await tx
        .insert(readings)
        .values(rows.slice(i, i + READINGS_PER_INSERT))
        .onConflictDoNothing()
        .returning({ id: readings.id });
      stored += res.length;
    }
    if (rows.length) {
      const newest = new Date(rows.reduce((m, r) => Math.max(m, r.at.getTime()), 0));
      await tx
        .update(layers)
        .set({ latestReadingAt: sql`greatest(${layers.latestReadingAt}, ${newest.toISOString()}::timestamptz)` })
        .where(eq(layers.id, layer.id));
    }
    if (!wrote) return { eventId: null, stored };
    const byId = new Map(upserted.map((f) => [f.key, f.id]));
    const payload: EventPayloads['layer.readings'] = {
      layer: tick.layer,
      at: tick.at.toISOString(),
      readings: rows.map((r) => ({ featureId: r.featureId, metric: r.metric, value: r.value })),
      ...(tick.features?.length
        ? {
            features: tick.features.map((f) => ({
              id: byId.get(f.key),
              key: f.key,
              geometry: f.geometry,
              properties: f.properties,
              validFrom: f.validFrom?.toISOString() ?? null,
              validUntil: f.validUntil?.toISOString() ?? null,
            })),
          }
        : {}),
    };
    const [ev] = await tx
      .insert(events)
      .values({ at: tick.at, type: 'layer.readings', payload } satisfies NewEvent)
      .returning({ id: events.id });
    wrote(ev.id);
    return { eventId: ev.id, stored };
  };
  return event
    ? conn.eventTransaction((tx, wrote) => run(tx, wrote))
    : conn.db.transaction((tx) => run(tx as unknown as Db));
}

/** Drops readings older than `before`, and live features that cleared before it. */
export async function pruneLayerData(db: Db, before: Date): Promise<{ readings: number; features: number }> {
  const r = await db
    .delete(readings)
    .where(sql`${readings.at} < ${before.toISOString()}::timestamptz`)
    .returning({ id: readings.id });
  const f = await db
    .delete(layerFeatures)
    .where(sql`${layerFeatures.validUntil} < ${before.toISOString()}::timestamptz`)
    .returning({ id: layerFeatures.id });
  return { readings: r.length, features: f.length };
}
