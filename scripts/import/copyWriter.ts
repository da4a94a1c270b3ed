import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import postgres from 'postgres';
import type { ReportsImported } from '../../core/events';
import { LOCK_EVENTS_TEXT, NOTIFY_LOG_END_TEXT } from '../../db/connect';
import { publicIdFormatter } from '../../db/store';
import type { ImportRow } from './record';
import { ROW_COLUMN_NAMES, ROW_KEYS } from './statements';
import type { BatchResult, BatchWriter, WriterOptions } from './writers';

/**
 * Postgres: each batch is one transaction on a connection of the import's own, its rows streamed
 * by `COPY reports … FROM STDIN` straight into the table while the file is still being read (so
 * parsing and Postgres's work overlap, and nothing is written twice). Before a chunk of rows goes
 * into the COPY, the ids already stored for the dataset are looked up (on a second connection;
 * the batch's own are remembered here) and left out, and the new ones get report ids from the
 * sequence and their public ids. At the end of the batch: its contacts, the events lock, its one
 * `reports.imported` event, NOTIFY, commit. Two imports of the same file at once collide on the
 * unique (import_source, source_id) and the later batch fails whole; running it again finishes it.
 */

/** Rows looked up and given ids at a time: one round trip each per chunk. */
const CHUNK_ROWS = 2_000;
/** Characters of COPY text gathered before each write to the COPY stream. */
const COPY_CHUNK_CHARS = 256 * 1024;
export const POSTGRES_BATCH_ROWS = 100_000;

const COPY_COLUMNS = ['id', 'public_id', 'source', 'import_source', ...ROW_COLUMN_NAMES];

/** Free text, which may hold what COPY's text format escapes; the other columns are codes, numbers and times. */
const FREE_TEXT = new Set<string>(['sourceId', 'title', 'description']);
const ESCAPED = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** COPY's text format: tab-separated, `\N` for null, backslash escapes for what would break a line. */
function escapeText(s: string): string {
  return ESCAPED.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : s;
}

const COLUMN_TEXT = ROW_KEYS.map((k) =>
  FREE_TEXT.has(k)
    ? (v: unknown) => (v === null ? '\\N' : escapeText(v as string))
    : (v: unknown) =>
        v === null ? '\\N' : v instanceof Date ? v.toISOString() : typeof v === 'boolean' ? (v ? 't' : 'f') : String(v),
);

export function copyLine(id: number, publicId: string, importSource: string, row: ImportRow): string {
  let line = `${id}\t${publicId}\timport\t${importSource}`;
  for (let i = 0; i < ROW_KEYS.length; i++) line += `\t${COLUMN_TEXT[i](row[ROW_KEYS[i]])}`;
  return `${line}\n`;
}

interface Open {
  conn: postgres.ReservedSql;
  copy: Writable;
  seen: Set<string>;
  added: number;
  firstId: number;
  lastId: number;
  createdFrom: number;
  createdUntil: number;
  contacts: Array<[number, string | null, string | null, string | null]>;
}

