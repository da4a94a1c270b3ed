import { sql } from 'drizzle-orm';
import type { Connection, Db } from '../connect';
import { rowsOf } from '../rows';
import { events, reportContacts, reports } from '../schema';
import type { HistoryItem, NewReport, NewReportRow, ReportRow } from '../types';
import { reportSummary } from './reportSummary';

export type PublicIdFor = (id: number, createdAt: Date) => string;

/** Postgres caps a statement at 65,535 parameters; a report row binds ~28. */
const MAX_ROWS_PER_INSERT = 1_000;

async function allocateIds(tx: Db, n: number): Promise<number[]> {
  const res = await tx.execute(
    sql`select nextval(pg_get_serial_sequence('reports', 'id'))::int8 as id from generate_series(1, ${n})`,
  );
  return rowsOf<{ id: number }>(res).map((r) => Number(r.id));
}

async function insertInChunks<T>(items: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += MAX_ROWS_PER_INSERT) {
    await insert(items.slice(i, i + MAX_ROWS_PER_INSERT));
  }
}

/**
 * Stores a batch of new reports with one `report.created` event each, in one transaction:
 * concurrent submissions are gathered by the caller so that a whole batch costs one commit and
 * one NOTIFY.
 */
export async function insertReports(
  conn: Connection,
  items: NewReport[],
  publicIdFor: PublicIdFor,
): Promise<ReportRow[]> {
  if (items.length === 0) return [];
  return conn.eventTransaction(async (tx, wrote) => {
    const ids = await allocateIds(tx, items.length);
    const rows = items.map((it, i) => ({
      ...it.report,
      id: ids[i],
      publicId: publicIdFor(ids[i], it.report.createdAt),
    }));
    const stored: ReportRow[] = [];
    await insertInChunks(rows, async (chunk) => {
      stored.push(...(await tx.insert(reports).values(chunk).returning()));
    });
    const contacts = items.flatMap((it, i) => (it.contact ? [{ ...it.contact, reportId: ids[i] }] : []));
    await insertInChunks(contacts, (chunk) => tx.insert(reportContacts).values(chunk));
    const eventRows = stored.map((r) => ({
      at: r.createdAt,
      type: 'report.created',
      reportId: r.id,
      districtCode: r.districtCode,
      communeCode: r.communeCode,
      payload: { report: reportSummary(r) },
    }));
    let maxId = 0;
    await insertInChunks(eventRows, async (chunk) => {
      const ids = await tx.insert(events).values(chunk).returning({ id: events.id });
      for (const { id } of ids) maxId = Math.max(maxId, id);
    });
    wrote(maxId);
    return stored;
  });
}

/**
 * Loads already-lived history (the simulator's backfill, an import) in one transaction: each
 * report in its final state, and all events sorted by time so that replaying them in id order
 * tells the story as it happened.
 */
export async function importHistory(
  conn: Connection,
  items: HistoryItem[],
  publicIdFor: PublicIdFor,
): Promise<number> {
  if (items.length === 0) return 0;
  return conn.eventTransaction(async (tx, wrote) => {
    const ids = await allocateIds(tx, items.length);
    const rows = items.map((it, i) => ({
      ...it.report,
      id: ids[i],
      publicId: publicIdFor(ids[i], it.report.createdAt),
    }));
    await insertInChunks(rows, (chunk) => tx.insert(reports).values(chunk));
    const contacts = items.flatMap((it, i) => (it.contact ? [{ ...it.contact, reportId: ids[i] }] : []));
    await insertInChunks(contacts, (chunk) => tx.insert(reportContacts).values(chunk));
    const eventRows = items
      .flatMap((it, i) =>
        it.events.map((e) => ({
          at: e.at,
          type: e.type,
          reportId: ids[i],
          districtCode: it.report.districtCode ?? null,
          communeCode: it.report.communeCode ?? null,
          payload: {
            ...(e.payload ?? {}),
            report: {
              ...reportSummary(asRow(rows[i])),
              status: (e.payload?.to as string | undefined) ?? 'received',
            },
          },
        })),
      )
      .sort((a, b) => a.at.getTime() - b.at.getTime());
    let maxId = 0;
    await insertInChunks(eventRows, async (chunk) => {
      const res = await tx.insert(events).values(chunk).returning({ id: events.id });
      for (const { id } of res) maxId = Math.max(maxId, id);
    });
    wrote(maxId);
    return items.length;
  });
}

function asRow(r: NewReportRow & { id: number; publicId: string }): ReportRow {
  return {
    acceptedAt: null,
    dueAt: null,
    pausedAt: null,
    pausedHours: 0,
    resolvedAt: null,
    resolvedOnTime: null,
    acceptWorkingHours: null,
    resolveWorkingHours: null,
    closedAt: null,
    endedAt: null,
    reopenedCount: 0,
    rating: null,
    duplicateOf: null,
    media: [],
    publishable: false,
    districtCode: null,
    communeCode: null,
    ...r,
  } as ReportRow;
}
