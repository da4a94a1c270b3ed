import { type Accessor, createSignal, Show } from 'solid-js';
import { CHAT_TEXT_MAX_CHARS } from '../../../core/chat';
import type { Messages } from '../i18n/messages';

/**
 * The staff's reply box under a conversation: the draft, sent once at a time, cleared when the
 * server has taken it, kept (with the server's reason) when it has not.
 */
export function ChatReplyBox(props: {
  /** The textarea's id, unique on the page (the drawer and the chats panel may both show one). */
  id: string;
  send: (text: string) => Promise<void>;
  /** Why the conversation could not be loaded, if so: said where a reply would go. */
  loadError?: Accessor<string | null>;
  t: Accessor<Messages>;
}) {
  const t = props.t;
  const [draft, setDraft] = createSignal('');
  const [sending, setSending] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);

  async function submit(ev: Event) {
    ev.preventDefault();
    const text = draft().trim();
    if (!text || sending()) return;
    setSending(true);
    setError(null);
    try {
      await props.send(text);
      setDraft('');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSending(false);
    }
  }

  return (
    <form class="chat-reply" onSubmit={submit} data-testid="chat-reply">
      <label for={props.id}>{t().chat}</label>
      <textarea
        id={props.id}
        rows={3}
        maxLength={CHAT_TEXT_MAX_CHARS}
        placeholder={t().chatReply}
        value={draft()}
        onInput={(e) => setDraft(e.currentTarget.value)}
      />
      <button type="submit" disabled={sending() || !draft().trim()}>
        {sending() ? t().chatSending : t().chatSend}
      </button>
      <Show when={error() ?? props.loadError?.()}>{(e) => <p class="error">{e()}</p>}</Show>
    </form>
  );
}
