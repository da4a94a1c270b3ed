import { and, asc, desc, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../connect';
import { layerFeatures, layers, readings } from '../schema';

/** Reads of overlay layers: listings, features with their latest values, and series for charts. */

type LayerRow = typeof layers.$inferSelect;

/** Features present at `at`: always-there ones, and live ones that have appeared and not cleared. */
function presentAt(at: Date) {
  return and(
    or(isNull(layerFeatures.validFrom), lte(layerFeatures.validFrom, at)),
    or(isNull(layerFeatures.validUntil), gt(layerFeatures.validUntil, at)),
  );
}

export interface LayerSummary {
  code: string;
  kind: LayerRow['kind'];
  nameVi: string;
  nameEn: string;
  source: string;
  licence: string;
  simulated: boolean;
  dataDate: string | null;
  legend: LayerRow['legend'];
  featureCount: number;
  latestReadingAt: Date | null;
  updatedAt: Date;
}

export async function listLayers(db: Db, at: Date): Promise<LayerSummary[]> {
  const rows = await db.select().from(layers).orderBy(asc(layers.kind), asc(layers.code));
  return Promise.all(
    rows.map(async (l) => {
      const [{ n }] = await db
        .select({ n: sql<number>`count(*)::int8` })
        .from(layerFeatures)
        .where(and(eq(layerFeatures.layerId, l.id), presentAt(at)));
      return {
        code: l.code,
        kind: l.kind,
        nameVi: l.nameVi,
        nameEn: l.nameEn,
        source: l.source,
        licence: l.licence,
        simulated: l.simulated,
        dataDate: l.dataDate,
        legend: l.legend,
        featureCount: Number(n),
        latestReadingAt: l.latestReadingAt,
        updatedAt: l.updatedAt,
      };
    }),
  );
}

export async function getLayer(db: Db, code: string): Promise<LayerRow | null> {
  const [row] = await db.select().from(layers).where(eq(layers.code, code));
  return row ?? null;
}

export interface FeatureWithLatest {
  id: number;
  key: string;
  properties: Record<string, unknown>;
  geometry: unknown;
  validFrom: Date | null;
  validUntil: Date | null;
  latest: Record<string, { value: number; at: Date }>;
}

/** A layer's features present at `at`, each with its latest value per metric up to `at`. */
export async function featuresWithLatest(db: Db, layerId: number, at: Date): Promise<FeatureWithLatest[]> {
  const [features, latest] = await Promise.all([
    db
      .select()
      .from(layerFeatures)
      .where(and(eq(layerFeatures.layerId, layerId), presentAt(at)))
      .orderBy(asc(layerFeatures.id)),
    db
      .selectDistinctOn([readings.featureId, readings.metric], {
        featureId: readings.featureId,
        metric: readings.metric,
        value: readings.value,
        at: readings.at,
      })
      .from(readings)
      .innerJoin(layerFeatures, eq(layerFeatures.id, readings.featureId))
      .where(and(eq(layerFeatures.layerId, layerId), lte(readings.at, at)))
      .orderBy(readings.featureId, readings.metric, desc(readings.at)),
  ]);
  const byFeature = new Map<number, FeatureWithLatest['latest']>();
  for (const r of latest) {
    const m = byFeature.get(r.featureId) ?? {};
    m[r.metric] = { value: r.value, at: r.at };
    byFeature.set(r.featureId, m);
  }
  return features.map((f) => ({
    id: f.id,
    key: f.key,
    properties: f.properties as Record<string, unknown>,
    geometry: f.geometry,
    validFrom: f.validFrom,
    validUntil: f.validUntil,
    latest: byFeature.get(f.id) ?? {},
  }));
}

/** Whether a feature belongs to a layer (a readings request names both). */
export async function featureInLayer(db: Db, layerId: number, featureId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: layerFeatures.id })
    .from(layerFeatures)
    .where(and(eq(layerFeatures.layerId, layerId), eq(layerFeatures.id, featureId)));
  return Boolean(row);
}

export async function readingSeries(
  db: Db,
  featureId: number,
  since: Date,
  until: Date,
  metric?: string,
): Promise<Array<{ metric: string; at: Date; value: number }>> {
  return db
    .select({ metric: readings.metric, at: readings.at, value: readings.value })
    .from(readings)
    .where(
      and(
        eq(readings.featureId, featureId),
        metric ? eq(readings.metric, metric) : sql`true`,
        sql`${readings.at} >= ${since.toISOString()}::timestamptz`,
        sql`${readings.at} <= ${until.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(asc(readings.metric), asc(readings.at));
}

/** A layer's features as the simulator needs them: id, key, properties and geometry. */
export async function layerFeatureList(db: Db, code: string) {
  return db
    .select({
      id: layerFeatures.id,
      key: layerFeatures.key,
      properties: layerFeatures.properties,
      geometry: layerFeatures.geometry,
    })
    .from(layerFeatures)
    .innerJoin(layers, eq(layers.id, layerFeatures.layerId))
    .where(eq(layers.code, code))
    .orderBy(asc(layerFeatures.key));
}
