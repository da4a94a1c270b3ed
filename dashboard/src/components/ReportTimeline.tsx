import { type Accessor, createEffect, createSignal, For, Match, on, onCleanup, Show, Switch } from 'solid-js';
import type { HistoryEntry } from '../../../api/wire';
import { ROLE_NAMES } from '../../../core/roles';
import { CHAT_TEXT_MAX_CHARS, type ChatMessage } from '../../../core/chat';
import { getJson } from '../data/api';
import {
  applyChatEvent,
  chatEventOf,
  postJson,
  type ThreadState,
  timeline,
  unreadByStaff,
  withMessage,
} from '../data/chat';
import type { StreamEvent } from '../data/liveFeed';
import { formatDateTime } from '../i18n/format';
import type { Lang, Messages } from '../i18n/messages';

/** How the drawer hears the desk's one stream: `subscribe` returns the unsubscribe. */
export type StreamSubscribe = (listener: (events: readonly StreamEvent[]) => void) => () => void;

/**
 * A report's history with its conversation woven in (the citizen chat), live, and the staff's reply box.
 * The thread comes from GET /api/reports/:id/chat; chat events of the desk's stream keep it current
 * (those that arrive while it loads are held and applied after, so none is lost between the two).
 * Opening it marks the citizen's messages read for the staff side.
 */
export function ReportTimeline(props: {
  reportId: number;
  history: readonly HistoryEntry[];
  subscribe?: StreamSubscribe;
  statusName: (s: string) => string;
  lang: Accessor<Lang>;
  t: Accessor<Messages>;
}) {
  const t = props.t;
  const [thread, setThread] = createSignal<ThreadState | null>(null);
  const [draft, setDraft] = createSignal('');
  const [sending, setSending] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  let held: StreamEvent[] = [];
  let markedUpTo = 0;

  const unsubscribe = props.subscribe?.((events) => {
    for (const e of events) {
      const c = chatEventOf(e, props.reportId);
      if (!c) continue;
      const s = thread();
      if (s) setThread(applyChatEvent(s, c));
      else held.push(e);
    }
  });
  onCleanup(() => unsubscribe?.());

  createEffect(
    on(
      () => props.reportId,
      (id) => {
        setThread(null);
        held = [];
        markedUpTo = 0;
        getJson<ThreadState>(`/api/reports/${id}/chat`).then(
          (loaded) => {
            let s = loaded;
            for (const e of held) {
              const c = chatEventOf(e, id);
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
    postJson(`/api/reports/${props.reportId}/chat/read`, { lastReadId: unread }).catch(() => {
      markedUpTo = 0;
    });
  });

  async function send(ev: Event) {
    ev.preventDefault();
    const text = draft().trim();
    if (!text || sending()) return;
    setSending(true);
    setError(null);
    try {
      const posted = await postJson<{ message: ChatMessage }>(`/api/reports/${props.reportId}/chat/messages`, {
        text,
      });
      const s = thread();
      if (s) setThread(withMessage(s, posted.message, posted.message.threadId));
      setDraft('');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSending(false);
    }
  }

  const historyLine = (h: HistoryEntry) =>
    ('to' in h && h.to ? props.statusName(h.to) : h.type.replace('report.', '')) +
    ('note' in h && h.note ? ` — ${h.note}` : '');
  const items = () => timeline(props.history, thread()?.messages ?? []);
  const authorName = (m: ChatMessage) => {
    if (!m.author) return t().chatCitizen;
    const role = ROLE_NAMES[m.author.role][props.lang()];
    return m.author.name ? `${m.author.name} (${role})` : role;
  };

  return (
    <>
      <ol class="history" data-testid="history">
        <For each={items()}>
          {(item) => (
            <Switch>
              <Match when={item.kind === 'event' && item.entry}>
                {(h) => (
                  <li>
                    <time>{formatDateTime(h().at, props.lang())}</time> {historyLine(h())}
                  </li>
                )}
              </Match>
              <Match when={item.kind === 'chat' && item.message}>
                {(m) => (
                  <li class={`chat-message chat-${m().side}`} data-message={m().id} data-side={m().side}>
                    <div class="chat-head">
                      <strong>{authorName(m())}</strong> <time>{formatDateTime(m().at, props.lang())}</time>
                    </div>
                    <p class="chat-text">{m().text}</p>
                    <Show when={m().images.length > 0}>
                      <p class="chat-images">
                        <For each={m().images}>
                          {(url, i) => (
                            <a href={url} target="_blank" rel="noopener noreferrer">
                              {t().chatImage} {i() + 1}
                            </a>
                          )}
                        </For>
                      </p>
                    </Show>
                    <Show when={m().side === 'staff' && (thread()?.thread.read.citizen ?? 0) >= m().id}>
                      <small class="chat-seen" data-testid="chat-seen">
                        ✓ {t().chatSeen}
                      </small>
                    </Show>
                  </li>
                )}
              </Match>
            </Switch>
          )}
        </For>
      </ol>
      <form class="chat-reply" onSubmit={send} data-testid="chat-reply">
        <label for={`chat-draft-${props.reportId}`}>{t().chat}</label>
        <textarea
          id={`chat-draft-${props.reportId}`}
          rows={3}
          maxLength={CHAT_TEXT_MAX_CHARS}
          placeholder={t().chatReply}
          value={draft()}
          onInput={(e) => setDraft(e.currentTarget.value)}
        />
        <button type="submit" disabled={sending() || !draft().trim()}>
          {sending() ? t().chatSending : t().chatSend}
        </button>
        <Show when={error()}>{(e) => <p class="error">{e()}</p>}</Show>
      </form>
    </>
  );
}
