import { createSignal, onCleanup } from 'solid-js';
import type { ChatListItem, ChatListResponse, OpenedChatResponse } from '../../../api/chat/wire';
import { getJson, sendJson } from './api';
import { isChatEvent } from './chatThreads';
import type { StreamSubscribe } from './useChatThread';

/**
 * A message or receipt changes a thread's count and place, which the server computes (its unread
 * count is of messages the list never held): re-read at most this long after the first chat event
 * of a burst, so a steady stream of messages still refreshes the list.
 */
const REFETCH_AFTER_MS = 300;
/** Re-read anyway this often, for a stream reset (a gap too old to replay). */
const REFRESH_MS = 5 * 60_000;

/**
 * The threads in the viewer's scope (GET /api/chats: the server decides which — every thread for
 * the operations centre, a chief's or an agency's report threads only), kept current by the desk's
 * stream's chat events, and the opening of a general thread for those the server lets open one.
 */
export function useChatThreads(opts: { subscribe: StreamSubscribe }) {
  const [items, setItems] = createSignal<ChatListItem[]>([]);
  const [loaded, setLoaded] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  let timer: ReturnType<typeof setTimeout> | null = null;
  // Reads may answer out of order; only the newest one asked for is shown.
  let asked = 0;

  async function load() {
    const mine = ++asked;
    try {
      const r = await getJson<ChatListResponse>('/api/chats');
      if (mine !== asked) return;
      setItems(r.items);
      setError(null);
      setLoaded(true);
    } catch (e) {
      // Shown in the panel; the desk around it keeps working.
      if (mine === asked) setError(e instanceof Error ? e.message : String(e));
    }
  }

  const unsubscribe = opts.subscribe((events) => {
    if (timer || !events.some(isChatEvent)) return;
    timer = setTimeout(() => {
      timer = null;
      void load();
    }, REFETCH_AFTER_MS);
  });
  const refresh = setInterval(() => void load(), REFRESH_MS);
  onCleanup(() => {
    unsubscribe();
    clearInterval(refresh);
    if (timer) clearTimeout(timer);
  });
  void load();

  return {
    items,
    loaded,
    error,
    /** Opens a general thread (operators, admins); the answer holds the citizen's token, shown once. */
    async open(subject: string, text: string): Promise<OpenedChatResponse> {
      const opened = await sendJson<OpenedChatResponse>('/api/chats', { subject, text });
      await load();
      return opened;
    },
  };
}
export type ChatThreads = ReturnType<typeof useChatThreads>;
