import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { rowsOf } from './rows';
import { createTestDatabase, TEST_DRIVERS, type TestDatabase } from './testing';

/**
 * The initiatives migration on a database that holds initiatives the old way, as reports of an
 * 'initiative' category: it is migrated up to the migration before, filled, then migrated to the end.
 */
const MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url));
const TAG = /_initiatives$/;

/** A copy of the migrations folder that stops just before the initiatives migration. */
function migrationsBeforeInitiatives(): string {
  const dir = mkdtempSync(join(tmpdir(), 'citydesk-migrations-'));
  cpSync(MIGRATIONS, dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: Array<{ tag: string }> };
  const at = journal.entries.findIndex((e) => TAG.test(e.tag));
  expect(at).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

const T0 = '2026-03-02T02:00:00.000Z';
const T1 = '2026-03-03T04:00:00.000Z';

/** Categories and reports as the pack and the API stored them before initiatives were their own entity. */
const OLD_DATA = [
  sql`insert into categories (code, "group", name_vi, name_en, agency_code, agency_vi, agency_en, severity) values
    ('traffic_roads', 'field', 'Giao thông', 'Roads', 'dept_construction', 'Sở Xây dựng', 'Construction', 'normal'),
    ('initiative_suggestion', 'initiative', 'Sáng kiến, góp ý', 'Initiatives', 'dept_science_technology', 'Sở KH&CN', 'Science', 'normal')`,
  sql`insert into reports (id, public_id, category, severity, status, title, description, lat, lng, h3r6, h3r7, h3r8, h3r9, h3r10,
      district_code, commune_code, agency_code, created_at, accepted_at, ended_at, updated_at, source) values
    (1, 'HN-2026-000001', 'traffic_roads', 'normal', 'received', 'Ổ gà', 'Ổ gà sâu', 21.0287, 105.8524,
      'a', 'b', 'c', 'd', 'e', '002', '00070', 'dept_construction', ${T0}, null, null, ${T0}, 'web'),
    (2, 'HN-2026-000002', 'initiative_suggestion', 'normal', 'received', 'Đề xuất bổ sung đèn tín hiệu tại phố Huế',
      'Nút giao đông, đề xuất lắp đèn tín hiệu.', 21.0168, 105.8510, 'a', 'b', 'c', 'd', 'e', '002', '00070',
      'dept_science_technology', ${T0}, null, null, ${T0}, 'web'),
    (3, 'HN-2026-000003', 'initiative_suggestion', 'normal', 'resolved', 'Góp ý ứng dụng iHanoi',
      'Đề nghị ứng dụng cho phép theo dõi tiến độ.', 21.2573, 105.8486, 'a', 'b', 'c', 'd', 'e', '016', null,
      'dept_science_technology', ${T0}, ${T1}, ${T1}, ${T1}, 'web'),
    (4, 'HN-2026-000004', 'initiative_suggestion', 'normal', 'rejected', 'Sáng kiến phân loại rác tại nguồn',
      'Đặt thùng rác phân loại.', 21.03, 105.85, 'a', 'b', 'c', 'd', 'e', '002', null,
      'dept_science_technology', ${T0}, null, ${T1}, ${T1}, 'web')`,
  sql`insert into report_contacts (report_id, name, phone, email) values
    (1, 'Người báo', '0911111111', null),
    (2, 'Trần Văn Ý', '0922222222', 'y@example.vn')`,
  sql`insert into events (at, type, report_id, district_code, commune_code, payload) values
    (${T0}, 'report.created', 1, '002', '00070', '{}'),
    (${T0}, 'report.created', 2, '002', '00070', '{}'),
    (${T1}, 'report.resolved', 3, '016', null, '{}')`,
];

type Exec = (q: ReturnType<typeof sql>) => Promise<Array<Record<string, unknown>>>;

interface Driver {
  exec: Exec;
  migrate(folder: string): Promise<void>;
  close(): Promise<void>;
}

async function openDriver(kind: 'pglite' | 'postgres', db?: TestDatabase): Promise<Driver> {
  if (kind === 'pglite') {
    const client = new PGlite();
    const d = drizzlePglite(client);
    return {
      exec: async (q) => rowsOf(await d.execute(q)),
      migrate: (folder) => migratePglite(d, { migrationsFolder: folder }),
      close: () => client.close(),
    };
  }
  const client = postgres(db!.url!, { max: 1, onnotice: () => {} });
  const d = drizzlePostgres(client);
  return {
    exec: async (q) => rowsOf(await d.execute(q)),
    migrate: (folder) => migratePostgres(d, { migrationsFolder: folder }),
    close: () => client.end(),
  };
}

describe.each(TEST_DRIVERS)('the initiatives migration (%s)', (kind) => {
  const cleanup: Array<() => Promise<void> | void> = [];
  afterAll(async () => {
    for (const f of cleanup.reverse()) await f();
  });

  it('moves reports of initiative categories into initiatives, their contacts with them', async () => {
    const before = migrationsBeforeInitiatives();
    cleanup.push(() => rmSync(before, { recursive: true, force: true }));
    const testDb = kind === 'postgres' ? await createTestDatabase('postgres') : undefined;
    if (testDb) cleanup.push(() => testDb.drop());
    const d = await openDriver(kind, testDb);
    cleanup.push(() => d.close());

    await d.migrate(before);
    for (const q of OLD_DATA) await d.exec(q);
    await d.migrate(MIGRATIONS);

    const initiatives = await d.exec(
      sql`select public_id, topic, status, title, description, lat, district_code, commune_code, source,
            former_report_id::int as former_report_id, published_at, public_text, citizen_token_hash, support_count,
            created_at::text as created_at, first_answered_at::text as first_answered_at, ended_at::text as ended_at
          from initiatives order by former_report_id`,
    );
    expect(initiatives.map((i) => [i.public_id, i.topic, i.status, i.district_code, i.commune_code])).toEqual([
      ['HN-2026-000002', 'transport', 'submitted', '002', '00070'],
      ['HN-2026-000003', 'digital_services', 'accepted', '016', null],
      ['HN-2026-000004', 'environment', 'declined', '002', null],
    ]);
    const [first, answered, declined] = initiatives;
    expect(first).toMatchObject({
      title: 'Đề xuất bổ sung đèn tín hiệu tại phố Huế',
      description: 'Nút giao đông, đề xuất lắp đèn tín hiệu.',
      lat: 21.0168,
      source: 'migrated',
      former_report_id: 2,
      // Unpublished: no operator has cleared the text yet.
      published_at: null,
      public_text: null,
      citizen_token_hash: null,
      support_count: 0,
      first_answered_at: null,
    });
    expect(new Date(String(first!.created_at)).toISOString()).toBe(T0);
    expect(new Date(String(answered!.first_answered_at)).toISOString()).toBe(T1);
    expect(answered!.ended_at).toBeNull();
    expect(new Date(String(declined!.ended_at)).toISOString()).toBe(T1);

    expect(await d.exec(sql`select name, phone, email from initiative_contacts`)).toEqual([
      { name: 'Trần Văn Ý', phone: '0922222222', email: 'y@example.vn' },
    ]);
    // The reports and their contacts are gone, the field report stays; so does the event log.
    expect(await d.exec(sql`select id::int as id from reports order by id`)).toEqual([{ id: 1 }]);
    expect(await d.exec(sql`select report_id::int as report_id from report_contacts`)).toEqual([{ report_id: 1 }]);
    expect(await d.exec(sql`select code from categories`)).toEqual([{ code: 'traffic_roads' }]);
    expect((await d.exec(sql`select count(*)::int as n from events`))[0]!.n).toBe(3);
    // New initiatives continue the id sequence after the migrated ones.
    const [next] = await d.exec(sql`select nextval(pg_get_serial_sequence('initiatives', 'id'))::int as id`);
    expect(next!.id).toBe(4);
  });
});
