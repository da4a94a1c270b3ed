import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../db/connect';
import { rowsOf } from '../../db/rows';
import { createStore } from '../../db/store';
import { type TestDatabase, TEST_DRIVERS, createTestDatabase } from '../../db/testing';
import { ImportError } from './importError';
import { parseCliArgs, runImport, summaryText } from './cli';
import type { ProgressEffects } from './progress';

/**
 * The import end to end, on each driver, through the CLI's own function: a file of what real
 * exports hold, the rows stored with their real times and SLA figures, the rejects file, the one
 * event per batch, a second run adding nothing, and the KPIs of the imported week.
 */

const quiet: ProgressEffects = { write: () => {}, isTTY: false, nowMs: () => performance.now() };
const utc = (y: number, mo: number, d: number, h: number, mi = 0) => Date.UTC(y, mo - 1, d, h, mi);

// Monday 2 March 2026, Hanoi (UTC+7). Working hours Mon–Fri 8:00–12:00 and 13:30–17:30.
const GOOD_AND_BAD = [
  'id,created_at,closed_at,category,status,title,description,lat,lng,name,phone',
  // G1 (line 2): Mon 9:00 → closed Tue 10:00: 3 + 4 + 2 = 9 working hours; 40 allowed: on time.
  'G1,2026-03-02 09:00:00,2026-03-03 10:00:00,traffic_roads,Closed,Ổ gà,Hố sâu,21.0285,105.8542,,',
  // G2 (line 3): Mon 14:30 (day first, 12-hour clock) → resolved Wed 16:30 (epoch ms): 3 + 8 + 7 = 18 h;
  // drainage is urgent, 4 h allowed: late. Category by its Vietnamese name, status in Vietnamese.
  `G2,02/03/2026 2:30:00 PM,${utc(2026, 3, 4, 9, 30)},"Thoát nước, úng ngập",Đã xử lý,Ngập,,21.03,105.85,,`,
  // G3 (line 4): Tue 8:00 as epoch seconds, English category name, In Progress, no acceptance:
  // due 40 working hours from filing = Mon 9 March 17:30.
  `G3,${utc(2026, 3, 3, 1) / 1000},,Lighting and electricity,In Progress,Đèn tắt,,21.0285,105.8542,,`,
  // G4 (lines 5–6): double-encoded UTF-8, a tab, a backslash and a line break in the text; a contact.
  'G4,2026-03-04 10:00:00,,environment_waste,Assigned,Itâ€™s dirty,"a\tb\\c\nd",21.0285,105.8542,Lan,0901234567',
  // G5 (line 7): a zone written out; no status and no closing time: received.
  'G5,2026-03-05T03:00:00Z,,water_supply,,Mất nước,,21.0285,105.8542,,',
  // Rejected:
  'R1,2026-03-03 10:00:00,2026-03-02 10:00:00,traffic_roads,Closed,closed before filed,,21.0285,105.8542,,',
  'R2,2026-03-03 10:00:00,,traffic_roads,Open,no point,,,,,',
  'R3,2026-03-03 10:00:00,,traffic_roads,Open,Saigon,,10.7769,106.7009,,',
  'R4,2026-03-03 10:00:00,,UFO sighting,Open,?,,21.0285,105.8542,,',
  'R5,2026-03-03 10:00:00,,traffic_roads,Weird,?,,21.0285,105.8542,,',
  'R6,yesterday,,traffic_roads,Open,?,,21.0285,105.8542,,',
  ',2026-03-03 10:00:00,,traffic_roads,Open,no id,,21.0285,105.8542,,',
  'R8,2099-01-01 10:00:00,,traffic_roads,Open,future,,21.0285,105.8542,,',
  'R9,2026-03-03 10:00:00,,traffic_roads,Open,bad point,,north,105.8542,,',
].join('\n');

const EXPECTED_REJECTS = [
  ['8', 'time_before_created', 'closedAt', '2026-03-02 10:00:00'],
  ['9', 'missing_coordinates', 'lat', ''],
  ['10', 'outside_city', 'lat', '10.7769,106.7009'],
  ['11', 'unknown_category', 'category', 'UFO sighting'],
  ['12', 'unknown_status', 'status', 'Weird'],
  ['13', 'bad_time', 'createdAt', 'yesterday'],
  ['14', 'missing_id', 'id', ''],
  ['15', 'in_future', 'createdAt', '2099-01-01 10:00:00'],
  ['16', 'bad_coordinates', 'lat', 'north,105.8542'],
];

