import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../db/connect';
import { rowsOf } from '../../db/rows';
import { type TestDatabase, TEST_DRIVERS, createTestDatabase } from '../../db/testing';
import { runImport } from './cli';
import type { ProgressEffects } from './progress';

/**
 * A dozen rows written by hand in the NYC 311 export's standard header (a subset of its columns, in
 * its order), imported into the New York pack with the shipped nyc311 mapping: complaint types by
 * their names, 311's statuses, US 12-hour local times on either side of the spring DST change,
 * and what such exports hold that cannot be stored.
 */
const HEADER =
  'Unique Key,Created Date,Closed Date,Agency,Agency Name,Complaint Type,Descriptor,Location Type,Incident Zip,Incident Address,City,Status,Resolution Description,Borough,Latitude,Longitude';
const ROWS = [
  // Monday 2 March 2026, EST (UTC−5); NYC works Mon–Fri 9:00–17:00: 7 + 2 = 9 working hours.
  '60000001,03/02/2026 10:00:00 AM,03/03/2026 11:00:00 AM,NYPD,New York City Police Department,Noise - Residential,Loud Music/Party,Residential Building/House,10036,234 W 44 ST,NEW YORK,Closed,The Police Department responded.,MANHATTAN,40.7579,-73.9876',
  // Friday 16:00 EST → Monday 10:00 EDT: 1 + 1 = 2 working hours across the clock change.
  '60000002,03/06/2026 04:00:00 PM,03/09/2026 10:00:00 AM,DOT,Department of Transportation,Street Light Condition,Street Light Out,,11201,100 COURT ST,BROOKLYN,Closed,Repaired.,BROOKLYN,40.6903,-73.9930',
  '60000003,03/03/2026 09:30:00 AM,,HPD,Department of Housing Preservation and Development,HEAT/HOT WATER,ENTIRE BUILDING,RESIDENTIAL BUILDING,10453,1800 UNIVERSITY AVE,BRONX,Assigned,,BRONX,40.8484,-73.9170',
  '60000004,03/03/2026 11:15:00 AM,,DSNY,Department of Sanitation,Dirty Condition,Trash,Sidewalk,11101,30-00 47 AVE,QUEENS,In Progress,,QUEENS,40.7440,-73.9370',
  '60000005,03/04/2026 02:00:00 PM,,DPR,Department of Parks and Recreation,Damaged Tree,Branch Cracked and Will Fall,Street,10301,10 RICHMOND TER,STATEN ISLAND,Open,,STATEN ISLAND,40.6430,-74.0770',
  '60000006,03/04/2026 03:00:00 PM,,DOT,Department of Transportation,Street Condition,Pothole,,10036,W 44 ST,NEW YORK,Pending,,MANHATTAN,40.7580,-73.9850',
  // Not stored: a closed date before the created date (311 exports have them), no location,
  // a point outside the city (Jersey City), a complaint type the pack does not list, a status nobody mapped.
  '60000007,03/04/2026 03:00:00 PM,01/01/1900 12:00:00 AM,DOT,Department of Transportation,Street Condition,Pothole,,10036,W 44 ST,NEW YORK,Closed,,MANHATTAN,40.7580,-73.9850',
  '60000008,03/04/2026 03:00:00 PM,,NYPD,New York City Police Department,Illegal Parking,Blocked Hydrant,Street/Sidewalk,,,,Open,,Unspecified,,',
  '60000009,03/04/2026 03:00:00 PM,,NYPD,New York City Police Department,Illegal Parking,Blocked Hydrant,Street/Sidewalk,07302,1 PATH PLAZA,JERSEY CITY,Open,,Unspecified,40.7178,-74.0431',
  '60000010,03/04/2026 03:00:00 PM,,TLC,Taxi and Limousine Commission,Taxi Complaint,Driver Complaint,Street,10001,,NEW YORK,Open,,MANHATTAN,40.7500,-73.9970',
  '60000011,03/04/2026 03:00:00 PM,,DEP,Department of Environmental Protection,Sewer,Catch Basin Clogged,,10001,,NEW YORK,Waiting on Parts,,MANHATTAN,40.7500,-73.9970',
  // Mojibake in the descriptor, as re-saved exports carry it.
  '60000012,03/05/2026 08:00:00 AM,,DOHMH,Department of Health and Mental Hygiene,Rodent,Rat Sightingâ€”Yard,3+ Family Apt. Building,10027,,NEW YORK,Started,,MANHATTAN,40.8090,-73.9480',
];

