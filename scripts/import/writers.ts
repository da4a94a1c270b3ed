import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import postgres from 'postgres';
import type { Connection } from '../../db/connect';
import type { ImportRow } from './record';
import {
  type BatchSql,
  arraysParams,
  arraysSource,
  batchStatements,
  createStagingText,
  STAGED_COLUMNS,
  STAGED_KEYS,
} from './statements';

/** What one committed batch added (its one `reports.imported` event names the same). */
export interface BatchResult {
  /** Rows of the batch stored now; the rest were stored before (same dataset and id). */
  added: number;
  rows: number;
}

/** Takes rows and stores them a batch per transaction; `add` resolves when it may take the next. */
export interface BatchWriter {
  readonly pending: number;
  readonly batchRows: number;
  add(row: ImportRow): Promise<void> | void;
  /** Commits the pending rows (nothing to do when there are none). */
  flush(): Promise<BatchResult>;
  close(): Promise<void>;
}

export interface WriterOptions extends BatchSql {
  /** The file's name, for the events. */
  file: string;
  now: () => Date;
}

/**
 * Rows per transaction. Postgres: a batch is COPY'd, then inserted by one statement; larger
 * batches cost fewer commits and events but hold no more memory (COPY streams). PGlite: the batch
 * is held as arrays in memory, so smaller.
 */
export const POSTGRES_BATCH_ROWS = 50_000;
export const PGLITE_BATCH_ROWS = 5_000;
/** Bytes of COPY text gathered before each write to the COPY stream. */
const COPY_CHUNK_CHARS = 256 * 1024;

async function commitBatch(
  conn: Connection,
  o: WriterOptions,
  source: { text: string; params: unknown[] },
  staging: string | null,
  rows: number,
): Promise<BatchResult> {
  const { before, underLock } = batchStatements(o, source, { at: o.now(), file: o.file }, staging);
  const results = await conn.eventPipeline(before, underLock);
  const stats = results[2]?.[0] as { added: number | string } | undefined;
  return { added: Number(stats?.added ?? 0), rows };
}

/** PGlite (and any driver without COPY): the batch's rows go in as one array per column. */
export function arraysWriter(conn: Connection, o: WriterOptions, batchRows = PGLITE_BATCH_ROWS): BatchWriter {
  let rows: ImportRow[] = [];
  const source = arraysSource();
  return {
    get pending() {
      return rows.length;
    },
    batchRows,
    add(row) {
      rows.push(row);
    },
    async flush() {
      if (rows.length === 0) return { added: 0, rows: 0 };
      const batch = rows;
      rows = [];
      return commitBatch(conn, o, { text: source, params: arraysParams(batch) }, null, batch.length);
    },
    async close() {},
  };
}

/** COPY's text format: tab-separated, `\N` for null, backslash escapes for what would break a line. */
function copyValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number') return String(v);
  return String(v).replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

export function copyLine(row: ImportRow): string {
  let line = copyValue(row[STAGED_KEYS[0]]);
  for (let i = 1; i < STAGED_KEYS.length; i++) line += `\t${copyValue(row[STAGED_KEYS[i]])}`;
  return `${line}\n`;
}

/**
 * Postgres: each batch streams through `COPY … FROM STDIN` into an unlogged staging table of this
 * import's own (its own connection), then one statement moves it into `reports` on the store's
 * connection (Connection.eventPipeline: ahead of the events lock, the batch's event under it).
 * The staging table is dropped at the end; one left by a killed import is named
 * import_staging_PID_HEX and holds nothing the reports need.
 */
export async function copyWriter(
  conn: Connection,
  databaseUrl: string,
  o: WriterOptions,
  batchRows = POSTGRES_BATCH_ROWS,
): Promise<BatchWriter> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const staging = `import_staging_${process.pid}_${randomBytes(4).toString('hex')}`;
  await sql.unsafe(createStagingText(staging));
  const copyText = `copy ${staging} (${STAGED_COLUMNS.map((c) => c.name).join(', ')}) from stdin`;
  let copy: Writable | null = null;
  let buffer = '';
  let pending = 0;
  return {
    get pending() {
      return pending;
    },
    batchRows,
    async add(row) {
      copy ??= await sql.unsafe(copyText).writable();
      buffer += copyLine(row);
      pending++;
      if (buffer.length >= COPY_CHUNK_CHARS) {
        const more = copy.write(buffer);
        buffer = '';
        if (!more) await once(copy, 'drain');
      }
    },
    async flush() {
      if (pending === 0 || !copy) return { added: 0, rows: 0 };
      const stream = copy;
      copy = null;
      stream.end(buffer);
      buffer = '';
      await finished(stream);
      const rows = pending;
      pending = 0;
      return commitBatch(conn, o, { text: `select * from ${staging}`, params: [] }, staging, rows);
    },
    async close() {
      copy?.destroy();
      try {
        await sql.unsafe(`drop table if exists ${staging}`);
      } finally {
        await sql.end({ timeout: 5 });
      }
    },
  };
}