describe('parseCliArgs', () => {
  it('takes the format from the name unless given, and the format’s default mapping', () => {
    expect(parseCliArgs(['reports', 'x.csv'])).toEqual({
      file: 'x.csv',
      format: 'csv',
      map: 'citydesk',
      city: undefined,
    });
    expect(parseCliArgs(['reports', 'dump.json'])).toMatchObject({ format: 'open311', map: 'open311' });
    expect(parseCliArgs(['reports', 'x.txt', '--format', 'csv', '--map', 'nyc311', '--city', 'hanoi'])).toEqual({
      file: 'x.txt',
      format: 'csv',
      map: 'nyc311',
      city: 'hanoi',
    });
  });
  it.each([
    [['x.csv'], /expected "reports"/],
    [['reports'], /expected one FILE/],
    [['reports', 'a.csv', 'b.csv'], /expected one FILE/],
    [['reports', 'x.txt'], /--format: cannot tell/],
    [['reports', 'x.csv', '--format', 'xml'], /--format: expected csv/],
    [['reports', 'x.csv', '--colour'], /Unknown option/],
  ])('refuses %j with usage', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(ImportError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});

describe.each(TEST_DRIVERS)('npm run import -- reports, on %s', (driver) => {
  const dir = mkdtempSync(join(tmpdir(), 'citydesk-import-reports-'));
  let db: TestDatabase | null = null;
  let env: Record<string, string>;
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const run = (...argv: string[]) => runImport(['reports', ...argv], env, quiet);
  async function query<T>(text: string): Promise<T[]> {
    const conn = await connect({ databaseUrl: db?.url, dataDir: join(dir, 'pglite') });
    try {
      return rowsOf<T>(await conn.db.execute(sql.raw(text)));
    } finally {
      await conn.close();
    }
  }

  beforeAll(async () => {
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

  it('stores the good rows with their real times and SLA figures, and writes the rejects beside the file', async () => {
    const path = file('messy.csv', GOOD_AND_BAD);
    const s = await run(path);
    expect(s).toMatchObject({ read: 14, added: 5, alreadyStored: 0, rejected: 9, rejectsFile: `${path}.rejected.csv` });

    const rejects = parse(readFileSync(`${path}.rejected.csv`), { columns: true }) as Array<Record<string, string>>;
    expect(rejects.map((r) => [r.line, r.reason, r.field, r.value])).toEqual(EXPECTED_REJECTS);
    const lines = GOOD_AND_BAD.split('\n');
    // Each rejected record as the file has it (G4 spans lines 5–6, so the file's line 8 is lines[7]).
    expect(rejects.map((r) => r.record)).toEqual(rejects.map((r) => lines[Number(r.line) - 1]));
    expect(rejects[0].detail).toBe('earlier than the filing time / trước thời điểm tiếp nhận');

    const rows = await query<Record<string, unknown>>(
      `select source_id, public_id, source, import_source, category, severity, status, title, description,
        district_code, commune_code, h3r8, agency_code,
        created_at, accepted_at, resolved_at, closed_at, ended_at, due_at, overdue_at,
        resolved_on_time, resolve_working_hours
       from reports order by source_id`,
    );
    const at = (v: unknown) => (v === null ? null : new Date(v as string).toISOString());
    const byId = Object.fromEntries(rows.map((r) => [r.source_id, r]));
    expect(Object.keys(byId)).toEqual(['G1', 'G2', 'G3', 'G4', 'G5']);
    for (const r of rows) {
      expect(r).toMatchObject({
        source: 'import',
        import_source: 'citydesk',
        district_code: '002',
        commune_code: '00070',
      });
      expect(r.public_id).toMatch(/^HN-2026-\d{6}$/);
      expect(r.h3r8).toMatch(/^88/);
    }
    expect({ ...byId.G1, created_at: at(byId.G1.created_at), resolved_at: at(byId.G1.resolved_at) }).toMatchObject({
      status: 'closed',
      category: 'traffic_roads',
      created_at: '2026-03-02T02:00:00.000Z',
      resolved_at: '2026-03-03T03:00:00.000Z',
      resolved_on_time: true,
      resolve_working_hours: 9,
      due_at: null,
    });
    expect(at(byId.G1.closed_at)).toBe('2026-03-03T03:00:00.000Z');
    expect(at(byId.G1.ended_at)).toBe('2026-03-03T03:00:00.000Z');
    expect(byId.G2).toMatchObject({ status: 'resolved', category: 'drainage_flooding', severity: 'urgent' });
    expect(byId.G2).toMatchObject({ resolved_on_time: false, resolve_working_hours: 18, closed_at: null });
    expect(at(byId.G2.created_at)).toBe('2026-03-02T07:30:00.000Z');
    expect(byId.G3).toMatchObject({ status: 'in_progress', category: 'lighting_electricity', resolved_at: null });
    expect(at(byId.G3.due_at)).toBe('2026-03-09T10:30:00.000Z');
    // Already late when imported: flagged as of its deadline, so no sweep announces it again.
    expect(at(byId.G3.overdue_at)).toBe('2026-03-09T10:30:00.000Z');
    expect(byId.G4).toMatchObject({ status: 'in_progress', title: 'It’s dirty', description: 'a\tb\\c\nd' });
    expect(byId.G5).toMatchObject({ status: 'received', title: 'Mất nước' });
    expect(at(byId.G5.created_at)).toBe('2026-03-05T03:00:00.000Z');

    const contacts = await query<{ source_id: string; name: string; phone: string }>(
      'select r.source_id, c.name, c.phone from report_contacts c join reports r on r.id = c.report_id',
    );
    expect(contacts).toEqual([{ source_id: 'G4', name: 'Lan', phone: '0901234567' }]);

    // One event for the batch, none per report: running servers re-read the id range it names.
    const events = await query<{ type: string; report_id: number | null; payload: Record<string, unknown> }>(
      'select type, report_id, payload from events',
    );
    const ids = await query<{ min: number; max: number }>(
      'select min(id)::int as min, max(id)::int as max from reports',
    );
    // It names whom it concerns (the stream gives it to those chiefs and agencies): the stored reports' areas.
    const [named] = await query<{ areas: string[]; agencies: string[] }>(
      `select array(select distinct a collate "C" from reports, unnest(array[district_code, commune_code]) a
                    where a is not null order by 1) as areas,
              array(select distinct agency_code collate "C" from reports order by 1) as agencies`,
    );
    expect(named.areas.length).toBeGreaterThan(1);
    expect(events).toEqual([
      {
        type: 'reports.imported',
        report_id: null,
        payload: {
          source: 'citydesk',
          file: 'messy.csv',
          added: 5,
          firstId: ids[0].min,
          lastId: ids[0].max,
          createdFrom: '2026-03-02T02:00:00.000Z',
          createdUntil: '2026-03-05T03:00:00.000Z',
          areas: named.areas,
          agencies: named.agencies,
        },
      },
    ]);
  });

  it('adds nothing the second time, and says so', async () => {
    const path = join(dir, 'messy.csv');
    const s = await run(path);
    expect(s).toMatchObject({ read: 14, added: 0, alreadyStored: 5, rejected: 9 });
    expect(summaryText(s)[1]).toMatch(/nothing new: all 5 good records were already imported/);
    expect(await query('select id from reports')).toHaveLength(5);
    expect(await query('select id from events')).toHaveLength(1);
    expect(existsSync(`${path}.rejected.csv`)).toBe(true);
  });

  it('computes the KPIs of the imported week from the real times', async () => {
    const conn = await connect({ databaseUrl: db?.url, dataDir: join(dir, 'pglite') });
    try {
      const store = createStore(conn, { publicIdPrefix: 'HN', timezone: 'Asia/Ho_Chi_Minh' });
      const k = await store.kpis.figures(
        { since: new Date('2026-03-01T17:00:00Z'), until: new Date('2026-03-08T17:00:00Z'), now: new Date() },
        {},
      );
      // Filed that week: G1–G5. Resolved that week: G1 (9 h, on time) and G2 (18 h, late).
      // Open now: G3, G4 (in progress) and G5 (received): all past their deadlines.
      expect(k).toMatchObject({ received: 5, handled: 2, resolved: 2, onTime: 1, onTimePct: 50, open: 3, overdue: 3 });
      expect(k.timeToResolve.n).toBe(2);
      expect([9, 13.5, 18]).toContain(k.timeToResolve.medianWorkingHours);
    } finally {
      await conn.close();
    }
  });

  it('imports GeoJSON points and an Open311 dump, rejecting what has no point or ends before it began', async () => {
    const point = (id: string, geometry: unknown, props: Record<string, unknown> = {}) => ({
      type: 'Feature',
      id,
      geometry,
      properties: { created_at: '2026-03-06 10:00:00', category: 'trees_parks', title: `Cây ${id}`, ...props },
    });
    const geo = file(
      'trees.geojson',
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          point('T1', { type: 'Point', coordinates: [105.8542, 21.0285] }),
          point('T2', null),
          point('T3', {
            type: 'LineString',
            coordinates: [
              [105.85, 21.02],
              [105.86, 21.03],
            ],
          }),
          point(
            'T4',
            { type: 'Point', coordinates: [105.8542, 21.0285] },
            { status: 'closed', closed_at: '2026-03-06 15:00:00' },
          ),
        ],
      }),
    );
    expect(await run(geo)).toMatchObject({ read: 4, added: 2, rejected: 2 });
    const geoRejects = parse(readFileSync(`${geo}.rejected.csv`), { columns: true }) as Array<Record<string, string>>;
    expect(geoRejects.map((r) => [r.item, r.reason])).toEqual([
      ['2', 'missing_coordinates'],
      ['3', 'missing_coordinates'],
    ]);
    expect(JSON.parse(geoRejects[0].record)).toMatchObject({ id: 'T2', geometry: null });

    const request = (id: string, extra: Record<string, unknown>) => ({
      service_request_id: id,
      service_code: 'water_supply',
      service_name: 'Water supply',
      description: 'Mất nước',
      requested_datetime: '2026-03-06T10:00:00+07:00',
      lat: 21.0285,
      long: 105.8542,
      ...extra,
    });
    const dump = file(
      'requests.json',
      JSON.stringify([
        request('O1', { status: 'open', updated_datetime: '2026-03-06T11:00:00+07:00' }),
        request('O2', { status: 'closed', updated_datetime: '2026-03-06T15:00:00+07:00', status_notes: 'Đã sửa' }),
        request('O3', { status: 'closed', updated_datetime: '2026-03-05T15:00:00+07:00' }),
      ]),
    );
    expect(await run(dump)).toMatchObject({ read: 3, added: 2, rejected: 1 });
    const o = await query<{ source_id: string; status: string; closed_at: string | null; description: string }>(
      "select source_id, status, closed_at, description from reports where import_source = 'open311' order by source_id",
    );
    expect(
      o.map((r) => [r.source_id, r.status, r.closed_at && new Date(r.closed_at).toISOString(), r.description]),
    ).toEqual([
      // An open request's update time is not a closing time.
      ['O1', 'received', null, 'Mất nước'],
      ['O2', 'closed', '2026-03-06T08:00:00.000Z', 'Mất nước\nĐã sửa'],
    ]);
    expect(readFileSync(`${dump}.rejected.csv`, 'utf8')).toMatch(
      /^item,reason,field,value,detail,record\n3,time_before_created,closedAt,/,
    );
    // Each import and each dataset its own event; the GeoJSON's and the dump's ids never collide.
    expect(await query("select id from events where type = 'reports.imported'")).toHaveLength(3);
  });

  it('refuses a broken file, a wrong mapping and another city with one line, storing nothing more', async () => {
    const before = (await query('select id from reports')).length;
    await expect(run(file('broken.json', '[{"service_request_id": "X1", '))).rejects.toThrow(ImportError);
    await expect(run(join(dir, 'missing.csv'))).rejects.toThrow(/missing\.csv/);
    const badMap = file('map.json', JSON.stringify({ name: 'x', fields: { createdAt: 'a' } }));
    await expect(run(join(dir, 'messy.csv'), '--map', badMap)).rejects.toThrow(/--map .*fields\.category/);
    const wrongCode = file(
      'map2.json',
      JSON.stringify({ name: 'x', fields: { createdAt: 'a', category: 'b' }, categories: { Pothole: 'potholes' } }),
    );
    await expect(run(join(dir, 'messy.csv'), '--map', wrongCode)).rejects.toThrow(
      /"potholes", which is not a category/,
    );
    await expect(run(join(dir, 'messy.csv'), '--city', 'atlantis')).rejects.toThrow(/--city: unknown city pack/);
    expect(await query('select id from reports')).toHaveLength(before);
  });
});
