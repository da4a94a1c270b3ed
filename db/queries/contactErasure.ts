import { sql } from 'drizzle-orm';
import type { ReportStatus } from '../../core/statuses';
import type { Db } from '../connect';
import { rowsOf, toDate, toNumber } from '../rows';
import { auditLog } from '../schema';
import { type ChatRedaction, type ErasedContact, type RedactedThread, scrubReportThreads } from './chatRedaction';

/**
 * Erasing reporter contact data (Decree 13/2023/NĐ-CP): the report_contacts row goes, the report
 * and its statistics stay, and each erasure is an audit_log row ('contact.erased'). The citizen's
 * messages on the report's chat go through the contact scrub with that very contact, in the same
 * transaction (db/queries/chatRedaction.ts): the contact, its log entry and the chat's redaction
 * commit together or not at all. The DELETE's RETURNING hands over the contact as it goes, and
 * what a DELETE has taken another process cannot take again: API processes running the job at once
 * erase and log each contact exactly once (the job skips rows another holds; a request waits).
 */

/** No further answer is owed: the retention clock runs from closed_at (closed) or ended_at (the rest). */
export const FINISHED_STATUSES = ['closed', 'rejected', 'duplicate'] as const satisfies readonly ReportStatus[];

export const finishedSql = sql.raw(FINISHED_STATUSES.map((s) => `'${s}'`).join(', '));

/** Contacts per transaction, so that the first run over a year of reports holds its locks briefly. */
const CONTACTS_PER_TX = 200;

const contactOf = (r: Record<string, unknown>): ErasedContact => ({
  name: (r.name as string | null) ?? null,
  phone: (r.phone as string | null) ?? null,
  email: (r.email as string | null) ?? null,
});

/**
 * Erases the contacts of reports finished before `closedBefore`, each with its report's chat
 * scrubbed; returns the report ids, ascending.
 */
export async function eraseExpiredContacts(
  db: Db,
  closedBefore: Date,
  at: Date,
  retentionDays: number,
  chat: ChatRedaction,
): Promise<number[]> {
  const erased: number[] = [];
  for (;;) {
    const batch = await db.transaction(async (t) => {
      const tx = t as unknown as Db;
      const rows = rowsOf<Record<string, unknown>>(
        await tx.execute(sql`delete from report_contacts c using (
            select k.report_id, coalesce(r.closed_at, r.ended_at) as closed_at
            from report_contacts k join reports r on r.id = k.report_id
            where r.status in (${finishedSql})
              and coalesce(r.closed_at, r.ended_at) < ${closedBefore.toISOString()}::timestamptz
            order by k.report_id limit ${CONTACTS_PER_TX}
            for update of k skip locked
          ) due
          where c.report_id = due.report_id
          returning c.report_id, c.name, c.phone, c.email, due.closed_at`),
      );
      if (!rows.length) return [];
      await tx.insert(auditLog).values(
        rows.map((r) => ({
          at,
          action: 'contact.erased',
          reportId: toNumber(r.report_id),
          detail: { reason: 'retention', retentionDays, closedAt: toDate(r.closed_at)?.toISOString() ?? null },
        })),
      );
      const contacts = new Map(rows.map((r) => [toNumber(r.report_id), contactOf(r)]));
      await scrubReportThreads(tx, contacts, chat.scrub, at, { reason: 'retention', retentionDays });
      return [...contacts.keys()];
    });
    erased.push(...batch);
    if (batch.length < CONTACTS_PER_TX) break;
  }
  return erased.sort((a, b) => a - b);
}

export interface RequestErasure {
  /** Whether a contact was there to erase (false: already erased, or never given). */
  contact: boolean;
  /** The report's thread, if it had citizen messages not yet scrubbed. */
  chat: RedactedThread | null;
}

/**
 * Erases one report's contact at the reporter's request, and scrubs the citizen's messages on its
 * chat with it (or, if it is gone already, with the patterns alone: words written since).
 */
export async function eraseContact(
  db: Db,
  reportId: number,
  at: Date,
  by: string,
  chat: ChatRedaction,
): Promise<RequestErasure> {
  return db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const [row] = rowsOf<Record<string, unknown>>(
      await tx.execute(sql`delete from report_contacts where report_id = ${reportId} returning name, phone, email`),
    );
    const why = { reason: 'request', by };
    if (row) await tx.insert(auditLog).values({ at, action: 'contact.erased', reportId, detail: why });
    const contacts = new Map([[reportId, row ? contactOf(row) : null]]);
    const [thread] = await scrubReportThreads(tx, contacts, chat.scrub, at, why);
    return { contact: row !== undefined, chat: thread ?? null };
  });
}

/** When the report's contact was erased, if it was. */
export async function contactErasedAt(db: Db, reportId: number): Promise<Date | null> {
  const [row] = rowsOf<Record<string, unknown>>(
    await db.execute(
      sql`select max(at) as at from audit_log where report_id = ${reportId} and action = 'contact.erased'`,
    ),
  );
  return toDate(row?.at ?? null);
}
