import { getTableColumns } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IngestBatcher } from '../../api/domain/ingestBatcher';
import { h3CellsFor } from '../../geo/h3cells';
import { loadCityPack } from '../../seeds/packs';
import { reports } from '../schema';
import type { Store } from '../store';
import { TEST_DRIVERS, type TestDatabase, createTestDatabase } from '../testing';
import type { EventRow, NewReport, NewReportRow } from '../types';
import { asRow } from './insertReports';
import { reportSummary } from './reportSummary';

const HOAN_KIEM = { lat: 21.0287, lng: 105.8524 };

/** A new report with only what the table requires; everything else is left to the database. */
function minimal(overrides: Partial<NewReportRow> = {}): NewReportRow {
  const at = new Date('2026-03-02T03:04:05.678Z');
  return {
    category: 'traffic_roads',
    severity: 'normal',
    status: 'received',
    title: 'Ổ gà',
    description: 'Ổ gà sâu',
    ...HOAN_KIEM,
    ...h3CellsFor(HOAN_KIEM.lat, HOAN_KIEM.lng),
    agencyCode: 'SGTVT',
    createdAt: at,
    updatedAt: at,
    source: 'web',
    ...overrides,
  };
}

/** The shapes intake produces, and the ones it might: defaults left out, given, or undefined. */
function batch(): NewReport[] {
  return [
    { report: minimal() },
    {
      report: minimal({
        districtCode: '002',
        communeCode: '00070',
        media: ['https://example.vn/a.jpg'],
        dueAt: new Date('2026-03-04T10:00:00.001Z'),
        lat: 21.028_734_5,
        lng: 105.852_401_2,
      }),
      contact: { name: 'Nguyễn Thị Lan', phone: '0912345678', email: null },
    },
    { report: minimal({ media: undefined, districtCode: undefined, dueAt: null, publishable: true }) },
    { report: minimal({ title: 'Đèn hỏng' }), contact: { name: null, phone: null, email: 'a@example.vn' } },
    // Values travel as text arrays (unnestInsert.ts): what an array literal would mangle must survive.
    {
      report: minimal({
        title: 'NULL',
        description: 'a "quoted", {braced} \\ back\\slash,\n\tnewline \'single\' NULL ,',
        media: ['https://example.vn/a,b.jpg', 'https://example.vn/"q".jpg'],
      }),
      contact: { name: 'NULL', phone: '', email: '{x}' },
    },
  ];
}

