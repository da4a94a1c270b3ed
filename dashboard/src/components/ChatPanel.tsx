import { type Accessor, createEffect, createSignal, For, on, Show } from 'solid-js';
import type { AuthUser } from '../../../api/wire';
import { isCityWide } from '../../../core/roles';
import { targetOf, threadLabel, unreadTotal } from '../data/chatThreads';
import type { StreamSubscribe } from '../data/useChatThread';
import type { ChatThreads } from '../data/useChatThreads';
import { fill } from '../i18n/fill';
import { formatDateTime, formatNumber } from '../i18n/format';
import type { Lang, Messages } from '../i18n/messages';
import { ChatConversation } from './ChatConversation';
import { NewConversation } from './NewConversation';
import type { Selection } from './ReportDrawer';
import './chats.css';

/**
 * The desk's conversations: the threads the server lists for the viewer (newest activity first),
 * each with the citizen messages not yet read, kept live by the stream. A report's thread opens the
 * report's drawer (its conversation is woven into its history); a general thread opens its own
 * conversation drawer, and only one drawer is open at a time. Opening a general thread is the
 * operations centre's (the roles POST /api/chats admits).
 */
export function ChatPanel(props: {
  chats: ChatThreads;
  user: AuthUser;
  selection: Accessor<Selection>;
  select: (s: Selection) => void;
  subscribe: StreamSubscribe;
  lang: Accessor<Lang>;
  t: Accessor<Messages>;
}) {
  const t = () => props.t().chats;
  const [openThread, setOpenThread] = createSignal<number | null>(null);
  // A report opened anywhere on the desk (map, ticker, this list) takes the drawer's place.
  createEffect(
    on(props.selection, (s) => {
      if (s) setOpenThread(null);
    }),
  );
  const unread = () => unreadTotal(props.chats.items());

  function open(item: Parameters<typeof targetOf>[0]) {
    const target = targetOf(item);
    if (target.kind === 'report') {
      props.select(target);
      return;
    }
    props.select(null);
    setOpenThread(target.id);
  }

  return (
    <section class="chat-panel" data-testid="chat-panel">
      <header class="chat-panel-head">
        <h2>
          {t().title}
          <Show when={unread() > 0}>
            {' '}
            <span class="chat-unread" data-testid="chat-unread-total">
              {fill(t().unread, { n: formatNumber(unread(), props.lang()) })}
            </span>
          </Show>
        </h2>
        <Show when={isCityWide(props.user.role)}>
          <NewConversation chats={props.chats} t={props.t} />
        </Show>
      </header>
      <Show when={props.chats.error()}>
        <p class="error" role="alert">
          {props.chats.error()}
        </p>
      </Show>
      <ul class="chat-threads">
        <For
          each={props.chats.items()}
          fallback={<li class="meta">{props.chats.loaded() ? t().none : props.t().loading}</li>}
        >
          {(item) => {
            const label = () => threadLabel(item);
            return (
              <li
                data-thread={item.id}
                data-report={item.reportId ?? undefined}
                classList={{ unread: item.unreadByStaff > 0, current: openThread() === item.id }}
              >
                <button type="button" onClick={() => open(item)}>
                  <span class="chat-ref">{label().ref ?? t().general}</span>
                  <span class="chat-title">{label().title}</span>
                  <time title={t().lastActivity}>
                    {item.lastMessageAt ? formatDateTime(item.lastMessageAt, props.lang()) : '—'}
                  </time>
                  <span
                    class="chat-count"
                    data-testid="chat-unread"
                    data-unread={item.unreadByStaff}
                    title={fill(t().unread, { n: formatNumber(item.unreadByStaff, props.lang()) })}
                  >
                    {item.unreadByStaff > 0 ? formatNumber(item.unreadByStaff, props.lang()) : ''}
                  </span>
                </button>
              </li>
            );
          }}
        </For>
      </ul>
      <Show when={openThread()} keyed>
        {(id) => (
          <ChatConversation
            threadId={id}
            subscribe={props.subscribe}
            close={() => setOpenThread(null)}
            lang={props.lang}
            t={props.t}
          />
        )}
      </Show>
    </section>
  );
}
