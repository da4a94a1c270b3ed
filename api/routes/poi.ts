import { Hono } from 'hono';
import { z } from 'zod';
import { foldForSearch } from '../../core/foldText';
import { POI_ATTRIBUTION, POI_CATEGORIES } from '../../core/poi';
import type { AppDeps } from '../context';
import { validate } from '../validate';
import { describeRoute } from '../openapi/describe';

/** Longer than any place name; a longer query is a mistake or a probe. */
const QUERY_MAX_CHARS = 100;
const DEFAULT_LIMIT = 10;
/** A result list a person reads; a client wanting every point reads the layers' GeoJSON. */
const MAX_LIMIT = 50;
/** The points change only with the pack (a restart): caches and CDNs may keep an answer a while. */
const SEARCH_CACHE_SECONDS = 300;

const searchQuery = z
  .object({
    q: z
      .string()
      .max(QUERY_MAX_CHARS)
      .refine((q) => foldForSearch(q).length > 0, 'must contain a letter or a digit / cần có chữ hoặc số'),
    category: z.enum(POI_CATEGORIES).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT),
  })
  .strict();

/**
 * Points of interest by name (schools, health facilities, markets, police, community houses), for
 * anyone: they are public places from OpenStreetMap, with no personal data. Accent-insensitive:
 * "benh vien" finds "Bệnh viện" (core/foldText.ts).
 */
export function poiRoutes(deps: AppDeps) {
  return new Hono().get(
    '/poi/search',
    describeRoute({
      summary: 'Search places by name',
      tags: ['places'],
      description:
        'Schools, health facilities, markets, police, community houses (OpenStreetMap). Accent-insensitive: "benh vien" finds "Bệnh viện".',
      responses: { 200: 'The places found, with the total and the attribution' },
    }),
    validate('query', searchQuery),
    (c) => {
      const { q, category, limit } = c.req.valid('query');
      const { total, items } = deps.poi.search({ q, category, limit });
      c.header('Cache-Control', `public, max-age=${SEARCH_CACHE_SECONDS}`);
      return c.json({ q, total, items, attribution: POI_ATTRIBUTION });
    },
  );
}
