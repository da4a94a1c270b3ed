import { type Accessor, For, Show } from 'solid-js';
import type { ChatMessage } from '../../../core/chat';
import { ROLE_NAMES } from '../../../core/roles';
import { formatDateTime } from '../i18n/format';
import type { Lang, Messages } from '../i18n/messages';

/**
 * One message of a conversation as staff read it: who wrote it (a colleague by name and role, or
 * the citizen), when, its text and image links, and on a staff message whether the citizen has seen it.
 * A list item: the report drawer weaves it into the report's history, the chats panel lists a thread's.
 */
export function ChatMessageLine(props: {
  message: ChatMessage;
  seen: boolean;
  lang: Accessor<Lang>;
  t: Accessor<Messages>;
}) {
  const m = () => props.message;
  const authorName = () => {
    const author = m().author;
    if (!author) return props.t().chatCitizen;
    const role = ROLE_NAMES[author.role][props.lang()];
    return author.name ? `${author.name} (${role})` : role;
  };
  return (
    <li class={`chat-message chat-${m().side}`} data-message={m().id} data-side={m().side}>
      <div class="chat-head">
        <strong>{authorName()}</strong> <time>{formatDateTime(m().at, props.lang())}</time>
      </div>
      <p class="chat-text">{m().text}</p>
      <Show when={m().images.length > 0}>
        <p class="chat-images">
          <For each={m().images}>
            {(url, i) => (
              <a href={url} target="_blank" rel="noopener noreferrer">
                {props.t().chatImage} {i() + 1}
              </a>
            )}
          </For>
        </p>
      </Show>
      <Show when={props.seen}>
        <small class="chat-seen" data-testid="chat-seen">
          ✓ {props.t().chatSeen}
        </small>
      </Show>
    </li>
  );
}
