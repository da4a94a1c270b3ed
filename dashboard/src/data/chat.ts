import type { StaffThreadView } from '../../../api/chat/views';
import type { HistoryEntry } from '../../../api/wire';
import type { ChatMessage } from '../../../core/chat';
import type { StreamEvent } from './liveFeed';

/** A report's conversation as the drawer holds it: the API's staff view, kept current by the stream. */
export type ThreadState = StaffThreadView;

type ChatStreamEvent = Extract<StreamEvent, { type: 'chat.message' | 'chat.read' }>;

/** Which conversation: a report's (by the report, its thread has no id before its first message) or a general one. */
export type ThreadKey = { reportId: number } | { threadId: number };

/** Where a thread's API lives: GET it there, POST `…/messages` and `…/read` under it. */
export function threadUrl(key: ThreadKey): string {
  return 'reportId' in key ? `/api/reports/${key.reportId}/chat` : `/api/chats/${key.threadId}`;
}

/** A chat event about the thread `key` names (the desk's stream carries every thread in scope). */
export function chatEventOf(e: StreamEvent, key: ThreadKey): ChatStreamEvent | null {
  if (e.type !== 'chat.message' && e.type !== 'chat.read') return null;
  const c = e as ChatStreamEvent;
  const ours = 'reportId' in key ? c.thread.reportId === key.reportId : c.thread.id === key.threadId;
  return ours ? c : null;
}

/**
 * The thread after a stream event. Pure, and idempotent: a message the API's answer already held
 * (or the reply box added on its 201) is not added twice, and a receipt only moves forward, so a
 * replay after a reconnect or a snapshot that overlaps the stream changes nothing.
 */
export function applyChatEvent(state: ThreadState, e: ChatStreamEvent): ThreadState {
  if (e.type === 'chat.message') return withMessage(state, e.message, e.thread.id);
  const read = { ...state.thread.read };
  if (e.lastReadId <= read[e.side]) return state;
  read[e.side] = e.lastReadId;
  return { ...state, thread: { ...state.thread, id: state.thread.id ?? e.thread.id, read } };
}

export function withMessage(state: ThreadState, m: ChatMessage, threadId: number): ThreadState {
  if (state.messages.some((x) => x.id === m.id)) return state;
  const messages = [...state.messages, m].sort((a, b) => a.id - b.id);
  return { ...state, thread: { ...state.thread, id: state.thread.id ?? threadId }, messages };
}

/** The newest citizen message the staff side has not read yet, or null: what opening the drawer marks read. */
export function unreadByStaff(state: ThreadState): number | null {
  const last = state.messages.findLast((m) => m.side === 'citizen');
  return last && last.id > state.thread.read.staff ? last.id : null;
}

/** A staff message the citizen's side has read (its receipt is at or past it). */
export function seenByCitizen(state: ThreadState | null, m: ChatMessage): boolean {
  return m.side === 'staff' && (state?.thread.read.citizen ?? 0) >= m.id;
}

/** One line of the drawer's history: a lifecycle step, or a chat message, in time order. */
export type TimelineItem =
  | { kind: 'event'; key: string; at: string; entry: HistoryEntry }
  | { kind: 'chat'; key: string; at: string; message: ChatMessage };

/** The report's history with its conversation woven in, oldest first (a step before a message at the same instant). */
export function timeline(history: readonly HistoryEntry[], messages: readonly ChatMessage[]): TimelineItem[] {
  const items: TimelineItem[] = [
    ...history.map((entry) => ({ kind: 'event' as const, key: `e${entry.id}`, at: entry.at, entry })),
    ...messages.map((message) => ({ kind: 'chat' as const, key: `m${message.id}`, at: message.at, message })),
  ];
  const order = (i: TimelineItem) => (i.kind === 'event' ? 0 : 1);
  return items.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || order(a) - order(b));
}
