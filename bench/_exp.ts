import { sql } from 'drizzle-orm';
import { connect, type Connection, type Db } from '../db/connect';
import { rowsOf } from '../db/rows';
import { events, reportContacts, reports } from '../db/schema';
import type { NewReport, ReportRow } from '../db/types';
import { reportSummary } from '../db/queries/reportSummary';
import { insertReports } from '../db/queries/insertReports';
import { publicIdFormatter, createStore } from '../db/store';
import { benchDatabase } from './lib/db';
import { loadCityPack } from '../seeds/packs';
import { reportPool } from './lib/reportPool';
import { buildNewReport } from '../api/domain/intake';
import { buildAreaIndex } from '../geo/areaIndex';
import { slaDueAt } from '../api/runtime';

async function insertReports2(conn: Connection, items: NewReport[], publicIdFor: (id: number, d: Date) => string): Promise<ReportRow[]> {
  return conn.eventTransaction(async (tx, wrote) => {
    const res = await tx.execute(sql`select nextval(pg_get_serial_sequence('reports', 'id'))::int8 as id from generate_series(1, ${items.length})`);
    const ids = rowsOf<{ id: number }>(res).map((r) => Number(r.id));
    const rows = items.map((it, i) => ({ ...it.report, id: ids[i], publicId: publicIdFor(ids[i], it.report.createdAt) }));
    const stored = rows.map((r) => ({ acceptedAt: null, dueAt: null, resolvedAt: null, closedAt: null, endedAt: null, reopenedCount: 0, rating: null, duplicateOf: null, media: [], publishable: false, districtCode: null, communeCode: null, ...r }) as ReportRow);
    const contacts = items.flatMap((it, i) => (it.contact ? [{ ...it.contact, reportId: ids[i] }] : []));
    const eventRows = stored.map((r) => ({ at: r.createdAt, type: 'report.created', reportId: r.id, districtCode: r.districtCode, communeCode: r.communeCode, payload: { report: reportSummary(r) } }));
    const [, , evIds] = await Promise.all([
      tx.insert(reports).values(rows),
      contacts.length ? tx.insert(reportContacts).values(contacts) : Promise.resolve(),
      tx.insert(events).values(eventRows).returning({ id: events.id }),
    ]);
    wrote(Math.max(...evIds.map((e) => e.id)));
    return stored;
  });
}

const pack = await loadCityPack('hanoi');
const intake = { cityName: 'x', categories: new Map(pack.categories.map((c) => [c.code, c])), districts: buildAreaIndex(pack.areas, 'district'), communes: buildAreaIndex(pack.areas, 'commune'), dueAt: slaDueAt(pack) };
const pool = reportPool(pack, 2000, 1);
const db = await benchDatabase();
const conn = await connect({ databaseUrl: db.url });
const store = createStore(conn, { publicIdPrefix: 'HN', timezone: pack.timezone });
await store.loadPack(pack);
const pid = publicIdFormatter('HN', pack.timezone);
// equality check
{
  const items = pool.slice(0, 3).map((b) => buildNewReport(b, intake, new Date(), 'web'));
  const a = await insertReports2(conn, items, pid);
  const back = await Promise.all(a.map((r) => store.getReport(r.id)));
  console.log('equal:', JSON.stringify(a) === JSON.stringify(back));
  if (JSON.stringify(a) !== JSON.stringify(back)) console.log(a[0], back[0]);
}
for (const size of [16, 32]) for (const [name, f] of [['orig', insertReports], ['pipelined', insertReports2]] as const) {
  const times: number[] = []; const c0 = process.cpuUsage();
  for (let k = 0; k < 60; k++) {
    const items = pool.slice(0, size).map((b) => buildNewReport(b, intake, new Date(), 'web'));
    const t = performance.now(); await f(conn, items, pid); times.push(performance.now() - t);
  }
  const c = process.cpuUsage(c0);
  times.sort((a, b) => a - b);
  console.log(size, name, 'median ms', times[30].toFixed(2), 'p90', times[54].toFixed(2), 'cpu ms/batch', ((c.user + c.system) / 1000 / 60).toFixed(2));
}
await conn.close(); await db.drop();
