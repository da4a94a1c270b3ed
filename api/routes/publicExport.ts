import { cellToBoundary, cellToLatLng } from 'h3-js';
import { Hono } from 'hono';
import { z } from 'zod';
import { cityClock } from '../../core/cityClock';
import { PUBLIC_MIN_REPORTS_PER_CELL, type PublicCount, type PublicRes } from '../../db/queries/publicAggregates';
import type { AppDeps } from '../context';
import { batchedBody, type BatchEncoder, mapBatches } from '../export/batchStream';
import { attachment, exportFilename } from '../export/filename';
import { describeRoute } from '../openapi/describe';
import { CSV_TYPE, csvEncoder, type FeatureOf, GEOJSON_TYPE, geojsonEncoder } from '../export/formats';
import { localIso } from '../export/localTime';
import { PUBLIC_WINDOW_MIN } from '../stream/publicCounts';
import { validate } from '../validate';
import { categories, publicAreas, publicCells, publicWindow, window } from './publicRoutes';

export const publicExportQuery = z
  .object({
    ...window,
    kind: z.enum(['hexes', 'areas']).default('hexes'),
    res: z.coerce.number().int().min(6).max(8).default(8),
    level: z.enum(['district', 'commune']).default('district'),
    category: categories.optional(),
  })
  .strict();

const HEX_COLUMNS = ['cell', 'res', 'lat', 'lng', 'received', 'handled', 'open', 'since', 'until'] as const;
const AREA_COLUMNS = ['code', 'level', 'name_vi', 'name_en', 'received', 'handled', 'open', 'since', 'until'] as const;
type HexRecord = Record<(typeof HEX_COLUMNS)[number], string | number>;
type AreaRecord = Record<(typeof AREA_COLUMNS)[number], string | number>;
type Row = { record: HexRecord | AreaRecord; geometry: FeatureOf<unknown>['geometry'] };

/** A cell's centre to 6 decimals (~0.1 m): the cell's, never a report's point. */
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * `GET /api/public/export.csv` and `.geojson`: what the public page shows, as a file — the public
 * aggregates, never reports. The same window (delayed by PUBLIC_DELAY_MIN, on the public grid),
 * the same queries and the same withholding as /api/public/hexes and /api/public/areas: coarse
 * cells (r6–r8) or areas with their counts, cells and areas under 3 left out, no text, no
 * point, no contact. Small (a few thousand cells at most), so written in one batch.
 */
export function publicExportRoutes(deps: AppDeps) {
  const { store, pack } = deps;
  const clock = cityClock(pack.timezone);
  const delayMin = deps.privacy.settings.publicDelayMin;
  const outlines = new Map(pack.areas.map((a) => [a.code, a.geometry]));

  async function rowsOf(q: z.infer<typeof publicExportQuery>, w: { since: Date; until: Date }): Promise<Row[]> {
    const span = { since: localIso(clock, w.since), until: localIso(clock, w.until) };
    const counts = (n: PublicCount) => ({ received: n.received, handled: n.handled, open: n.open });
    if (q.kind === 'hexes') {
      const { cells } = await publicCells(store, q.res as PublicRes, { ...w, category: q.category });
      return cells.map((n) => {
        const [lat, lng] = cellToLatLng(n.cell);
        return {
          record: { cell: n.cell, res: q.res, lat: round6(lat), lng: round6(lng), ...counts(n), ...span },
          // [lng, lat], closed (h3-js's GeoJSON form).
          geometry: { type: 'Polygon', coordinates: [cellToBoundary(n.cell, true)] },
        };
      });
    }
    const { items } = await publicAreas(store, pack.areas, q.level, { ...w, category: q.category });
    return items.map((a) => ({
      record: { code: a.code, level: q.level, name_vi: a.nameVi, name_en: a.nameEn, ...counts(a), ...span },
      geometry: outlines.get(a.code)!,
    }));
  }

  const respond = async (q: z.infer<typeof publicExportQuery>, format: 'csv' | 'geojson') => {
    const now = deps.now();
    const w = publicWindow(q, now, delayMin);
    const rows = await rowsOf(q, w);
    const what = q.kind === 'hexes' ? `hexes-r${q.res}` : `${q.level}s`;
    const encoder: BatchEncoder<Row> =
      format === 'csv'
        ? mapBatches(
            (r) => r.record,
            csvEncoder<Record<string, unknown>>(q.kind === 'hexes' ? HEX_COLUMNS : AREA_COLUMNS),
          )
        : mapBatches(
            (r) => ({ geometry: r.geometry, properties: r.record }),
            geojsonEncoder({
              since: localIso(clock, w.since),
              until: localIso(clock, w.until),
              delayMin,
              windowMin: PUBLIC_WINDOW_MIN,
              minReportsPerCell: PUBLIC_MIN_REPORTS_PER_CELL,
            }),
          );
    const filename = exportFilename(
      { city: pack.code, what, since: w.since, until: w.until, category: q.category, ext: format },
      clock,
      now,
    );
    const body = batchedBody<Row>({ next: async () => null }, encoder, rows);
    return new Response(body, {
      headers: {
        'Content-Type': format === 'csv' ? CSV_TYPE : GEOJSON_TYPE,
        'Content-Disposition': attachment(filename),
      },
    });
  };

  const doc = (format: 'csv' | 'geojson') =>
    describeRoute({
      summary: `Export the public view as ${format === 'csv' ? 'CSV' : 'GeoJSON'}`,
      tags: ['public'],
      description:
        'What /public shows, as a file: `kind=hexes` (H3 cells at `res` 6–8, default 8, with their centre) or `kind=areas` (at `level`), with received, handled and open counts over the public window (delayed by PUBLIC_DELAY_MIN, on the 5-minute grid, cells and areas under 3 left out), as /api/public/hexes and /api/public/areas count them. No report, text, point or contact. ' +
        (format === 'csv'
          ? 'CSV in UTF-8 with a BOM, CRLF lines, the window (since, until) on every row.'
          : 'A GeoJSON FeatureCollection: cells as h3 polygons, areas as their outlines, [lng, lat]; since, until, delayMin, windowMin and minReportsPerCell as foreign members.'),
      responses: {
        200: {
          description: 'The file (attachment)',
          contentType: format === 'csv' ? 'text/csv' : 'application/geo+json',
        },
      },
    });
  return new Hono()
    .get('/export.csv', doc('csv'), validate('query', publicExportQuery), (c) => respond(c.req.valid('query'), 'csv'))
    .get('/export.geojson', doc('geojson'), validate('query', publicExportQuery), (c) =>
      respond(c.req.valid('query'), 'geojson'),
    );
}
