import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HotspotReason } from '../../core/events';
import type { Connection } from '../connect';
import { rowsOf } from '../rows';
import { TEST_DRIVERS, type TestDatabase, createTestDatabase } from '../testing';
import { type DesiredFlag, listHotspotFlags, syncHotspotFlags } from './hotspotFlags';

const overdue = (z: number): HotspotReason => ({
  test: 'overdue-rate',
  overdue: 9,
  open: 20,
  ratePct: 45,
  restRatePct: 12,
  z,
  p: 0.001,
});
const hotCell = (cell: string): HotspotReason => ({
  test: 'hot-cell',
  cells: [{ cell, open: 14, z: 4.2, p: 0.0001, pattern: 'new' }],
});
const flag = (code: string, level: DesiredFlag['level'], reasons: HotspotReason[]): DesiredFlag => ({
  code,
  level,
  reasons,
  trend: null,
});
const PARENTS = new Map<string, string | null>([
  ['001', null],
  ['002', null],
  ['00004', '001'],
]);

describe.each(TEST_DRIVERS)('syncHotspotFlags (%s)', (driver) => {
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

  const eventTypes = async () =>
    rowsOf<{ type: string; code: string }>(
      await conn.db.execute(sql`select type, coalesce(commune_code, district_code) as code from events order by id`),
    ).map((e) => `${e.type} ${e.code}`);

  it('adds, changes quietly in one go, keeps, and clears, announcing only what came and went', async () => {
    const t1 = new Date('2026-12-01T03:00:00Z');
    const first = await syncHotspotFlags(
      conn,
      [
        flag('001', 'district', [overdue(3.1)]),
        flag('002', 'district', [overdue(2.9)]),
        flag('00004', 'commune', [hotCell('a')]),
      ],
      10,
      t1,
      PARENTS,
    );
    expect(first).toMatchObject({ flagged: ['001', '002', '00004'], cleared: [], stale: false });

    const t2 = new Date('2026-12-01T04:00:00Z');
    // 001 and 00004 change their evidence, 002 goes; a new one, none.
    const second = await syncHotspotFlags(
      conn,
      [flag('001', 'district', [overdue(3.6)]), flag('00004', 'commune', [hotCell('b')])],
      20,
      t2,
      PARENTS,
    );
    expect(second).toMatchObject({ flagged: [], cleared: ['002'], stale: false });

    // Listed by level, then code.
    const stored = await listHotspotFlags(conn.db);
    expect(stored.map((f) => [f.code, f.reasons, f.flaggedAt.toISOString(), f.updatedAt.toISOString()])).toEqual([
      ['00004', [hotCell('b')], t1.toISOString(), t2.toISOString()],
      ['001', [overdue(3.6)], t1.toISOString(), t2.toISOString()],
    ]);
    expect(await eventTypes()).toEqual([
      'hotspot.flagged 001',
      'hotspot.flagged 002',
      'hotspot.flagged 00004',
      'hotspot.cleared 002',
    ]);

    // The same evidence again: nothing changes, not even updatedAt.
    const t3 = new Date('2026-12-01T05:00:00Z');
    await syncHotspotFlags(
      conn,
      [flag('001', 'district', [overdue(3.6)]), flag('00004', 'commune', [hotCell('b')])],
      30,
      t3,
      PARENTS,
    );
    expect((await listHotspotFlags(conn.db)).map((f) => f.updatedAt.toISOString())).toEqual([
      t2.toISOString(),
      t2.toISOString(),
    ]);

    // A process whose view is older than the stored flags' changes nothing.
    const stale = await syncHotspotFlags(conn, [], 25, t3, PARENTS);
    expect(stale.stale).toBe(true);
    expect(await listHotspotFlags(conn.db)).toHaveLength(2);
  });
});
