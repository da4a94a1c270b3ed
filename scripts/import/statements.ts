import { getTableColumns } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Statement } from '../../db/connect';
import { reports } from '../../db/schema';
import type { ImportRow } from './record';

/**
 * The SQL of one import batch on PGlite (Postgres streams COPY instead, copyWriter.ts), from
 * arrays of text, one per column:
 * new rows get report ids and public ids, rows whose (import_source, source_id) is already stored
 * are left out, contacts go in beside their reports, and what was added is counted into a
 * transaction-local table that the batch's one `reports.imported` event is then built from.
 */

/** ImportRow's report columns, in ImportRow's order; the contact's three go to report_contacts. */
export const ROW_KEYS = [
  'sourceId',
  'category',
  'severity',
  'status',
  'title',
  'description',
  'lat',
  'lng',
  'h3r6',
  'h3r7',
  'h3r8',
  'h3r9',
  'h3r10',
  'districtCode',
  'communeCode',
  'agencyCode',
  'createdAt',
  'acceptedAt',
  'clockStartedAt',
  'dueAt',
  'overdueAt',
  'resolvedAt',
  'resolvedOnTime',
  'acceptWorkingHours',
  'resolveWorkingHours',
  'closedAt',
  'endedAt',
  'updatedAt',
] as const satisfies ReadonlyArray<keyof ImportRow & keyof typeof reports.$inferInsert>;
const CONTACT_KEYS = ['contactName', 'contactPhone', 'contactEmail'] as const satisfies ReadonlyArray<keyof ImportRow>;
export const STAGED_KEYS = [...ROW_KEYS, ...CONTACT_KEYS] as const;

const columns = getTableColumns(reports) as Record<string, PgColumn>;
/** Each staged value's column name and SQL type (the contact's are text). */
export const STAGED_COLUMNS = STAGED_KEYS.map((k) =>
  k in columns
    ? { key: k, name: columns[k].name, type: columns[k].getSQLType() }
    : { key: k, name: k.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`), type: 'text' },
);
export const ROW_COLUMN_NAMES = STAGED_COLUMNS.slice(0, ROW_KEYS.length).map((c) => c.name);

/** Our own values only (a pack's prefix and zone, a validated mapping name), inlined as literals. */
const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Where a batch's rows come from on PGlite: one text array per column, cast back to each type. */
export function arraysSource(): string {
  const casts = STAGED_COLUMNS.map((c, i) => `c${i}::${c.type} as ${c.name}`);
  const arrays = STAGED_COLUMNS.map((_, i) => `$${i + 1}::text[]`);
  const aliases = STAGED_COLUMNS.map((_, i) => `c${i}`);
  return `select ${casts.join(', ')} from unnest(${arrays.join(', ')}) as u(${aliases.join(', ')})`;
}

/** The batch's rows as the arraysSource parameters: text per value (times, epoch ms in the row, ISO), null as null. */
export function arraysParams(rows: readonly ImportRow[]): unknown[] {
  return STAGED_COLUMNS.map(({ key, type }) => {
    const time = type.startsWith('timestamp');
    return rows.map((r) => {
      const v = r[key];
      return v === null ? null : time ? new Date(v as number).toISOString() : String(v);
    });
  });
}

const BATCH_TABLE = 'import_batch';

export interface BatchSql {
  importSource: string;
  publicIdPrefix: string;
  timezone: string;
}

/** The statements of one batch: `before` the events lock, and `underLock`, the event (see Connection.eventPipeline). */
export function batchStatements(
  o: BatchSql,
  source: { text: string; params: unknown[] },
  event: { at: Date; file: string },
): { before: Statement[]; underLock: Statement[] } {
  const name = literal(o.importSource);
  const cols = ROW_COLUMN_NAMES.join(', ');
  // lpad never truncates here: the width grows with the id, as publicIdFormatter's padStart does.
  const publicId = `${literal(`${o.publicIdPrefix}-`)} || to_char(created_at at time zone ${literal(o.timezone)}, 'YYYY') || '-' || lpad(id::text, greatest(6, length(id::text)), '0')`;
  const insert = `with src as (${source.text}),
    fresh as (
      select nextval(pg_get_serial_sequence('reports', 'id')) as id, src.* from src
      where not exists (select 1 from reports r where r.import_source = ${name} and r.source_id = src.source_id)
    ),
    ins as (
      insert into reports (id, public_id, source, import_source, ${cols})
      select id, ${publicId}, 'import', ${name}, ${cols} from fresh
      on conflict (import_source, source_id) do nothing
      returning id, created_at, district_code, commune_code, agency_code
    ),
    con as (
      insert into report_contacts (report_id, name, phone, email)
      select fresh.id, contact_name, contact_phone, contact_email from fresh join ins on ins.id = fresh.id
      where coalesce(contact_name, contact_phone, contact_email) is not null
    )
    insert into ${BATCH_TABLE} select count(*), min(id), max(id), min(created_at), max(created_at),
      -- Sorted by code point, as the Postgres path's JavaScript sort() (copyWriter.ts).
      (select coalesce(array_agg(distinct a collate "C" order by a collate "C"), '{}') from
        (select district_code from ins union all select commune_code from ins) s(a) where a is not null),
      (select coalesce(array_agg(distinct agency_code collate "C" order by agency_code collate "C"), '{}') from ins)
    from ins`;
  const iso = (col: string) => `to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const before: Statement[] = [
    {
      text: `create temp table if not exists ${BATCH_TABLE} (added int8, first_id int8, last_id int8, created_from timestamptz, created_until timestamptz, areas text[], agencies text[]) on commit delete rows`,
      params: [],
    },
    { text: insert, params: source.params },
    { text: `select added, first_id, last_id from ${BATCH_TABLE}`, params: [] },
  ];
  const underLock: Statement[] = [
    {
      text: `insert into events (at, type, payload)
        select $1::timestamptz, 'reports.imported', jsonb_build_object('source', $2::text, 'file', $3::text,
          'added', added, 'firstId', first_id, 'lastId', last_id,
          'createdFrom', ${iso('created_from')}, 'createdUntil', ${iso('created_until')},
          'areas', to_jsonb(areas), 'agencies', to_jsonb(agencies))
        from ${BATCH_TABLE} where added > 0 returning id`,
      params: [event.at.toISOString(), o.importSource, event.file],
    },
  ];
  return { before, underLock };
}
