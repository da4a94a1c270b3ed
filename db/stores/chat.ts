import type { ChatMessage, ChatSide, ChatThreadRef } from '../../core/chat';
import type { Connection } from '../connect';
import * as chat from '../queries/chat';
import type { ChatRedaction, RedactedThread } from '../queries/chatRedaction';
import { redactQuietThreads } from '../queries/chatRetention';
import type { AreaScope } from '../queries/filters';

export type {
  ChatActor,
  NewChatMessage,
  ReadResult,
  ThreadListItem,
  ThreadPlace,
  ThreadRow,
} from '../queries/chat';

type Posted = { thread: ChatThreadRef; message: ChatMessage; eventId: number };

/**
 * Hanoi Chat (db/tables/chat.ts): threads on a report or general, their messages and read
 * receipts, and the citizen tokens that open them. Every change is one event transaction with its
 * `chat.*` event. Tokens are compared as hashes; nothing here returns one.
 */
export interface ChatStore {
  reportTokenMatches(reportId: number, tokenHash: string): Promise<boolean>;
  threadTokenMatches(threadId: number, tokenHash: string): Promise<boolean>;
  threadOfReport(reportId: number): Promise<chat.ThreadRow | null>;
  thread(id: number): Promise<chat.ThreadRow | null>;
  /** The newest messages (up to 500), oldest first. */
  messages(threadId: number): Promise<ChatMessage[]>;
  /** A message on a report's thread, which its first message creates. */
  postOnReport(place: chat.ThreadPlace & { reportId: number }, m: chat.NewChatMessage): Promise<Posted>;
  /** A message on a general thread; null if there is none with that id. */
  postOnThread(threadId: number, m: chat.NewChatMessage): Promise<Posted | null>;
  openThread(o: {
    subject: string;
    tokenHash: string;
    first: chat.NewChatMessage & { actor: chat.ChatActor };
  }): Promise<Posted>;
  markRead(
    thread: ChatThreadRef,
    side: ChatSide,
    lastReadId: number,
    actor: chat.ChatActor | null,
    at: Date,
  ): Promise<chat.ReadResult>;
  list(scope: AreaScope | undefined, cityWide: boolean, limit: number): Promise<chat.ThreadListItem[]>;
  counts(): Promise<{ threads: number; messages: number }>;
  /**
   * Retention (db/queries/chatRetention.ts): general threads quiet since before `before` lose their
   * citizen messages' words, and report threads of reports finished and quiet since then whose
   * contact is gone get the scrub for words nobody scrubbed; each thread logged once.
   */
  redactQuiet(before: Date, at: Date, retentionDays: number, redaction: ChatRedaction): Promise<RedactedThread[]>;
}

export function createChatStore(conn: Connection): ChatStore {
  const { db } = conn;
  return {
    reportTokenMatches: (id, hash) => chat.reportTokenMatches(db, id, hash),
    threadTokenMatches: (id, hash) => chat.threadTokenMatches(db, id, hash),
    threadOfReport: (id) => chat.threadOfReport(db, id),
    thread: (id) => chat.getThread(db, id),
    messages: (id) => chat.messagesOf(db, id),
    postOnReport: (place, m) => chat.postOnReport(conn, place, m),
    postOnThread: (id, m) => chat.postOnThread(conn, id, m),
    openThread: (o) => chat.openThread(conn, o),
    markRead: (thread, side, id, actor, at) => chat.markRead(conn, thread, side, id, actor, at),
    list: (scope, cityWide, limit) => chat.listThreads(db, scope, cityWide, limit),
    counts: () => chat.chatCounts(db),
    redactQuiet: (before, at, days, redaction) => redactQuietThreads(db, before, at, days, redaction),
  };
}
