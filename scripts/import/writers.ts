import type { Connection } from '../../db/connect';
import type { ImportRow } from './record';
import { type BatchSql, arraysParams, arraysSource, batchStatements } from './statements';

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

/** Rows per transaction on PGlite: the batch is held in memory as arrays (Postgres streams, copyWriter.ts). */
export const PGLITE_BATCH_ROWS = 5_000;

async function commitBatch(
  conn: Connection,
  o: WriterOptions,
  source: { text: string; params: unknown[] },
  rows: number,
): Promise<BatchResult> {
  const { before, underLock } = batchStatements(o, source, { at: o.now(), file: o.file });
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
      return commitBatch(conn, o, { text: source, params: arraysParams(batch) }, batch.length);
    },
    async close() {},
  };
}