const quiet: ProgressEffects = { write: () => {}, isTTY: false, nowMs: () => performance.now() };

describe.each(TEST_DRIVERS)('an NYC 311 export into the New York pack, on %s', (driver) => {
  const dir = mkdtempSync(join(tmpdir(), 'citydesk-import-nyc-'));
  const file = join(dir, 'erm2-nwe9.csv');
  let db: TestDatabase | null = null;
  let env: Record<string, string>;

  beforeAll(async () => {
    writeFileSync(file, `${[HEADER, ...ROWS].join('\r\n')}\r\n`);
    if (driver === 'postgres') {
      db = await createTestDatabase('postgres');
      env = { DATABASE_URL: db.url! };
    } else {
      env = { DATA_DIR: dir };
    }
  });
  afterAll(async () => {
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores the requests with their real times and rejects what it cannot place', async () => {
    const s = await runImport(['reports', file, '--map', 'nyc311', '--city', 'nyc'], env, quiet);
    expect(s).toMatchObject({ read: 12, added: 7, rejected: 5 });
    const rejects = parse(readFileSync(`${file}.rejected.csv`), { columns: true }) as Array<Record<string, string>>;
    expect(rejects.map((r) => [r.line, r.reason, r.field])).toEqual([
      ['8', 'time_before_created', 'closedAt'],
      ['9', 'missing_coordinates', 'lat'],
      ['10', 'outside_city', 'lat'],
      ['11', 'unknown_category', 'category'],
      ['12', 'unknown_status', 'status'],
    ]);

    const conn = await connect({ databaseUrl: db?.url, dataDir: join(dir, 'pglite') });
    try {
      const rows = rowsOf<Record<string, unknown>>(
        await conn.db.execute(
          sql.raw(`select source_id, public_id, category, status, title, description, agency_code, district_code,
            created_at, resolved_at, resolve_working_hours, resolved_on_time, import_source
           from reports order by source_id`),
        ),
      );
      const at = (v: unknown) => (v === null ? null : new Date(v as string).toISOString());
      expect(
        rows.map((r) => [
          r.source_id,
          r.category,
          r.status,
          r.agency_code,
          at(r.created_at),
          at(r.resolved_at),
          r.resolve_working_hours,
        ]),
      ).toEqual([
        ['60000001', 'noise_residential', 'closed', 'NYPD', '2026-03-02T15:00:00.000Z', '2026-03-03T16:00:00.000Z', 9],
        [
          '60000002',
          'street_light_condition',
          'closed',
          'DOT',
          '2026-03-06T21:00:00.000Z',
          '2026-03-09T14:00:00.000Z',
          2,
        ],
        ['60000003', 'heat_hot_water', 'in_progress', 'HPD', '2026-03-03T14:30:00.000Z', null, null],
        ['60000004', 'dirty_condition', 'in_progress', 'DSNY', '2026-03-03T16:15:00.000Z', null, null],
        ['60000005', 'damaged_tree', 'received', 'DPR', '2026-03-04T19:00:00.000Z', null, null],
        ['60000006', 'street_condition', 'in_progress', 'DOT', '2026-03-04T20:00:00.000Z', null, null],
        ['60000012', 'rodent', 'in_progress', 'DOHMH', '2026-03-05T13:00:00.000Z', null, null],
      ]);
      expect(rows.every((r) => r.import_source === 'nyc311' && /^NYC-2026-\d{6}$/.test(String(r.public_id)))).toBe(
        true,
      );
      expect(rows.every((r) => r.district_code !== null)).toBe(true);
      expect(rows[0]).toMatchObject({ title: 'Noise - Residential — Loud Music/Party', resolved_on_time: true });
      expect(rows[0].description).toBe('Loud Music/Party\n234 W 44 ST\nThe Police Department responded.');
      expect(rows[6].title).toBe('Rodent — Rat Sighting—Yard');
    } finally {
      await conn.close();
    }
  });
});
