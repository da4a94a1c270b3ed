import { type Accessor, createEffect, createSignal, on, onCleanup } from 'solid-js';
import type { ChatMessage } from '../../../core/chat';
import { getJson, sendJson } from './api';
import {
  applyChatEvent,
  chatEventOf,
  type ThreadKey,
  type ThreadState,
  threadUrl,
  unreadByStaff,
  withMessage,
} from './chat';
import type { StreamEvent } from './liveFeed';

/** How a view hears the desk's one stream: `subscribe` returns the unsubscribe. */
export type StreamSubscribe = (listener: (events: readonly StreamEvent[]) => void) => () => void;

/**
 * One conversation as the staff side holds it — a report's or a general thread — live: loaded from
 * the thread's URL, kept current by the stream's chat events for it (those that arrive while it
 * loads are held and applied after, so none is lost between the two), its citizen messages marked
 * read as they show, and the staff's reply posted. The report drawer and the chats panel's
 * conversation both hold their thread through here.
 */
export function useChatThread(key: Accessor<ThreadKey>, subscribe?: StreamSubscribe) {
  const [thread, setThread] = createSignal<ThreadState | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  let held: StreamEvent[] = [];
  let markedUpTo = 0;

  const unsubscribe = subscribe?.((events) => {
    for (const e of events) {
      const c = chatEventOf(e, key());
      if (!c) continue;
      const s = thread();
      if (s) setThread(applyChatEvent(s, c));
      else held.push(e);
    }
  });
  onCleanup(() => unsubscribe?.());

  // Keyed on the URL: a new key object for the same thread is the same thread.
  createEffect(
    on(
      () => threadUrl(key()),
      (url) => {
        const k = key();
        setThread(null);
        setError(null);
        held = [];
        markedUpTo = 0;
        getJson<ThreadState>(url).then(
          (loaded) => {
            if (threadUrl(key()) !== url) return; // another thread was opened meanwhile
            let s = loaded;
            for (const e of held) {
              const c = chatEventOf(e, k);
              if (c) s = applyChatEvent(s, c);
            }
            held = [];
            setThread(s);
          },
          (e) => setError(e instanceof Error ? e.message : String(e)),
        );
      },
    ),
  );

  // The staff side has read what it sees: once per new citizen message, never twice for one.
  createEffect(() => {
    const s = thread();
    const unread = s ? unreadByStaff(s) : null;
    if (unread === null || unread <= markedUpTo) return;
    markedUpTo = unread;
    sendJson(`${threadUrl(key())}/read`, { lastReadId: unread }).catch(() => {
      markedUpTo = 0;
    });
  });

  return {
    thread,
    error,
    /** Posts the staff's reply; the message shows on the 201 (the stream's copy of it changes nothing). */
    async send(text: string) {
      const posted = await sendJson<{ message: ChatMessage }>(`${threadUrl(key())}/messages`, { text });
      const s = thread();
      if (s) setThread(withMessage(s, posted.message, posted.message.threadId));
    },
  };
}
export type ChatThread = ReturnType<typeof useChatThread>;
