import { type Accessor, createSignal, Show } from 'solid-js';
import { CHAT_SUBJECT_MAX_CHARS, CHAT_TEXT_MAX_CHARS } from '../../../core/chat';
import type { OpenedChatResponse } from '../../../api/chat/wire';
import type { ChatThreads } from '../data/useChatThreads';
import type { Messages } from '../i18n/messages';

/**
 * An operator opens a general thread with a citizen who has filed nothing: a subject and a first
 * message. The server answers with the citizen's token, kept nowhere but on this screen until the
 * operator says it has been handed over: only its hash is stored, so it can never be shown again.
 */
export function NewConversation(props: { chats: ChatThreads; t: Accessor<Messages> }) {
  const t = () => props.t().chats;
  const [open, setOpen] = createSignal(false);
  const [subject, setSubject] = createSignal('');
  const [text, setText] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [opened, setOpened] = createSignal<OpenedChatResponse | null>(null);

  async function submit(e: Event) {
    e.preventDefault();
    if (busy()) return;
    setBusy(true);
    setError(null);
    try {
      setOpened(await props.chats.open(subject().trim(), text().trim()));
      setSubject('');
      setText('');
      setOpen(false);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="chat-new">
      <Show when={opened()}>
        {(o) => (
          <div class="chat-token" role="status" data-testid="chat-token" data-thread={o().thread.id ?? ''}>
            <strong>{t().tokenTitle}</strong> · {o().thread.subject}
            <code data-testid="chat-token-value">{o().citizenToken}</code>
            <p>{t().tokenExplain}</p>
            <button type="button" onClick={() => setOpened(null)}>
              {t().tokenDone}
            </button>
          </div>
        )}
      </Show>
      <Show
        when={open()}
        fallback={
          <button type="button" onClick={() => setOpen(true)} data-testid="chat-new-open">
            {t().newConversation}
          </button>
        }
      >
        <form class="chat-new-form" onSubmit={submit} data-testid="chat-new-form">
          <label>
            {t().subject}
            <input
              value={subject()}
              maxLength={CHAT_SUBJECT_MAX_CHARS}
              onInput={(e) => setSubject(e.currentTarget.value)}
              required
            />
          </label>
          <label>
            {t().firstMessage}
            <textarea
              rows={3}
              value={text()}
              maxLength={CHAT_TEXT_MAX_CHARS}
              onInput={(e) => setText(e.currentTarget.value)}
              required
            />
          </label>
          <div class="chat-new-actions">
            <button type="submit" disabled={busy() || !subject().trim() || !text().trim()}>
              {busy() ? t().opening : t().open}
            </button>
            <button type="button" onClick={() => setOpen(false)}>
              {t().cancel}
            </button>
          </div>
          <Show when={error()}>
            <p class="error" role="alert">
              {error()}
            </p>
          </Show>
        </form>
      </Show>
    </div>
  );
}
