import { type Accessor, For, Show } from 'solid-js';
import { INITIATIVE_STATUS_NAMES, TOPIC_NAMES } from '../../../core/initiatives';
import { answerText, placeName } from '../data/initiatives';
import type { PublicInitiatives as Initiatives } from '../data/useInitiatives';
import { formatDateTime, formatNumber } from '../i18n/format';
import type { Lang, Messages } from '../i18n/messages';
import './initiatives.css';

/**
 * The public page's published initiatives, newest first: the scrubbed title and text an operator
 * published, the place, the supports and the city's latest answer. Nothing unpublished reaches here.
 */
export function PublicInitiatives(props: { initiatives: Initiatives; lang: Accessor<Lang>; t: Accessor<Messages> }) {
  const t = () => props.t().initiatives;
  const lang = props.lang;
  return (
    <>
      <h2>{t().publicTitle}</h2>
      <ul class="initiative-list public" data-testid="public-initiatives">
        <For each={props.initiatives.items()} fallback={<li class="meta">{t().none}</li>}>
          {(i) => {
            const last = i.answers.at(-1);
            return (
              <li data-initiative={i.publicId} class={`status-${i.status}`}>
                <div class="meta">
                  {TOPIC_NAMES[i.topic][lang()]} · {placeName(i.areas, lang()) ?? t().cityWide} ·{' '}
                  {formatDateTime(i.publishedAt ?? i.createdAt, lang())}
                </div>
                <div class="title">{i.title}</div>
                <div class="text">{i.text}</div>
                <div class="badges">
                  <span class={`badge status-${i.status}`}>{INITIATIVE_STATUS_NAMES[i.status][lang()]}</span>
                  <span class="badge">
                    {formatNumber(i.supportCount, lang())} {t().supports}
                  </span>
                </div>
                <Show when={last}>
                  {(a) => (
                    <p class="initiative-reply">
                      <strong>{t().cityAnswer}:</strong> {answerText(a().answer, lang())}
                    </p>
                  )}
                </Show>
              </li>
            );
          }}
        </For>
      </ul>
    </>
  );
}
