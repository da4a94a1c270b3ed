import { eq, sql } from 'drizzle-orm';
import type { Db } from '../connect';
import { rowsOf } from '../rows';
import { reportContacts, reports } from '../schema';
import type { ContactRow, ReportRow } from '../types';
import { type AreaScope, type ReportFilter, and, reportConditions } from './filters';

export async function getReport(db: Db, id: number, scope?: AreaScope): Promise<ReportRow | null> {
  const [row] = await db
    .select()
    .from(reports)
    .where(and([sql`${reports.id} = ${id}`, ...reportConditions({}, scope)]));
  return row ?? null;
}

export async function getReportIdByPublicId(db: Db, publicId: string): Promise<number | null> {
  const [row] = await db.select({ id: reports.id }).from(reports).where(eq(reports.publicId, publicId));
  return row?.id ?? null;
}

export async function getContact(db: Db, reportId: number): Promise<ContactRow | null> {
  const [row] = await db
    .select({ name: reportContacts.name, phone: reportContacts.phone, email: reportContacts.email })
    .from(reportContacts)
    .where(eq(reportContacts.reportId, reportId));
  return row ?? null;
}

export interface Cursor {
  createdAt: Date;
  id: number;
}

/** Newest first; the cursor is the last row's (created_at, id) so pages never skip or repeat. */
export async function listReports(
  db: Db,
  filter: ReportFilter,
  page: { limit: number; after?: Cursor },
  scope?: AreaScope,
): Promise<{ items: ReportRow[]; next: Cursor | null }> {
  const parts = reportConditions(filter, scope);
  if (filter.since) parts.push(sql`${reports.createdAt} >= ${filter.since.toISOString()}::timestamptz`);
  if (filter.until) parts.push(sql`${reports.createdAt} < ${filter.until.toISOString()}::timestamptz`);
  if (page.after) {
    parts.push(
      sql`(${reports.createdAt}, ${reports.id}) < (${page.after.createdAt.toISOString()}::timestamptz, ${page.after.id})`,
    );
  }
  const items = await db
    .select()
    .from(reports)
    .where(and(parts))
    .orderBy(sql`${reports.createdAt} desc, ${reports.id} desc`)
    .limit(page.limit + 1);
  const more = items.length > page.limit;
  if (more) items.pop();
  const last = items[items.length - 1];
  return { items, next: more && last ? { createdAt: last.createdAt, id: last.id } : null };
}

export async function countRows(db: Db): Promise<{ reports: number; events: number; contacts: number }> {
  const [row] = rowsOf<Record<string, number>>(
    await db.execute(sql`select
      (select count(*) from reports)::int8 as reports,
      (select count(*) from events)::int8 as events,
      (select count(*) from report_contacts)::int8 as contacts`),
  );
  return { reports: Number(row.reports), events: Number(row.events), contacts: Number(row.contacts) };
}
