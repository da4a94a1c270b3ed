import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../connect';
import { rowsOf, toDate, toNumber } from '../rows';
import { auditLog } from '../schema';

/**
 * Redacting the citizen's own words in Hanoi Chat (Decree 13/2023/NĐ-CP): citizens type their
 * phone, address or name into messages. On a report's thread, when the report's contact is erased
 * (retention or request), each citizen message becomes its contact-scrubbed copy, scrubbed with that
 * contact in the erasure's own transaction (db/queries/contactErasure.ts); on a general thread (no
 * report, no contact known) the citizen's messages are erased once the thread has been quiet for the
 * retention (db/queries/chatRetention.ts). Either way their images go, and so do the copies in their
 * `chat.message` events (the stream's log would replay them). Staff messages, the thread, its
 * receipts and its counts stay. Each thread redacted is one audit_log row ('chat.scrubbed' on a
 * report's thread, 'chat.erased' on a general one).
 *
 * Exactly once across processes: a redaction locks its threads first (message writers upsert the
 * thread row too, so none lands half-way), then reads the messages not yet redacted (`redacted_at`
 * null) in a statement of its own, so a thread another process has just redacted yields nothing to
 * rewrite or log.
 */

/** A contact as its row held it, handed to the scrub as it is erased. */
export interface ErasedContact {
  name: string | null;
  phone: string | null;
  email: string | null;
}

/**
 * How the words are rewritten, given by the caller: the contact scrub lives in api/privacy (db/ does
 * not import api/). `scrub` makes a report thread's copy (contact null once erased or never given);
 * `erasedText` replaces a general thread's messages.
 */
export interface ChatRedaction {
  scrub(text: string, contact: ErasedContact | null): string;
  erasedText: string;
}

/** Why, for the audit log: `{reason: 'retention', retentionDays, …}` or `{reason: 'request', by}`. */
export type RedactionWhy = Record<string, unknown>;

export interface RedactedThread {
  threadId: number;
  reportId: number | null;
  /** Citizen messages rewritten. */
  messages: number;
}

export interface LockedThread {
  id: number;
  reportId: number | null;
  lastMessageAt: Date | null;
}

/** Locks the threads `where` picks (alias t), waiting for those another transaction holds or skipping them. */
export async function lockThreads(
  tx: Db,
  where: SQL,
  o: { skipLocked: boolean; limit?: number },
): Promise<LockedThread[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`select t.id, t.report_id, t.last_message_at from chat_threads t where ${where}
      order by t.id${o.limit ? sql` limit ${o.limit}` : sql``}
      for update of t${o.skipLocked ? sql` skip locked` : sql``}`),
  );
  return rows.map((r) => ({
    id: toNumber(r.id),
    reportId: r.report_id === null || r.report_id === undefined ? null : toNumber(r.report_id),
    lastMessageAt: toDate(r.last_message_at),
  }));
}

const idList = (ids: number[]) =>
  sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );

/**
 * Rewrites the locked threads' citizen messages not yet redacted with `rewrite`, drops their images,
 * stamps them, rewrites their events' copies, and logs one row per thread that had any. Inside the
 * caller's transaction, after `lockThreads`.
 */
export async function redactThreads(
  tx: Db,
  threads: LockedThread[],
  rewrite: (text: string, thread: LockedThread) => string,
  at: Date,
  why: RedactionWhy,
): Promise<RedactedThread[]> {
  if (!threads.length) return [];
  const byId = new Map(threads.map((t) => [t.id, t]));
  const found = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`select id, thread_id, text from chat_messages
      where thread_id in (${idList([...byId.keys()])}) and side = 'citizen' and redacted_at is null
      order by id`),
  );
  if (!found.length) return [];
  const messages = found.map((r) => {
    const thread = byId.get(toNumber(r.thread_id))!;
    return {
      id: toNumber(r.id),
      threadId: thread.id,
      reportId: thread.reportId,
      text: rewrite(String(r.text), thread),
    };
  });
  const rewritten = sql`jsonb_to_recordset(${JSON.stringify(messages)}::jsonb)
    as u(id int8, "reportId" int8, text text)`;
  await tx.execute(sql`update chat_messages m
    set text = u.text, images = '[]'::jsonb, redacted_at = ${at.toISOString()}::timestamptz
    from ${rewritten} where m.id = u.id`);
  const copy = sql`jsonb_set(jsonb_set(e.payload, '{message,text}', to_jsonb(u.text)), '{message,images}', '[]'::jsonb)`;
  const sameMessage = sql`e.type = 'chat.message' and (e.payload #>> '{message,id}')::int8 = u.id`;
  // Report threads' events apart from general ones', so they are found by their report's index.
  await tx.execute(sql`update events e set payload = ${copy} from ${rewritten}
    where e.report_id = u."reportId" and ${sameMessage}`);
  if (messages.some((m) => m.reportId === null))
    await tx.execute(sql`update events e set payload = ${copy} from ${rewritten}
      where u."reportId" is null and e.report_id is null and ${sameMessage}`);

  const counts = new Map<number, number>();
  for (const m of messages) counts.set(m.threadId, (counts.get(m.threadId) ?? 0) + 1);
  const out = [...counts].map(([threadId, n]) => ({ threadId, reportId: byId.get(threadId)!.reportId, messages: n }));
  await tx.insert(auditLog).values(
    out.map((t) => ({
      at,
      userId: null,
      role: null,
      action: t.reportId === null ? 'chat.erased' : 'chat.scrubbed',
      reportId: t.reportId,
      detail: { threadId: t.threadId, messages: t.messages, ...why },
    })),
  );
  return out;
}

/**
 * The threads of these reports, scrubbed each with its report's contact as it is erased (null: the
 * patterns alone). Waits for a thread another transaction holds. Inside the erasure's transaction.
 */
export async function scrubReportThreads(
  tx: Db,
  contacts: ReadonlyMap<number, ErasedContact | null>,
  scrub: ChatRedaction['scrub'],
  at: Date,
  why: RedactionWhy,
): Promise<RedactedThread[]> {
  if (!contacts.size) return [];
  const threads = await lockThreads(tx, sql`t.report_id in (${idList([...contacts.keys()])})`, { skipLocked: false });
  return redactThreads(tx, threads, (text, t) => scrub(text, contacts.get(t.reportId!) ?? null), at, why);
}
