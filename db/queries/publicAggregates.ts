import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../connect';
import { PUBLIC_FINEST_H3_RES } from '../../geo/h3cells';
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

/** The cells the public may ask for, down to the finest it may see (geo/h3cells.ts). */
export const PUBLIC_H3_RESOLUTIONS = [6, 7, PUBLIC_FINEST_H3_RES] as const;
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

/** Length of a public block that is not a whole local day: the public stream's window (api/stream/publicCounts.ts). */
const PUBLIC_BLOCK_S = 5 * 60;

/**
 * The fixed grid every public count is made of, so that subtracting one answer from another can
 * only ever give whole blocks, each of which was withheld under 3 on its own: a local day that lies
 * wholly in the window and is over is one block; any other stretch is cut into the 5-minute windows
 * of the public stream, the same blocks a listener of `public.counts` already has. Without it, two
 * answers a window apart (the public page refetches on every window) gave that window's counts,
 * ones and twos included.
 */
function blockOf(w: PublicWindow, timezone: string): SQL {
  const day = sql`date_trunc('day', created_at at time zone ${timezone})`;
  return sql`case
      when (${day} at time zone ${timezone}) >= ${w.since.toISOString()}::timestamptz
       and ((${day} + interval '1 day') at time zone ${timezone}) <= ${w.until.toISOString()}::timestamptz
      then ${day} at time zone ${timezone}
      else to_timestamp(floor(extract(epoch from created_at) / ${PUBLIC_BLOCK_S}) * ${PUBLIC_BLOCK_S})
    end`;
}

/** Raw counts of one block: never shown as they are (api/privacy/publicBlocks.ts withholds). */
export interface PublicBlockCount extends PublicCount {
  block: string;
}

export interface PublicCellBlock extends PublicBlockCount {
  cell: string;
}

export interface PublicAreaBlock extends PublicBlockCount {
  districtCode: string | null;
  communeCode: string | null;
}

const blockKey = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v));

export async function publicCellBlocks(
  db: Db,
  res: PublicRes,
  w: PublicWindow,
  timezone: string,
): Promise<PublicCellBlock[]> {
  const col = sql.raw({ 6: 'h3r6', 7: 'h3r7', 8: 'h3r8' }[res]);
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`select ${blockOf(w, timezone)} as block, ${col} as cell, ${STATUS_COUNTS}
      from reports where ${received(w)}
      group by 1, 2`),
  );
  return rows.map((r) => ({ block: blockKey(r.block), cell: String(r.cell), ...counts(r) }));
}

export async function publicAreaBlocks(db: Db, w: PublicWindow, timezone: string): Promise<PublicAreaBlock[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`select ${blockOf(w, timezone)} as block, district_code, commune_code, ${STATUS_COUNTS}
      from reports where ${received(w)}
      group by 1, 2, 3`),
  );
  return rows.map((r) => ({
    block: blockKey(r.block),
    districtCode: r.district_code === null ? null : String(r.district_code),
    communeCode: r.commune_code === null ? null : String(r.commune_code),
    ...counts(r),
  }));
}
