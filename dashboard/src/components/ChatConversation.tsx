import { type Accessor, For, Show } from 'solid-js';
import { seenByCitizen } from '../data/chat';
import { type StreamSubscribe, useChatThread } from '../data/useChatThread';
import { formatDateTime } from '../i18n/format';
import type { Lang, Messages } from '../i18n/messages';
import { ChatMessageLine } from './ChatMessageLine';
import { ChatReplyBox } from './ChatReplyBox';

/**
 * A general thread (one an operator opened, on no report) as a drawer: its subject, its messages
 * live with the citizen's receipt on the staff's, and the reply box. Opening it marks the citizen's
 * messages read (data/useChatThread.ts), as the report drawer does for a report's conversation.
 */
export function ChatConversation(props: {
  threadId: number;
  subscribe: StreamSubscribe;
  close: () => void;
  lang: Accessor<Lang>;
  t: Accessor<Messages>;
}) {
  const t = props.t;
  const chat = useChatThread(() => ({ threadId: props.threadId }), props.subscribe);
  return (
    <aside class="drawer chat-drawer" data-testid="chat-conversation" data-thread={props.threadId}>
      <button type="button" class="close" onClick={() => props.close()} aria-label={t().close}>
        ×
      </button>
      <Show when={chat.thread()} fallback={<p>{chat.error() ?? t().loading}</p>}>
        {(s) => (
          <>
            <h2>{s().thread.subject}</h2>
            <p class="meta">
              {t().chats.general}
              <Show when={s().thread.createdAt}>{(at) => <> · {formatDateTime(at(), props.lang())}</>}</Show>
            </p>
            <ol class="history chat-thread" data-testid="chat-messages">
              <For each={s().messages}>
                {(m) => <ChatMessageLine message={m} seen={seenByCitizen(s(), m)} lang={props.lang} t={t} />}
              </For>
            </ol>
          </>
        )}
      </Show>
      <ChatReplyBox id={`chat-thread-draft-${props.threadId}`} send={chat.send} t={t} />
    </aside>
  );
}
