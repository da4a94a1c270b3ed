import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import { type PgColumn, PgDialect, type PgTable } from 'drizzle-orm/pg-core';
import type { Statement } from '../connect';

/**
 * A multi-row insert as one statement over one array per column:
 * `insert into t (a, b) select c0::int8, c1::text from unnest($1::text[], $2::text[]) with ordinality …`.
 * drizzle's `values(rows)` builds SQL with a parameter per cell (~30 per report), and building it
 * took more CPU than Postgres took to run it (~1.7–2.3 ms for 32 reports, inside the event lock).
 * Here the statement text is the same for any number of rows, so both drivers prepare it once, and
 * there is no 65,535-parameter ceiling to chunk under; it is rendered once per table and columns
 * (drizzle's rendering of it was ~5% of the API's CPU under ingest load).
 */

/** A serial column's array element type. */
const ELEMENT_TYPE: Record<string, string> = { bigserial: 'int8', serial: 'int4', smallserial: 'int2' };

/**
 * Every value travels as text and the select casts it back to the column's type: the drivers infer
 * types for some JS values (and disagree), text they never touch. JSON columns get JSON text.
 */
function asText(col: PgColumn, v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (col.getSQLType() === 'jsonb' || col.getSQLType() === 'json') return JSON.stringify(v);
  return String(v);
}

const dialect = new PgDialect();
const texts = new Map<string, string>();

function statementText(
  table: PgTable,
  cols: Record<string, PgColumn>,
  keys: ReadonlyArray<string>,
  returningId: boolean,
): string {
  const key = `${getTableName(table)}|${keys.join(',')}|${returningId}`;
  let text = texts.get(key);
  if (text === undefined) {
    const names = keys.map((k) => sql.identifier(cols[k]!.name));
    const arrays = keys.map(() => sql`${sql.param(null)}::text[]`);
    const aliases = keys.map((_, i) => sql.raw(`c${i}`));
    const casts = keys.map((k, i) => {
      const type = cols[k]!.getSQLType();
      return sql.raw(`c${i}::${ELEMENT_TYPE[type] ?? type}`);
    });
    text = dialect.sqlToQuery(sql`insert into ${table} (${sql.join(names, sql`, `)})
    select ${sql.join(casts, sql`, `)}
    from unnest(${sql.join(arrays, sql`, `)}) with ordinality as u(${sql.join(aliases, sql`, `)}, n)
    order by n${returningId ? sql` returning id` : sql``}`).sql;
    texts.set(key, text);
  }
  return text;
}

/**
 * Rows inserted in array order (`order by` the ordinality, so serial ids follow it). A key left
 * undefined in a row is stored as null, not as the column's default: give defaults explicitly.
 */
export function unnestInsert<T extends PgTable>(
  table: T,
  keys: ReadonlyArray<keyof T['$inferInsert'] & string>,
  rows: ReadonlyArray<Record<string, unknown>>,
  opts: { returningId?: boolean } = {},
): Statement {
  const cols = getTableColumns(table) as Record<string, PgColumn>;
  return {
    text: statementText(table, cols, keys, opts.returningId ?? false),
    params: keys.map((k) => rows.map((r) => asText(cols[k]!, r[k]))),
  };
}
