import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { CHAT_SIDES } from '../../core/chat';
import { ROLES } from '../../core/roles';
import { reports } from '../schema';

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * The citizen's key to a report they filed: the SHA-256 of the token the filing's 201 showed once.
 * Citizens have no accounts, so this is what proves "I filed it" later (reading and writing the
 * report's chat). Its own table, apart from the report and its contact: the retention job's erasure
 * of a contact must not lock the citizen out, and no query of reports can return it by accident.
 * Written by the filing's own pipelined batch (db/queries/insertReports.ts): no extra round trip.
 */
export const reportCitizenTokens = pgTable('report_citizen_tokens', {
  reportId: bigint('report_id', { mode: 'number' })
    .primaryKey()
    .references(() => reports.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull(),
});

/**
 * A conversation: on a report (one per report, created with its first message), or a general one
 * an operator opened with a subject for a citizen who filed nothing, whose token (hashed) lives
 * here. Each side's read receipt is the id of the last message it has read (0: none).
 */
export const chatThreads = pgTable(
  'chat_threads',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    reportId: bigint('report_id', { mode: 'number' }).references(() => reports.id, { onDelete: 'cascade' }),
    subject: text('subject'),
    // A general thread's citizen token; a report thread's is the report's (report_citizen_tokens).
    tokenHash: text('token_hash'),
    createdAt: tstz('created_at').notNull(),
    createdByUserId: integer('created_by_user_id'),
    createdByRole: text('created_by_role', { enum: ROLES }),
    citizenReadId: bigint('citizen_read_id', { mode: 'number' }).notNull().default(0),
    staffReadId: bigint('staff_read_id', { mode: 'number' }).notNull().default(0),
    lastMessageAt: tstz('last_message_at'),
  },
  (t) => [
    uniqueIndex('chat_threads_report_idx').on(t.reportId),
    index('chat_threads_last_message_idx').on(t.lastMessageAt),
    check(
      'chat_threads_kind',
      sql`(${t.reportId} is null) = (${t.subject} is not null and ${t.tokenHash} is not null)`,
    ),
  ],
);

/** Messages, in id order; the author is a staff member (user and role) or the citizen (neither). */
export const chatMessages = pgTable(
  'chat_messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    threadId: bigint('thread_id', { mode: 'number' })
      .notNull()
      .references(() => chatThreads.id, { onDelete: 'cascade' }),
    at: tstz('at').notNull(),
    side: text('side', { enum: CHAT_SIDES }).notNull(),
    actorUserId: integer('actor_user_id'),
    actorRole: text('actor_role', { enum: ROLES }),
    text: text('text').notNull(),
    images: jsonb('images').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    // When privacy retention or an erasure request replaced a citizen message's words (its
    // contact-scrubbed copy on a report thread, erased on a general one) and dropped its images:
    // what makes each message redacted, and logged, once (db/queries/chatRedaction.ts).
    redactedAt: tstz('redacted_at'),
  },
  (t) => [
    index('chat_messages_thread_idx').on(t.threadId, t.id),
    // The retention job's question, each hour: which threads still hold citizen words in clear.
    // Partial, so the messages already redacted (most, in time) cost nothing.
    index('chat_messages_unredacted_idx').on(t.threadId).where(sql`${t.side} = 'citizen' and ${t.redactedAt} is null`),
    check(
      'chat_messages_actor',
      sql`(${t.side} = 'staff') = (${t.actorUserId} is not null and ${t.actorRole} is not null)`,
    ),
  ],
);
