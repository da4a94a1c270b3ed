import { and, asc, desc, eq, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { ChatAuthor, ChatEventPayloads, ChatMessage, ChatSide, ChatThreadRef } from '../../core/chat';
import type { Role } from '../../core/roles';
import type { Connection, Db } from '../connect';
import { events, reports, users } from '../schema';
import { chatMessages, chatThreads, reportCitizenTokens } from '../tables/chat';
import type { NewEvent } from '../types';
import { type AreaScope, scopeSql } from './filters';

/** A thread as read back: never its token's hash, which nothing outside the token check needs. */
export type ThreadRow = Omit<typeof chatThreads.$inferSelect, 'tokenHash'>;

const THREAD_COLUMNS = {
  id: chatThreads.id,
  reportId: chatThreads.reportId,
  subject: chatThreads.subject,
  createdAt: chatThreads.createdAt,
  createdByUserId: chatThreads.createdByUserId,
  createdByRole: chatThreads.createdByRole,
  citizenReadId: chatThreads.citizenReadId,
  staffReadId: chatThreads.staffReadId,
  lastMessageAt: chatThreads.lastMessageAt,
};

/** A staff member who wrote or read (events.actor_*, chat_messages.actor_*), with their name for the payload. */
export interface ChatActor {
  userId: number;
  role: Role;
  name: string | null;
}

/** Where a thread's events go: its report's areas and agency (chiefs, the agency), or none (operators only). */
export type ThreadPlace = Omit<ChatThreadRef, 'id'>;

/** Whether `tokenHash` is the citizen token of report `reportId`; one query whether the report exists or not. */
export async function reportTokenMatches(db: Db, reportId: number, tokenHash: string): Promise<boolean> {
  const rows = await db
    .select({ id: reportCitizenTokens.reportId })
    .from(reportCitizenTokens)
    .where(and(eq(reportCitizenTokens.reportId, reportId), eq(reportCitizenTokens.tokenHash, tokenHash)));
  return rows.length > 0;
}

/** Whether `tokenHash` is the citizen token of general thread `threadId`. */
export async function threadTokenMatches(db: Db, threadId: number, tokenHash: string): Promise<boolean> {
  const rows = await db
    .select({ id: chatThreads.id })
    .from(chatThreads)
    .where(and(eq(chatThreads.id, threadId), isNull(chatThreads.reportId), eq(chatThreads.tokenHash, tokenHash)));
  return rows.length > 0;
}

export async function threadOfReport(db: Db, reportId: number): Promise<ThreadRow | null> {
  const [row] = await db.select(THREAD_COLUMNS).from(chatThreads).where(eq(chatThreads.reportId, reportId));
  return row ?? null;
}

export async function getThread(db: Db, id: number): Promise<ThreadRow | null> {
  const [row] = await db.select(THREAD_COLUMNS).from(chatThreads).where(eq(chatThreads.id, id));
  return row ?? null;
}

/** A thread holds at most this many messages in one answer: the newest ones. */
export const MESSAGES_MAX = 500;

/** A thread's newest messages (up to MESSAGES_MAX), oldest first, each with its author's name. */
export async function messagesOf(db: Db, threadId: number): Promise<ChatMessage[]> {
  const rows = await db
    .select({ m: chatMessages, name: users.name })
    .from(chatMessages)
    .leftJoin(users, eq(users.id, chatMessages.actorUserId))
    .where(eq(chatMessages.threadId, threadId))
    .orderBy(desc(chatMessages.id))
    .limit(MESSAGES_MAX);
  return rows.reverse().map((r) => messageOf(r.m, r.name));
}

function messageOf(m: typeof chatMessages.$inferSelect, name: string | null): ChatMessage {
  const author: ChatAuthor | null =
    m.side === 'staff' && m.actorUserId !== null && m.actorRole !== null
      ? { userId: m.actorUserId, name, role: m.actorRole }
      : null;
  return {
    id: m.id,
    threadId: m.threadId,
    at: m.at.toISOString(),
    side: m.side,
    author,
    text: m.text,
    images: m.images,
  };
}

export interface NewChatMessage {
  side: ChatSide;
  /** The staff member writing; none for the citizen. */
  actor: ChatActor | null;
  text: string;
  images: string[];
  at: Date;
}

type Tx = Db;

type ChatEvent = {
  [T in keyof ChatEventPayloads]: { type: T; payload: ChatEventPayloads[T] };
}[keyof ChatEventPayloads];

/** The event of a chat change, placed where its thread's report lies so the stream scopes it like the report's. */
async function appendChatEvent(
  tx: Tx,
  wrote: (id: number) => void,
  at: Date,
  e: ChatEvent,
  actor: ChatActor | null,
): Promise<number> {
  const { thread } = e.payload;
  const row: NewEvent = {
    at,
    reportId: thread.reportId,
    districtCode: thread.districtCode,
    communeCode: thread.communeCode,
    actorUserId: actor?.userId ?? null,
    actorRole: actor?.role ?? null,
    ...e,
  };
  const [ev] = await tx.insert(events).values(row).returning({ id: events.id });
  wrote(ev!.id);
  return ev!.id;
}

async function insertMessage(
  tx: Tx,
  wrote: (id: number) => void,
  thread: ChatThreadRef,
  m: NewChatMessage,
): Promise<{ message: ChatMessage; eventId: number }> {
  const [row] = await tx
    .insert(chatMessages)
    .values({
      threadId: thread.id,
      at: m.at,
      side: m.side,
      actorUserId: m.actor?.userId ?? null,
      actorRole: m.actor?.role ?? null,
      text: m.text,
      images: m.images,
    })
    .returning();
  const message = messageOf(row!, m.actor?.name ?? null);
  const eventId = await appendChatEvent(
    tx,
    wrote,
    m.at,
    { type: 'chat.message', payload: { thread, message } },
    m.actor,
  );
  return { message, eventId };
}

/**
 * A message on a report's thread, the thread created with its first message (one per report: a
 * race of two first messages meets the unique index and both land in the same thread).
 */
export async function postOnReport(
  conn: Connection,
  place: ThreadPlace & { reportId: number },
  m: NewChatMessage,
): Promise<{ thread: ChatThreadRef; message: ChatMessage; eventId: number }> {
  return conn.eventTransaction(async (tx, wrote) => {
    const [t] = await tx
      .insert(chatThreads)
      .values({
        reportId: place.reportId,
        createdAt: m.at,
        createdByUserId: m.actor?.userId ?? null,
        createdByRole: m.actor?.role ?? null,
        lastMessageAt: m.at,
      })
      .onConflictDoUpdate({ target: chatThreads.reportId, set: { lastMessageAt: m.at } })
      .returning({ id: chatThreads.id });
    const thread: ChatThreadRef = { ...place, id: t!.id };
    return { thread, ...(await insertMessage(tx, wrote, thread, m)) };
  });
}

/** A message on a general thread; null if there is no such general thread. */
export async function postOnThread(
  conn: Connection,
  threadId: number,
  m: NewChatMessage,
): Promise<{ thread: ChatThreadRef; message: ChatMessage; eventId: number } | null> {
  return conn.eventTransaction(async (tx, wrote) => {
    const [t] = await tx
      .update(chatThreads)
      .set({ lastMessageAt: m.at })
      .where(and(eq(chatThreads.id, threadId), isNull(chatThreads.reportId)))
      .returning({ id: chatThreads.id, subject: chatThreads.subject });
    if (!t) return null;
    const thread = generalRef(t.id, t.subject);
    return { thread, ...(await insertMessage(tx, wrote, thread, m)) };
  });
}

export function generalRef(id: number, subject: string | null): ChatThreadRef {
  return { id, reportId: null, publicId: null, subject, districtCode: null, communeCode: null, agencyCode: null };
}

/** An operator opens a general thread with its first message; the citizen's token is stored as its hash only. */
export async function openThread(
  conn: Connection,
  o: { subject: string; tokenHash: string; first: NewChatMessage & { actor: ChatActor } },
): Promise<{ thread: ChatThreadRef; message: ChatMessage; eventId: number }> {
  return conn.eventTransaction(async (tx, wrote) => {
    const [t] = await tx
      .insert(chatThreads)
      .values({
        subject: o.subject,
        tokenHash: o.tokenHash,
        createdAt: o.first.at,
        createdByUserId: o.first.actor.userId,
        createdByRole: o.first.actor.role,
        lastMessageAt: o.first.at,
      })
      .returning({ id: chatThreads.id });
    const thread = generalRef(t!.id, o.subject);
    return { thread, ...(await insertMessage(tx, wrote, thread, o.first)) };
  });
}

export type ReadResult =
  | { kind: 'advanced'; lastReadId: number; eventId: number }
  /** The side had already read this far: nothing changes, no event. */
  | { kind: 'unchanged'; lastReadId: number }
  /** No message of this thread has that id. */
  | { kind: 'no_such_message' };

/**
 * One side has read its thread up to message `lastReadId`. A receipt only moves forward (two
 * tabs reading out of order never move it back), in one conditional update, with its event.
 */
export async function markRead(
  conn: Connection,
  thread: ChatThreadRef,
  side: ChatSide,
  lastReadId: number,
  actor: ChatActor | null,
  at: Date,
): Promise<ReadResult> {
  const column = side === 'citizen' ? chatThreads.citizenReadId : chatThreads.staffReadId;
  return conn.eventTransaction(async (tx, wrote): Promise<ReadResult> => {
    const [msg] = await tx
      .select({ id: chatMessages.id })
      .from(chatMessages)
      .where(and(eq(chatMessages.id, lastReadId), eq(chatMessages.threadId, thread.id)));
    if (!msg) return { kind: 'no_such_message' };
    const [moved] = await tx
      .update(chatThreads)
      .set(side === 'citizen' ? { citizenReadId: lastReadId } : { staffReadId: lastReadId })
      .where(and(eq(chatThreads.id, thread.id), lt(column, lastReadId)))
      .returning({ id: chatThreads.id });
    if (!moved) {
      const [t] = await tx.select({ read: column }).from(chatThreads).where(eq(chatThreads.id, thread.id));
      return { kind: 'unchanged', lastReadId: t?.read ?? 0 };
    }
    const eventId = await appendChatEvent(
      tx,
      wrote,
      at,
      { type: 'chat.read', payload: { thread, side, lastReadId } },
      actor,
    );
    return { kind: 'advanced', lastReadId, eventId };
  });
}

export interface ThreadListItem extends ThreadRow {
  publicId: string | null;
  title: string | null;
  /** Citizen messages after the staff side's receipt. */
  unreadByStaff: number;
}

/**
 * Threads a staff member may see, most recently active first: the city-wide roles every thread,
 * a chief or an agency the threads of reports in its scope (general threads are the operations
 * centre's).
 */
export async function listThreads(
  db: Db,
  scope: AreaScope | undefined,
  cityWide: boolean,
  limit: number,
): Promise<ThreadListItem[]> {
  const rows = await db
    .select({
      ...THREAD_COLUMNS,
      publicId: reports.publicId,
      title: reports.title,
      unreadByStaff: sql<number>`(select count(*)::int from chat_messages m
        where m.thread_id = ${chatThreads.id} and m.side = 'citizen' and m.id > ${chatThreads.staffReadId})`,
    })
    .from(chatThreads)
    .leftJoin(reports, eq(reports.id, chatThreads.reportId))
    .where(cityWide ? sql`true` : and(isNotNull(chatThreads.reportId), scopeSql(scope)))
    .orderBy(sql`${chatThreads.lastMessageAt} desc nulls last`, asc(chatThreads.id))
    .limit(limit);
  return rows.map((r) => ({ ...r, unreadByStaff: Number(r.unreadByStaff) }));
}

/** Rows in the chat tables: what a refused request must leave as it was. */
export async function chatCounts(db: Db): Promise<{ threads: number; messages: number }> {
  const [row] = await db
    .select({
      threads: sql<number>`(select count(*)::int from chat_threads)`,
      messages: sql<number>`(select count(*)::int from chat_messages)`,
    })
    .from(sql`(select 1) as one`);
  return { threads: Number(row!.threads), messages: Number(row!.messages) };
}