export async function copyWriter(
  databaseUrl: string,
  o: WriterOptions,
  batchRows = POSTGRES_BATCH_ROWS,
): Promise<BatchWriter> {
  const options = { max: 1, onnotice: () => {} };
  const writer = postgres(databaseUrl, options);
  const lookup = postgres(databaseUrl, options);
  const publicIdFor = publicIdFormatter(o.publicIdPrefix, o.timezone);
  const copyText = `copy reports (${COPY_COLUMNS.join(', ')}) from stdin`;
  let open: Open | null = null;
  let chunk: ImportRow[] = [];
  let pending = 0;
  let buffer = '';

  async function begin(): Promise<Open> {
    const conn = await writer.reserve();
    await conn.unsafe('begin');
    const copy = await conn.unsafe(copyText).writable();
    return {
      conn,
      copy,
      seen: new Set(),
      added: 0,
      firstId: 0,
      lastId: 0,
      createdFrom: Infinity,
      createdUntil: -Infinity,
      contacts: [],
    };
  }

  async function writeChunk() {
    if (chunk.length === 0) return;
    const rows = chunk;
    chunk = [];
    open ??= await begin();
    const b = open;
    const stored = await lookup<{ source_id: string }[]>`
      select source_id from reports where import_source = ${o.importSource} and source_id = any(${rows.map((r) => r.sourceId)}::text[])`;
    const skip = new Set(stored.map((r) => r.source_id));
    const fresh = rows.filter((r) => {
      if (skip.has(r.sourceId) || b.seen.has(r.sourceId)) return false;
      b.seen.add(r.sourceId);
      return true;
    });
    if (fresh.length === 0) return;
    const ids = await lookup<{ id: string }[]>`
      select nextval(pg_get_serial_sequence('reports', 'id'))::text as id from generate_series(1, ${fresh.length})`;
    for (let i = 0; i < fresh.length; i++) {
      const r = fresh[i];
      const id = Number(ids[i].id);
      buffer += copyLine(id, publicIdFor(id, r.createdAt), o.importSource, r);
      if (r.contactName || r.contactPhone || r.contactEmail)
        b.contacts.push([id, r.contactName, r.contactPhone, r.contactEmail]);
      const t = r.createdAt.getTime();
      if (t < b.createdFrom) b.createdFrom = t;
      if (t > b.createdUntil) b.createdUntil = t;
      if (b.added === 0) b.firstId = id;
      b.lastId = id;
      b.added++;
      if (buffer.length >= COPY_CHUNK_CHARS) await send(b.copy);
    }
    await send(b.copy);
  }

  async function send(copy: Writable) {
    if (!buffer) return;
    const more = copy.write(buffer);
    buffer = '';
    if (!more) await once(copy, 'drain');
  }

  return {
    get pending() {
      return pending;
    },
    batchRows,
    async add(row) {
      chunk.push(row);
      pending++;
      if (chunk.length >= CHUNK_ROWS) await writeChunk();
    },
    async flush(): Promise<BatchResult> {
      await writeChunk();
      const rows = pending;
      pending = 0;
      const b = open;
      open = null;
      if (!b) return { added: 0, rows };
      try {
        b.copy.end();
        await finished(b.copy);
        if (b.contacts.length) {
          const col = (i: number) => b.contacts.map((c) => c[i]);
          await b.conn`insert into report_contacts (report_id, name, phone, email)
            select * from unnest(${col(0) as number[]}::int8[], ${col(1) as string[]}::text[], ${col(2) as string[]}::text[], ${col(3) as string[]}::text[])`;
        }
        if (b.added > 0) {
          await b.conn.unsafe(LOCK_EVENTS_TEXT);
          const payload: ReportsImported = {
            source: o.importSource,
            file: o.file,
            added: b.added,
            firstId: b.firstId,
            lastId: b.lastId,
            createdFrom: new Date(b.createdFrom).toISOString(),
            createdUntil: new Date(b.createdUntil).toISOString(),
          };
          await b.conn`insert into events (at, type, payload)
            values (${o.now().toISOString()}::timestamptz, 'reports.imported', ${JSON.stringify(payload)}::text::jsonb)`;
          await b.conn.unsafe(NOTIFY_LOG_END_TEXT);
        }
        await b.conn.unsafe('commit');
        return { added: b.added, rows };
      } catch (e) {
        await b.conn.unsafe('rollback').catch(() => {});
        throw e;
      } finally {
        b.conn.release();
      }
    },
    async close() {
      if (open) {
        open.copy.destroy();
        await open.conn.unsafe('rollback').catch(() => {});
        open.conn.release();
        open = null;
      }
      await Promise.all([writer.end({ timeout: 5 }), lookup.end({ timeout: 5 })]);
    },
  };
}
