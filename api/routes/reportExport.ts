import { type Context, Hono } from 'hono';
import type { z } from 'zod';
import { cityClock } from '../../core/cityClock';
import type { AppEnv } from '../auth/middleware';
import { checkAreaFilter, staffOnly, staffScope } from '../auth/routeScope';
import type { AppDeps } from '../context';
import { ValidationError } from '../errors';
import { batchedBody, mapBatches } from '../export/batchStream';
import { attachment, exportFilename } from '../export/filename';
import { describeRoute } from '../openapi/describe';
import { CSV_TYPE, csvEncoder, type FeatureOf, GEOJSON_TYPE, geojsonEncoder } from '../export/formats';
import { localIso } from '../export/localTime';
import { REPORT_COLUMNS, type ReportRecord, recordContext, reportRecord } from '../export/reportRecord';
import { reportBatches } from '../export/reportSource';
import { reportFilterQuery } from '../schemas';
import { validate } from '../validate';
import { areaNames } from '../views';

type Format = 'csv' | 'geojson';
type ExportQuery = z.infer<typeof reportFilterQuery>;
type Properties = Omit<ReportRecord, 'lat' | 'lng'>;

/**
 * `GET /api/reports/export.csv` and `.geojson`: the reports of the desk's filter (the same
 * reportFilterQuery as GET /api/reports), in the viewer's scope as every staff read is, streamed a
 * batch at a time. Mounted before reportRoutes, whose `/:id` would otherwise take `export.csv` for an id.
 * The reporter's contact is not in it: its reads are logged one report at a time (GET /api/reports/:id).
 */
export function reportExportRoutes(deps: AppDeps) {
  const { pack } = deps;
  const names = areaNames(pack);
  const clock = cityClock(pack.timezone);

  const respond = async (c: Context<AppEnv>, q: ExportQuery, format: Format) => {
    const { viewer, scope } = staffScope(c, pack);
    checkAreaFilter(scope, q.area, pack);
    const now = deps.now();
    // The export's end is pinned when it starts: a report filed while it streams is not half in it.
    const until = q.until ?? now;
    if (q.since && q.since >= until) throw new ValidationError('since: must be before until', 'since');
    const filter = { ...q, until };
    const source = reportBatches(deps.store.reports, filter, scope);
    // Read before answering: a database that fails here gets its proper error, not a cut file.
    const first = await source.next();
    const ctx = recordContext(pack, names, clock, now);
    const filename = exportFilename(
      {
        city: pack.code,
        what: 'reports',
        since: q.since,
        until,
        // A chief's and an agency's file says whose it is, as their scope made it.
        area: q.area ?? (viewer.role === 'chief' ? viewer.areaCode : undefined),
        agency: viewer.role === 'agency' ? viewer.agencyCode : undefined,
        status: q.status,
        category: q.category,
        bbox: q.bbox !== undefined,
        cell: q.cell?.id,
        ext: format,
      },
      clock,
      now,
    );
    const body =
      format === 'csv'
        ? batchedBody(
            source,
            mapBatches((r) => reportRecord(r, ctx), csvEncoder<ReportRecord>(REPORT_COLUMNS)),
            first,
          )
        : batchedBody(
            source,
            mapBatches(
              (r) => reportFeature(reportRecord(r, ctx)),
              geojsonEncoder<Properties>({
                ...(q.since ? { since: localIso(clock, q.since) } : {}),
                until: localIso(clock, until),
                exportedAt: localIso(clock, now),
              }),
            ),
            first,
          );
    return c.body(body, 200, {
      'Content-Type': format === 'csv' ? CSV_TYPE : GEOJSON_TYPE,
      'Content-Disposition': attachment(filename),
      // Staff data: never kept by a shared cache.
      'Cache-Control': 'private, no-store',
    });
  };

  const doc = (format: Format) =>
    describeRoute({
      summary: `Export the filter's reports as ${format === 'csv' ? 'CSV' : 'GeoJSON'}`,
      tags: ['reports'],
      description:
        (format === 'csv'
          ? 'RFC 4180 CSV in UTF-8 with a BOM (Excel reads Vietnamese right), CRLF lines, a header row; text starting with = + - @ gets a leading apostrophe (no formula runs). '
          : 'A GeoJSON FeatureCollection (RFC 7946) of Point features, [lng, lat], the columns as properties; `until` and `exportedAt` as foreign members. ') +
        "The same filter as GET /api/reports, in the viewer's scope (a chief's area, an agency's reports; another area's `area` is 403), newest first; `until` defaults to the time of the request. " +
        "Columns: public_id, category (code, vi, en), group, status, severity, created/accepted/due/resolved times in ISO 8601 with the city's offset, district and commune (code, vi, en), agency (code, vi, en), lat, lng, title, description, overdue. Never the reporter's contact. " +
        'Streamed: 500 rows a chunk, each read once the client has taken the last. Content-Disposition names the city, window, filter and time.',
      responses: {
        200: {
          description: 'The file, streamed (attachment)',
          contentType: format === 'csv' ? 'text/csv' : 'application/geo+json',
        },
      },
    });
  return new Hono<AppEnv>()
    .get('/export.csv', doc('csv'), staffOnly(), validate('query', reportFilterQuery), (c) =>
      respond(c, c.req.valid('query'), 'csv'),
    )
    .get('/export.geojson', doc('geojson'), staffOnly(), validate('query', reportFilterQuery), (c) =>
      respond(c, c.req.valid('query'), 'geojson'),
    );
}

/** A report as a GeoJSON Point feature: [lng, lat] (RFC 7946 §3.1.1), the other columns as properties. */
function reportFeature(r: ReportRecord): FeatureOf<Properties> {
  const { lat, lng, ...properties } = r;
  return { geometry: { type: 'Point', coordinates: [lng, lat] }, properties };
}
