import { Hono } from 'hono';
import { z } from 'zod';
import type { FeatureWithLatest, LayerSummary } from '../../db/layerStore';
import type { AppDeps } from '../context';
import { NotFound, ValidationError } from '../errors';
import { idParam, isoDate } from '../schemas';
import { validate } from '../validate';
import { describeRoute } from '../openapi/describe';

const LAYER_CODE = /^[a-z][a-z0-9_]{1,63}$/;
const HOUR_MS = 3_600_000;
/** A chart's default span; readings are kept 48 h. */
const DEFAULT_SERIES_MS = 24 * HOUR_MS;
/** Layers without live readings change only on a reload or an import. */
const STATIC_LAYER_CACHE_SECONDS = 300;

const geojsonQuery = z.object({ at: isoDate.optional() }).strict();
const readingsQuery = z
  .object({
    featureId: idParam(),
    since: isoDate.optional(),
    until: isoDate.optional(),
    metric: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,39}$/)
      .optional(),
  })
  .strict();

function layerView(l: LayerSummary) {
  return { ...l, latestReadingAt: l.latestReadingAt?.toISOString() ?? null, updatedAt: l.updatedAt.toISOString() };
}

/** A feature's stored properties, then its id and its latest value per metric (pm25, aqi, congestion …). */
function featureView(f: FeatureWithLatest) {
  const latest = Object.entries(f.latest);
  const readingAt = latest.reduce<Date | null>((m, [, r]) => (m && m > r.at ? m : r.at), null);
  return {
    type: 'Feature' as const,
    id: f.id,
    geometry: f.geometry,
    properties: {
      ...f.properties,
      id: f.id,
      key: f.key,
      ...Object.fromEntries(latest.map(([metric, r]) => [metric, r.value])),
      readingAt: readingAt?.toISOString() ?? null,
      ...(f.validFrom ? { validFrom: f.validFrom.toISOString() } : {}),
    },
  };
}

export function layerRoutes(deps: AppDeps) {
  const { layers } = deps.store;

  async function layerOf(code: string) {
    const layer = LAYER_CODE.test(code) ? await layers.get(code) : null;
    if (!layer) throw new NotFound(`Layer ${code}`);
    return layer;
  }

  return new Hono()
    .get(
      '/layers',
      describeRoute({
        summary: 'Map overlays',
        tags: ['layers'],
        description: 'Planning, environment and traffic layers, with their sources, licences and last readings.',
        responses: { 200: 'The layers' },
      }),
      async (c) => c.json({ items: (await layers.list(deps.now())).map(layerView) }),
    )
    .get(
      '/layers/:code/geojson',
      describeRoute({
        summary: "A layer's features (GeoJSON)",
        tags: ['layers'],
        params: { code: 'The layer code' },
        description: 'Each feature with its latest value per metric at `at` (default now).',
        responses: { 200: 'A FeatureCollection', 404: 'No such layer' },
      }),
      validate('query', geojsonQuery),
      async (c) => {
        const layer = await layerOf(c.req.param('code'));
        const at = c.req.valid('query').at ?? deps.now();
        const features = await layers.featuresWithLatest(layer.id, at);
        c.header('Cache-Control', layer.latestReadingAt ? 'no-cache' : `public, max-age=${STATIC_LAYER_CACHE_SECONDS}`);
        return c.json({
          type: 'FeatureCollection' as const,
          layer: {
            code: layer.code,
            kind: layer.kind,
            nameVi: layer.nameVi,
            nameEn: layer.nameEn,
            source: layer.source,
            licence: layer.licence,
            simulated: layer.simulated,
            dataDate: layer.dataDate,
            legend: layer.legend,
          },
          at: at.toISOString(),
          features: features.map(featureView),
        });
      },
    )
    .get(
      '/layers/:code/readings',
      describeRoute({
        summary: "A feature's readings over time",
        tags: ['layers'],
        params: { code: 'The layer code' },
        description: 'Default the last 24 hours; readings are kept 48 hours.',
        responses: { 200: 'A series per metric, with its unit', 404: 'No such layer, or no such feature in it' },
      }),
      validate('query', readingsQuery),
      async (c) => {
        const layer = await layerOf(c.req.param('code'));
        const q = c.req.valid('query');
        const until = q.until ?? deps.now();
        const since = q.since ?? new Date(until.getTime() - DEFAULT_SERIES_MS);
        if (since >= until) throw new ValidationError('since: must be before until', 'since');
        if (!(await layers.featureInLayer(layer.id, q.featureId)))
          throw new NotFound(`Feature ${q.featureId} of layer ${layer.code}`);
        const rows = await layers.readingSeries(q.featureId, since, until, q.metric);
        const units = new Map((layer.legend.metrics ?? []).map((m) => [m.key, m.unit]));
        const series = new Map<string, Array<{ at: string; value: number }>>();
        for (const r of rows) {
          const points = series.get(r.metric) ?? [];
          points.push({ at: r.at.toISOString(), value: r.value });
          series.set(r.metric, points);
        }
        return c.json({
          layer: layer.code,
          featureId: q.featureId,
          since: since.toISOString(),
          until: until.toISOString(),
          series: [...series].map(([metric, points]) => ({ metric, unit: units.get(metric) ?? null, points })),
        });
      },
    );
}
