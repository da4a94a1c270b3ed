import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import postgres from 'postgres';
import type { ReportsImported } from '../../core/events';
import { LOCK_EVENTS_TEXT, NOTIFY_LOG_END_TEXT } from '../../db/connect';
import type { ImportRow } from './record';
import { copyLineWriter } from './copyText';
import { ROW_COLUMN_NAMES } from './statements';
import type { BatchResult, BatchWriter, WriterOptions } from './writers';

/**
 * Postgres: each batch is one transaction on a connection of the import's own, its rows streamed
 * by `COPY reports … FROM STDIN` straight into the table while the file is still being read (so
 * parsing and Postgres's work overlap, and nothing is written twice). Before a chunk of rows goes
 * into the COPY, the ids already stored for the dataset are looked up (on a second connection;
 * the batch's own are remembered here) and left out, and the new ones get report ids from the
 * sequence in the same round trip, and their public ids. At the end of the batch: its contacts, the events lock, its one
 * `reports.imported` event, NOTIFY, commit. Two imports of the same file at once collide on the
 * unique (import_source, source_id) and the later batch fails whole; running it again finishes it.
 */

/** Rows looked up and given ids at a time: one round trip per chunk. */
const CHUNK_ROWS = 2_000;
/** Bytes of COPY text gathered before each write to the COPY stream. */
const COPY_CHUNK_BYTES = 256 * 1024;
/** Room for a chunk and a long line after it (3 bytes per UTF-16 unit at most): one buffer per write. */
const COPY_BUFFER_BYTES = 2 * COPY_CHUNK_BYTES;
export const POSTGRES_BATCH_ROWS = 100_000;

const COPY_COLUMNS = ['id', 'public_id', 'source', 'import_source', ...ROW_COLUMN_NAMES];

interface Open {
  conn: postgres.ReservedSql;
  copy: Writable;
  seen: Set<string>;
  added: number;
  firstId: number;
  lastId: number;
  createdFrom: number;
  createdUntil: number;
  areas: Set<string>;
  agencies: Set<string>;
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
  const copyLine = copyLineWriter(o);
  const copyText = `copy reports (${COPY_COLUMNS.join(', ')}) from stdin`;
  let open: Open | null = null;
  let chunk: ImportRow[] = [];
  let pending = 0;
  let bytes = Buffer.allocUnsafe(COPY_BUFFER_BYTES);
  let used = 0;

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
      areas: new Set(),
      agencies: new Set(),
      contacts: [],
    };
  }

  async function writeChunk() {
    if (chunk.length === 0) return;
    const rows = chunk;
    chunk = [];
    open ??= await begin();
    const b = open;
    // The batch's first row of each id; those already stored are then left out by the lookup.
    const candidates: ImportRow[] = [];
    for (const r of rows) {
      if (b.seen.has(r.sourceId)) continue;
      b.seen.add(r.sourceId);
      candidates.push(r);
    }
    if (candidates.length === 0) return;
    // One round trip: which candidates are new (by position), and a report id for each.
    const found = await lookup`
      select u.i::int4, nextval(pg_get_serial_sequence('reports', 'id'))::text
      from unnest(${candidates.map((r) => r.sourceId)}::text[]) with ordinality as u(source_id, i)
      where not exists (select 1 from reports r where r.import_source = ${o.importSource} and r.source_id = u.source_id)`.values();
    if (found.length === 0) return;
    // The new rows in file order take the ids in ascending order, as one nextval per row in turn would give.
    const positions = found.map((f) => f[0] as number).sort((x, y) => x - y);
    const ids = found.map((f) => Number(f[1])).sort((x, y) => x - y);
    for (let i = 0; i < positions.length; i++) {
      const r = candidates[positions[i] - 1];
      const id = ids[i];
      put(copyLine(id, r));
      if (r.contactName || r.contactPhone || r.contactEmail)
        b.contacts.push([id, r.contactName, r.contactPhone, r.contactEmail]);
      const t = r.createdAt;
      if (t < b.createdFrom) b.createdFrom = t;
      if (t > b.createdUntil) b.createdUntil = t;
      if (r.districtCode) b.areas.add(r.districtCode);
      if (r.communeCode) b.areas.add(r.communeCode);
      b.agencies.add(r.agencyCode);
      if (b.added === 0) b.firstId = id;
      b.lastId = id;
      b.added++;
      if (used >= COPY_CHUNK_BYTES) await send(b.copy);
    }
    await send(b.copy);
  }

  /** Appends a line as UTF-8 (at most 3 bytes per UTF-16 unit); a buffer grows only for a line longer than its slack. */
  function put(line: string) {
    const room = line.length * 3;
    if (used + room > bytes.length) {
      const larger = Buffer.allocUnsafe(used + room);
      bytes.copy(larger, 0, 0, used);
      bytes = larger;
    }
    used += bytes.write(line, used);
  }

  async function send(copy: Writable) {
    if (used === 0) return;
    const more = copy.write(bytes.subarray(0, used));
    bytes = Buffer.allocUnsafe(COPY_BUFFER_BYTES);
    used = 0;
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
            areas: [...b.areas].sort(),
            agencies: [...b.agencies].sort(),
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
