import { sql } from 'drizzle-orm';
import type { Db } from './connect';
import { rowsOf } from './rows';

/**
 * Report ids drawn from the sequence ahead of need, as Postgres's own sequence CACHE does: a
 * filing batch then costs no round trip of its own for its ids (it was one of every batch's two
 * round trips, bench/ingest.ts). nextval is never rolled back, so ids left over when the process
 * stops are a gap, never a reuse. Ids stay unique and ascend within a process; across processes
 * they interleave, which nothing may rely on (lists order by created_at, then id).
 */
export const REPORT_IDS_PER_DRAW = 256;

export class ReportIdReservoir {
  private ids: number[] = [];
  private next = 0;
  /** Draws are chained: two batches that find the reservoir short share no id and draw in turn. */
  private drawing: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: Db) {}

  take(n: number): Promise<number[]> {
    if (this.ids.length - this.next >= n) return Promise.resolve(this.splice(n));
    const taken = this.drawing.then(async () => {
      // A loop: takes that found enough may spend ids while this one waits for its draw.
      while (this.ids.length - this.next < n) {
        const drawn = await draw(this.db, Math.max(n, REPORT_IDS_PER_DRAW));
        this.ids = this.ids.slice(this.next).concat(drawn);
        this.next = 0;
      }
      return this.splice(n);
    });
    // A failed draw (database down) fails its own batch, not the ones queued behind it.
    this.drawing = taken.catch(() => undefined);
    return taken;
  }

  private splice(n: number): number[] {
    const out = this.ids.slice(this.next, this.next + n);
    this.next += n;
    return out;
  }
}

/** In ascending order: the reservoir hands them out as drawn. */
export async function draw(db: Db, n: number): Promise<number[]> {
  const res = await db.execute(
    sql`select nextval(pg_get_serial_sequence('reports', 'id'))::int8 as id from generate_series(1, ${n})`,
  );
  return rowsOf<{ id: number }>(res)
    .map((r) => Number(r.id))
    .sort((a, b) => a - b);
}