describe.each(TEST_DRIVERS)('insertReports on %s', (driver) => {
  let db: TestDatabase;
  let store: Store;
  beforeAll(async () => {
    db = await createTestDatabase(driver);
    store = await db.open();
    await store.catalog.loadPack(await loadCityPack('hanoi'));
  });
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  it('returns exactly the rows the database holds, each with one report.created event', async () => {
    const items = batch();
    const returned = await store.reports.insert(items);
    expect(returned).toHaveLength(items.length);
    for (const row of returned) {
      const selected = await store.reports.get(row.id);
      // Strict: the same keys, nulls where null, the defaults the database filled in.
      expect(row).toStrictEqual(selected);
      const events = await store.events.eventsOfReport(row.id);
      expect(events.map((e) => e.type)).toEqual(['report.created']);
      expect(events[0]).toMatchObject({
        reportId: row.id,
        districtCode: row.districtCode,
        communeCode: row.communeCode,
      });
      expect(events[0].at).toEqual(row.createdAt);
      expect(events[0].payload).toEqual(JSON.parse(JSON.stringify({ report: reportSummary(selected!) })));
    }
    expect(await store.reports.contact(returned[1].id)).toEqual(items[1].contact);
    expect(await store.reports.contact(returned[0].id)).toBeNull();
    expect(await store.reports.contact(returned[4].id)).toEqual(items[4].contact);
    expect(returned[4].title).toBe('NULL');
  });

  it("stores each citizen token's hash with its report, in the same batch", async () => {
    const items = batch().map((it, i) => (i % 2 ? { ...it, citizenTokenHash: `hash-${i}` } : it));
    const rows = await store.reports.insert(items);
    for (const [i, row] of rows.entries()) {
      expect(await store.chat.reportTokenMatches(row.id, `hash-${i}`), row.title).toBe(i % 2 === 1);
    }
  });

  it('announces the largest event id of the batch, once, after commit', async () => {
    const heard: number[] = [];
    const unsubscribe = await store.events.onEvents((id) => heard.push(id));
    const rows = await store.reports.insert(batch());
    const until = Date.now() + 5_000;
    while (heard.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    await unsubscribe();
    const ids = (await Promise.all(rows.map((r) => store.events.eventsOfReport(r.id)))).flat().map((e) => e.id);
    expect(heard).toEqual([Math.max(...ids)]);
    expect((await store.events.eventBounds()).maxId).toBe(Math.max(...ids));
  });

  it('hands this process the events it committed exactly as the log returns them', async () => {
    const told: EventRow[][] = [];
    const stop = store.events.onCommitted((rows) => told.push(rows));
    const rows = await store.reports.insert(batch());
    stop();
    expect(told).toHaveLength(1);
    const [first, last] = [told[0]![0]!.id, told[0]!.at(-1)!.id];
    // What the stream hub's follower would have read back instead (db/committedEvents.ts).
    expect(told[0]).toStrictEqual(await store.events.eventsAfter(first - 1, last, 100));
    expect(told[0]!.map((e) => e.reportId)).toEqual(rows.map((r) => r.id));
  });

  it('stores more rows than one insert takes, contacts and all', async () => {
    const before = await store.reports.counts();
    const items = Array.from({ length: 1_201 }, (_, i) => ({
      report: minimal({ title: `r${i}` }),
      contact: i % 2 ? { name: `n${i}`, phone: null, email: null } : null,
    }));
    const rows = await store.reports.insert(items);
    expect(rows.map((r) => r.title)).toEqual(items.map((it) => it.report.title));
    expect(await store.reports.counts()).toEqual({
      reports: before.reports + 1_201,
      events: before.events + 1_201,
      contacts: before.contacts + 600,
    });
    // Event ids follow the order of the batch, chunk after chunk.
    const first = await store.events.eventsOfReport(rows[0].id);
    const last = await store.events.eventsOfReport(rows[1_200].id);
    expect(last[0].id - first[0].id).toBe(1_200);
  });

  it('stores nothing of a batch with a bad row, and the batcher then stores the good ones alone', async () => {
    const before = await store.reports.counts();
    const bad: NewReport = {
      report: minimal({ category: 'no_such_category' }),
      contact: { name: 'x', phone: null, email: null },
    };
    const good = batch();
    await expect(store.reports.insert([...good, bad])).rejects.toThrow();
    expect(await store.reports.counts()).toEqual(before);

    const batcher = new IngestBatcher((items) => store.reports.insert(items));
    const results = await Promise.allSettled([...good, bad, good[1]].map((it) => batcher.submit(it)));
    expect(results.map((r) => r.status)).toEqual([...good.map(() => 'fulfilled'), 'rejected', 'fulfilled']);
    const after = await store.reports.counts();
    const contacts = good.filter((g) => g.contact).length + 1;
    expect(after).toEqual({
      reports: before.reports + good.length + 1,
      events: before.events + good.length + 1,
      contacts: before.contacts + contacts,
    });
    for (const r of results) {
      if (r.status !== 'fulfilled') continue;
      expect(r.value).toStrictEqual(await store.reports.get(r.value.id));
      expect((await store.events.eventsOfReport(r.value.id)).map((e) => e.type)).toEqual(['report.created']);
    }
  });
});

describe('asRow', () => {
  it('knows the default of every column the database fills in', () => {
    const withDefault = Object.entries(getTableColumns(reports))
      .filter(([key, col]) => col.hasDefault && key !== 'id')
      .map(([key]) => key)
      .sort();
    const built = asRow({ ...minimal(), id: 1, publicId: 'HN-2026-000001' }) as Record<string, unknown>;
    // A column with a default must not come out null, nor one that is missing from the schema.
    expect(withDefault.filter((k) => built[k] === null)).toEqual([]);
    expect(Object.keys(built).sort()).toEqual(Object.keys(getTableColumns(reports)).sort());
  });

  it('gives each row its own media array', () => {
    const a = asRow({ ...minimal(), id: 1, publicId: 'a' });
    const b = asRow({ ...minimal(), id: 2, publicId: 'b' });
    expect(a.media).toEqual([]);
    expect(a.media).not.toBe(b.media);
  });
});
