import { sql } from 'drizzle-orm';
import type { Db } from '../connect';
import { type ChatRedaction, type RedactedThread, lockThreads, redactThreads } from './chatRedaction';
import { finishedSql } from './contactErasure';

/** Threads per transaction, so that one run after a long gap holds its locks briefly. */
const THREADS_PER_TX = 100;

/**
 * The retention of chat words not redacted with a contact's erasure (db/queries/chatRedaction.ts):
 * a general thread's citizen messages are erased once the thread's last message is older than
 * `before` (the retention counted from it); and on a report's thread, the citizen messages nobody
 * scrubbed with the contact (written after the contact was erased, or the report had no contact)
 * get the scrub alone once the report is finished and the thread quiet before `before` too. A
 * report whose contact is still there is left to the contact's erasure, which scrubs with it.
 * Threads another process is redacting are skipped (it logs them); the threads redacted, by id.
 */
export async function redactQuietThreads(
  db: Db,
  before: Date,
  at: Date,
  retentionDays: number,
  redaction: ChatRedaction,
): Promise<RedactedThread[]> {
  const cutoff = sql`${before.toISOString()}::timestamptz`;
  const due = sql`t.last_message_at < ${cutoff}
    and exists (select 1 from chat_messages m
      where m.thread_id = t.id and m.side = 'citizen' and m.redacted_at is null)
    and (t.report_id is null or exists (select 1 from reports r
      where r.id = t.report_id and r.status in (${finishedSql})
        and coalesce(r.closed_at, r.ended_at) < ${cutoff}
        and not exists (select 1 from report_contacts c where c.report_id = r.id)))`;
  const out: RedactedThread[] = [];
  for (;;) {
    const { locked, redacted } = await db.transaction(async (t) => {
      const tx = t as unknown as Db;
      const threads = await lockThreads(tx, due, { skipLocked: true, limit: THREADS_PER_TX });
      const rewrite = (text: string, thread: { reportId: number | null }) =>
        thread.reportId === null ? redaction.erasedText : redaction.scrub(text, null);
      const why = { reason: 'retention', retentionDays };
      return { locked: threads.length, redacted: await redactThreads(tx, threads, rewrite, at, why) };
    });
    out.push(...redacted);
    if (locked < THREADS_PER_TX) break;
  }
  return out.sort((a, b) => a.threadId - b.threadId);
}
