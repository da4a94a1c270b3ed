import { getTableColumns } from 'drizzle-orm';
import { withReport } from '../../core/events';
import type { Connection } from '../connect';
import { ReportIdReservoir, draw as drawReportIds } from '../reportIds';
import { events, reportCitizenTokens, reportContacts, reports } from '../schema';
import type { EventRow, HistoryItem, NewEvent, NewReport, NewReportRow, ReportRow } from '../types';
import { reportSummary } from './reportSummary';
import { unnestInsert } from './unnestInsert';

export type PublicIdFor = (id: number, createdAt: Date) => string;

/** Postgres caps a statement at 65,535 parameters; a report row binds ~28. */
const MAX_ROWS_PER_INSERT = 1_000;

/** One reservoir per connection (per pool): the ids a process has drawn and not yet used. */
const reservoirs = new WeakMap<Connection, ReportIdReservoir>();

function reportIds(conn: Connection, n: number): Promise<number[]> {
  let reservoir = reservoirs.get(conn);
  if (!reservoir) reservoirs.set(conn, (reservoir = new ReportIdReservoir(conn.db)));
  return reservoir.take(n);
}

async function insertInChunks<T>(items: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += MAX_ROWS_PER_INSERT) {
    await insert(items.slice(i, i + MAX_ROWS_PER_INSERT));
  }
}

/**
 * Stores a batch of new reports with one `report.created` event each, in one transaction:
 * concurrent submissions are gathered by the caller so that a whole batch costs one commit and
 * one NOTIFY. Every event writer waits for the same lock, so everything that can be done before
 * taking it is: the report ids, the rows as stored and the events are all ready beforehand, the
 * report rows are inserted ahead of it, and the whole transaction goes out in one round trip.
 */
export async function insertReports(
  conn: Connection,
  items: NewReport[],
  publicIdFor: PublicIdFor,
): Promise<ReportRow[]> {
  if (items.length === 0) return [];
  const ids = await reportIds(conn, items.length);
  const rows = items.map((it, i) => ({
    ...it.report,
    id: ids[i],
    publicId: publicIdFor(ids[i], it.report.createdAt),
  }));
  // What `returning()` would read back, without shipping ~40 columns per row back and parsing them.
  const stored = rows.map(asRow);
  const contacts = items.flatMap((it, i) => (it.contact ? [{ ...it.contact, reportId: ids[i] }] : []));
  const eventRows = stored.map(
    (r): NewEvent => ({
      at: r.createdAt,
      type: 'report.created',
      reportId: r.id,
      districtCode: r.districtCode,
      communeCode: r.communeCode,
      payload: { report: reportSummary(r) },
    }),
  );
  const tokens = items.flatMap((it, i) =>
    it.citizenTokenHash ? [{ reportId: ids[i], tokenHash: it.citizenTokenHash }] : [],
  );
  const rowsFirst = [unnestInsert(reports, REPORT_COLUMNS, stored as unknown as Array<Record<string, unknown>>)];
  if (contacts.length) rowsFirst.push(unnestInsert(reportContacts, CONTACT_COLUMNS, contacts));
  // In the same pipeline: the citizen's token costs the filing no round trip of its own.
  if (tokens.length) rowsFirst.push(unnestInsert(reportCitizenTokens, TOKEN_COLUMNS, tokens));
  // The report rows (the widest, with the most indexes) go in before the event lock: no other
  // writer touches them, and the lock is then held only for the events and the commit. Every
  // report is in before the rows that reference it: both drivers run them in order.
  const eventsInsert = unnestInsert(events, EVENT_COLUMNS, eventRows, { returningId: true });
  await conn.eventPipeline(rowsFirst, [eventsInsert], (results) =>
    asLogged(eventRows, results.at(-1)!, eventsInsert.params[PAYLOAD_PARAM] as string[]),
  );
  return stored;
}

/**
 * The events as the log returns them (db/queries/events.ts eventsAfter): ids from `returning`,
 * each payload as the JSON text the insert sent, parsed (what jsonb gives back, keys aside).
 */
function asLogged(rows: NewEvent[], returned: Array<Record<string, unknown>>, payloadTexts: string[]): EventRow[] {
  // Inserted in array order, so the serial ids ascend with it.
  const ids = returned.map((r) => Number(r.id)).sort((a, b) => a - b);
  return rows.map((e, i) => ({
    id: ids[i]!,
    at: e.at,
    type: e.type,
    reportId: e.reportId ?? null,
    districtCode: e.districtCode ?? null,
    communeCode: e.communeCode ?? null,
    payload: JSON.parse(payloadTexts[i]!),
    actorUserId: null,
    actorRole: null,
  }));
}

const CONTACT_COLUMNS = ['reportId', 'name', 'phone', 'email'] as const;
const TOKEN_COLUMNS = ['reportId', 'tokenHash'] as const;
const EVENT_COLUMNS = ['at', 'type', 'reportId', 'districtCode', 'communeCode', 'payload'] as const;
const PAYLOAD_PARAM = EVENT_COLUMNS.indexOf('payload');

/**
 * Loads already-lived history (the simulator's backfill, an import) in one transaction: each
 * report in its final state, and all events sorted by time so that replaying them in id order
 * tells the story as it happened.
 */
export async function importHistory(conn: Connection, items: HistoryItem[], publicIdFor: PublicIdFor): Promise<number> {
  if (items.length === 0) return 0;
  return conn.eventTransaction(async (tx, wrote) => {
    // In the transaction: history is one block of ids, drawn where it is written.
    const ids = await drawReportIds(tx, items.length);
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
        it.events.map(
          (e): NewEvent => ({
            at: e.at,
            reportId: ids[i],
            districtCode: it.report.districtCode ?? null,
            communeCode: it.report.communeCode ?? null,
            // The report as it stood after this event: the status it moved to (else as filed).
            ...withReport(e, {
              ...reportSummary(asRow(rows[i])),
              status: 'to' in e.payload ? e.payload.to : 'received',
            }),
          }),
        ),
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

/**
 * What the database fills in for a column an insert leaves out (db/schema.ts, the `default`s);
 * any other column left out is null. Checked against the database by insertReports.test.ts.
 */
const REPORT_DEFAULTS: Partial<Record<keyof ReportRow, () => unknown>> = {
  media: () => [],
  pausedHours: () => 0,
  reopenedCount: () => 0,
  publishable: () => false,
};

/** Every column, from the schema, so a column added later is never missing from a built row. */
const REPORT_COLUMNS = Object.keys(getTableColumns(reports)) as Array<keyof ReportRow>;

/**
 * The row as `select` returns it after inserting r: r's values, the defaults for the rest. A value
 * given to a `real` column would read back rounded to float4; new reports give those none.
 */
export function asRow(r: NewReportRow & { id: number; publicId: string }): ReportRow {
  const row: Record<string, unknown> = {};
  const given = r as Partial<Record<keyof ReportRow, unknown>>;
  // undefined is left out of an insert (drizzle writes DEFAULT), so it reads back as the default.
  for (const col of REPORT_COLUMNS)
    row[col] = given[col] !== undefined ? given[col] : (REPORT_DEFAULTS[col]?.() ?? null);
  return row as ReportRow;
}
