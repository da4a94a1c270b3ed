import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from './connect';
import { rowsOf } from './rows';
import { REPORT_IDS_PER_DRAW, ReportIdReservoir } from './reportIds';
import { TEST_DRIVERS, type TestDatabase, createTestDatabase } from './testing';

describe.each(TEST_DRIVERS)('ReportIdReservoir (%s)', (driver) => {
  let tdb: TestDatabase;
  let conn: Connection;
  beforeAll(async () => {
    tdb = await createTestDatabase(driver);
    conn = (await tdb.openWithConnection()).conn;
  });
  afterAll(async () => {
    await conn.close();
    await tdb.drop();
  });

  it('hands concurrent batches disjoint ascending ids, drawing the sequence once per block', async () => {
    const reservoir = new ReportIdReservoir(conn.db);
    const sizes = [3, 8, 1, 20, 5];
    const batches = await Promise.all(sizes.map((n) => reservoir.take(n)));
    batches.forEach((ids, i) => {
      expect(ids).toHaveLength(sizes[i]!);
      expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    });
    const all = batches.flat();
    expect(new Set(all).size).toBe(all.length);
    // One draw of a block served all five: the sequence stands at the block's end.
    const [seq] = rowsOf<{ last: number }>(
      await conn.db.execute(sql`select pg_sequence_last_value(pg_get_serial_sequence('reports', 'id'))::int8 as last`),
    );
    expect(Number(seq!.last)).toBe(REPORT_IDS_PER_DRAW);
  });

  it('draws more than a block when one batch needs it, and again when the block runs out', async () => {
    const reservoir = new ReportIdReservoir(conn.db);
    const big = await reservoir.take(REPORT_IDS_PER_DRAW + 10);
    expect(big).toHaveLength(REPORT_IDS_PER_DRAW + 10);
    const rest = await Promise.all([reservoir.take(REPORT_IDS_PER_DRAW), reservoir.take(2)]);
    const all = [...big, ...rest.flat()];
    expect(new Set(all).size).toBe(all.length);
    expect(rest[0]).toHaveLength(REPORT_IDS_PER_DRAW);
    expect(rest[1]).toHaveLength(2);
  });
});
