import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { JSONParser } from '@streamparser/json';
import { parse } from 'csv-parse';
import type { ImportFormat } from './mapping';
import type { CsvHeader, SourceRecord } from './record';

/**
 * A file read record by record, never whole: CSV through csv-parse, JSON arrays (an Open311 dump,
 * a GeoJSON FeatureCollection's features) through a streaming JSON parser. `bytesRead` over
 * `size` is the progress. A record the CSV parser cannot make out comes as `malformed` with its
 * line, and reading goes on.
 */
export type ReadItem = { record: SourceRecord } | { malformed: { line: number; raw: string; message: string } };

export interface RecordReader {
  size: number;
  bytesRead(): number;
  items(): AsyncIterable<ReadItem>;
}

export async function openReader(file: string, format: ImportFormat): Promise<RecordReader> {
  const { size } = await stat(file);
  return format === 'csv' ? csvReader(file, size) : jsonReader(file, size, format);
}

/** Lines a record's raw text spans (csv-parse leaves a CRLF's \n out of raw, an LF's in). */
const linesOf = (s: string) => {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return s.endsWith('\n') ? n : n + 1;
};
const TRAILING_BREAK = /\r?\n?$/;

function csvReader(file: string, size: number): RecordReader {
  let bytes = 0;
  return {
    size,
    bytesRead: () => bytes,
    async *items() {
      const input = createReadStream(file);
      input.on('data', (chunk) => {
        bytes += chunk.length;
      });
      // Arrays, not an object per row (csv-parse's `columns`): the header is read once into a
      // name → position map (csv-parse's objects kept a repeated name's last value; so does the map).
      // Without csv-parse's per-record `info` (an object per row): lines are counted from each
      // record's raw text, blank lines included.
      const parser = input.pipe(
        parse({ bom: true, raw: true, relax_column_count: true, skip_records_with_error: true }),
      );
      const skipped: Array<Error & { lines?: number; raw?: string }> = [];
      parser.on('skip', (e: Error & { lines?: number; raw?: string }) => skipped.push(e));
      let header: CsvHeader | null = null;
      let line = 1;
      for await (const r of parser as AsyncIterable<{ record: string[]; raw: string }>) {
        for (const e of skipped.splice(0)) {
          const raw = (e.raw ?? '').replace(TRAILING_BREAK, '');
          yield { malformed: { line, raw, message: e.message } };
          line += linesOf(e.raw ?? '');
        }
        const start = line;
        line += linesOf(r.raw);
        if (header === null) {
          const names = r.record.map((h) => h.trim());
          header = { names, columns: new Map(names.map((h, i) => [h, i])) };
          continue;
        }
        const raw = r.raw.replace(TRAILING_BREAK, '');
        // A blank line is no record.
        if (raw.trim() === '') continue;
        yield { record: { line: start, values: r.record, header, raw } };
      }
      for (const e of skipped.splice(0))
        yield { malformed: { line, raw: (e.raw ?? '').replace(TRAILING_BREAK, ''), message: e.message } };
    },
  };
}

const asObject = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** A GeoJSON feature → its properties (and its id), and its point; any other geometry has none. */
function featureRecord(value: unknown, index: number): SourceRecord {
  const feature = asObject(value);
  const fields = { ...asObject(feature.properties) };
  if (fields.id === undefined && feature.id !== undefined) fields.id = feature.id;
  const geometry = asObject(feature.geometry);
  const c = geometry.coordinates;
  const point =
    geometry.type === 'Point' && Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number'
      ? { lng: c[0], lat: c[1] }
      : null;
  return { line: index, fields, point, raw: JSON.stringify(value) };
}

function jsonReader(file: string, size: number, format: 'geojson' | 'open311'): RecordReader {
  let bytes = 0;
  return {
    size,
    bytesRead: () => bytes,
    async *items() {
      // Each array element is handed over whole and then dropped from the parser's stack.
      const parser = new JSONParser({ paths: [format === 'geojson' ? '$.features.*' : '$.*'], keepStack: false });
      const ready: unknown[] = [];
      parser.onValue = ({ value }) => void ready.push(value);
      let index = 0;
      for await (const chunk of createReadStream(file)) {
        parser.write(chunk as Buffer);
        bytes += (chunk as Buffer).length;
        for (const value of ready) {
          index++;
          yield {
            record:
              format === 'geojson'
                ? featureRecord(value, index)
                : { line: index, fields: asObject(value), raw: JSON.stringify(value) },
          };
        }
        ready.length = 0;
      }
      if (!parser.isEnded) parser.end();
    },
  };
}
