import type { ChatListItem } from '../../../api/chat/wire';
import { isChatEventType } from '../../../core/chat';

/**
 * The desk's list of conversations (GET /api/chats, already scoped and ordered by the server):
 * what its lines say and open. Pure.
 */

/** A message or a receipt on any thread: the list's counts and order may have moved. */
export const isChatEvent = (e: { type: string }): boolean => isChatEventType(e.type);

/** What a click on a thread opens: its report's drawer, or a general thread's own conversation. */
export type ThreadTarget = { kind: 'report'; id: number } | { kind: 'thread'; id: number };

export function targetOf(item: Pick<ChatListItem, 'id' | 'reportId'>): ThreadTarget {
  return item.reportId === null ? { kind: 'thread', id: item.id } : { kind: 'report', id: item.reportId };
}

/** Citizen messages the staff side has not read, over the threads listed (the panel's heading). */
export function unreadTotal(items: readonly Pick<ChatListItem, 'unreadByStaff'>[]): number {
  return items.reduce((n, i) => n + i.unreadByStaff, 0);
}

/**
 * A thread's line: a report thread by its report's public id and title (the server gives the
 * title as its subject), a general thread by its subject alone (`ref` null: the panel says "general").
 */
export function threadLabel(item: Pick<ChatListItem, 'id' | 'publicId' | 'subject'>): {
  ref: string | null;
  title: string;
} {
  return { ref: item.publicId, title: item.subject ?? item.publicId ?? `#${item.id}` };
}
