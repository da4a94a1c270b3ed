import { sql } from 'drizzle-orm';
import type { Db } from '../connect';
import { rowsOf, toNumber } from '../rows';

/**
 * Raw counts behind the public stream's `public.counts` (api/stream/publicCounts.ts withholds the
 * small ones before anything leaves the server): per (district, commune) pair, the reports filed
 * in [since, until) and those whose latest resolution fell in it. Codes and counts only; nothing
 * here reads text, contact or points.
 */
export interface WindowCountRow {
  districtCode: string | null;
  communeCode: string | null;
  received: number;
  resolved: number;
}

export async function publicWindowCounts(db: Db, since: Date, until: Date): Promise<WindowCountRow[]> {
  const s = since.toISOString();
  const u = until.toISOString();
  // resolved_at has no index: one scan per window (every 5 min per process) is cheap next to the
  // reads the desk makes, and an index would tax every transition's write.
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`select district_code, commune_code,
        count(*) filter (where created_at >= ${s}::timestamptz and created_at < ${u}::timestamptz)::int8 as received,
        count(*) filter (where resolved_at >= ${s}::timestamptz and resolved_at < ${u}::timestamptz)::int8 as resolved
      from reports
      where (created_at >= ${s}::timestamptz and created_at < ${u}::timestamptz)
         or (resolved_at >= ${s}::timestamptz and resolved_at < ${u}::timestamptz)
      group by 1, 2`),
  );
  return rows.map((r) => ({
    districtCode: r.district_code === null ? null : String(r.district_code),
    communeCode: r.commune_code === null ? null : String(r.commune_code),
    received: toNumber(r.received),
    resolved: toNumber(r.resolved),
  }));
}
