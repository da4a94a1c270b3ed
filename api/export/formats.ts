import { stringify } from 'csv-stringify/sync';
import type { BatchEncoder } from './batchStream';

/** Excel reads a CSV without it as the machine's legacy code page, and Vietnamese turns to mojibake. */
export const UTF8_BOM = '\uFEFF';

export const CSV_TYPE = 'text/csv; charset=utf-8';
/** RFC 7946 §12. */
export const GEOJSON_TYPE = 'application/geo+json; charset=utf-8';

/**
 * RFC 4180 CSV of records with these columns: a header row after the BOM, CRLF line ends, fields
 * quoted when they hold a comma, quote or line break. Text starting with `=`, `+`, `-`, `@`, a tab or
 * a carriage return gets a leading `'` (csv-stringify's escape_formulas): report titles are citizens'
 * words, and a spreadsheet would run `=HYPERLINK(…)` as a formula. Booleans are `true`/`false`,
 * missing values empty.
 */
export function csvEncoder<R extends Record<string, unknown>>(columns: readonly (keyof R & string)[]): BatchEncoder<R> {
  const options = {
    columns: [...columns],
    record_delimiter: 'windows' as const,
    escape_formulas: true,
    cast: { boolean: (v: boolean) => (v ? 'true' : 'false') },
  };
  return {
    head: UTF8_BOM + stringify([], { ...options, header: true }),
    batch: (items) => stringify(items as R[], options),
    tail: '',
  };
}

/** A feature of a streamed FeatureCollection: its geometry ([lng, lat] order) and properties. */
export interface FeatureOf<P> {
  geometry: { type: string; coordinates: unknown };
  properties: P;
}

/**
 * A GeoJSON FeatureCollection (RFC 7946) written a batch of features at a time; `members` are
 * foreign members of the collection (the window an export covers), written before the features.
 */
export function geojsonEncoder<P>(members: Record<string, unknown> = {}): BatchEncoder<FeatureOf<P>> {
  const head = JSON.stringify({ type: 'FeatureCollection', ...members }).slice(0, -1);
  return {
    head: `${head},"features":[`,
    batch: (items, first) =>
      (first ? '\n' : ',\n') +
      items.map((f) => JSON.stringify({ type: 'Feature', geometry: f.geometry, properties: f.properties })).join(',\n'),
    tail: '\n]}\n',
  };
}
