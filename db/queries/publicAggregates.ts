import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../connect';
import { rowsOf, toNumber } from '../rows';
import { HANDLED_STATUS_SQL, OPEN_STATUS_SQL, inList } from './filters';

/**
 * What the press and the public may see: counts, by coarse cell or by area, of reports received in
 * a window, by their status now. Private by construction: every query here selects only a cell
 * or area code and counts — never a title, a description, a contact, a point or a fine cell — and
 * none touches report_contacts.
 */

/** A cell with fewer reports than this is left out entirely (k-anonymity): a lone report could be a neighbour's. */
export const PUBLIC_MIN_REPORTS_PER_CELL = 3;

/** The finest cells the public sees (r8, ~0.74 km²); finer ones would point at a house. */
export const PUBLIC_H3_RESOLUTIONS = [6, 7, 8] as const;
export type PublicRes = (typeof PUBLIC_H3_RESOLUTIONS)[number];

export interface PublicWindow {
  since: Date;
  until: Date;
  /** Category codes to count, or all. */
  category?: string[];
}

function received(w: PublicWindow): SQL {
  const parts = [
    sql`created_at >= ${w.since.toISOString()}::timestamptz`,
    sql`created_at < ${w.until.toISOString()}::timestamptz`,
  ];
  if (w.category?.length) parts.push(inList(sql`category`, w.category));
  return sql.join(parts, sql` and `);
}

const STATUS_COUNTS = sql`count(*)::int8 as received,
  count(*) filter (where ${HANDLED_STATUS_SQL})::int8 as handled,
  count(*) filter (where ${OPEN_STATUS_SQL})::int8 as open`;

export interface PublicCount {
  received: number;
  handled: number;
  open: number;
}

function counts(r: Record<string, unknown>): PublicCount {
  return { received: toNumber(r.received), handled: toNumber(r.handled), open: toNumber(r.open) };
}

export async function publicHexes(
  db: Db,
  res: PublicRes,
  w: PublicWindow,
): Promise<Array<{ cell: string } & PublicCount>> {
  const col = sql.raw({ 6: 'h3r6', 7: 'h3r7', 8: 'h3r8' }[res]);
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`select ${col} as cell, ${STATUS_COUNTS}
      from reports where ${received(w)}
      group by 1 having count(*) >= ${PUBLIC_MIN_REPORTS_PER_CELL}
      order by 1`),
  );
  return rows.map((r) => ({ cell: String(r.cell), ...counts(r) }));
}

/**
 * Areas by the same rule as cells: an area with fewer than PUBLIC_MIN_REPORTS_PER_CELL reports in
 * the window is left out (the map shows it as no data), since a commune with one report in a
 * short window points at its reporter as surely as a cell does.
 */
export async function publicAreas(
  db: Db,
  level: 'district' | 'commune',
  w: PublicWindow,
): Promise<Array<{ code: string; nameVi: string; nameEn: string } & PublicCount>> {
  const col = sql.raw(level === 'district' ? 'district_code' : 'commune_code');
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      with r as (select ${col} as code, ${STATUS_COUNTS} from reports where ${received(w)} group by 1)
      select a.code, a.name_vi, a.name_en, coalesce(r.received, 0)::int8 as received,
        coalesce(r.handled, 0)::int8 as handled, coalesce(r.open, 0)::int8 as open
      from areas a left join r on r.code = a.code
      where a.level = ${level} and coalesce(r.received, 0) >= ${PUBLIC_MIN_REPORTS_PER_CELL}
      order by a.code`),
  );
  return rows.map((r) => ({
    code: String(r.code),
    nameVi: String(r.name_vi),
    nameEn: String(r.name_en),
    ...counts(r),
  }));
}
