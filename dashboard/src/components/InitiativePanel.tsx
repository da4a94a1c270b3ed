import { type Accessor, createSignal, For, Show } from 'solid-js';
import type { StaffInitiative } from '../../../api/initiatives/wire';
import type { AuthUser } from '../../../api/wire';
import {
  INITIATIVE_STATUS_NAMES,
  INITIATIVE_STATUSES,
  type InitiativeMoveTarget,
  TOPIC_NAMES,
} from '../../../core/initiatives';
import { answerText, mayAnswer, mayPublish, movesFrom, placeName } from '../data/initiatives';
import type { StaffInitiatives } from '../data/useInitiatives';
import { formatDateTime, formatNumber } from '../i18n/format';
import type { Lang, Messages } from '../i18n/messages';
import './initiatives.css';

/** One initiative's answer form: the moves its status allows, the answer in Vietnamese and optionally English. */
function AnswerForm(props: {
  item: StaffInitiative;
  initiatives: StaffInitiatives;
  lang: Accessor<Lang>;
  t: Accessor<Messages>;
}) {
  const moves = () => movesFrom(props.item.status);
  const [to, setTo] = createSignal<InitiativeMoveTarget | ''>('');
  const [vi, setVi] = createSignal('');
  const [en, setEn] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const target = () => to() || moves()[0];
  const submit = async (e: Event) => {
    e.preventDefault();
    const move = target();
    if (!move || !vi().trim()) return;
    setBusy(true);
    setError(null);
    try {
      await props.initiatives.move(props.item.publicId, move, {
        vi: vi().trim(),
        ...(en().trim() ? { en: en().trim() } : {}),
      });
      setVi('');
      setEn('');
      setTo('');
    } catch (err) {
      setError(err instanceof Error ? err.message : props.t().initiatives.failed);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Show when={moves().length > 0}>
      <form class="initiative-answer" onSubmit={submit} data-testid="initiative-answer">
        <label>
          {props.t().initiatives.moveTo}{' '}
          <select value={target()} onChange={(e) => setTo(e.currentTarget.value as InitiativeMoveTarget)}>
            <For each={moves()}>{(m) => <option value={m}>{INITIATIVE_STATUS_NAMES[m][props.lang()]}</option>}</For>
          </select>
        </label>
        <textarea
          placeholder={props.t().initiatives.answerVi}
          aria-label={props.t().initiatives.answerVi}
          value={vi()}
          onInput={(e) => setVi(e.currentTarget.value)}
          rows={2}
          required
        />
        <input
          placeholder={props.t().initiatives.answerEn}
          aria-label={props.t().initiatives.answerEn}
          value={en()}
          onInput={(e) => setEn(e.currentTarget.value)}
        />
        <button type="submit" disabled={busy() || !vi().trim()}>
          {props.t().initiatives.send}
        </button>
        <Show when={error()}>
          <p class="error" role="alert">
            {error()}
          </p>
        </Show>
      </form>
    </Show>
  );
}

/**
 * The desk's initiatives: the scope's figures (30 days), then the newest ideas with their status,
 * supports and answers; a chief or operator answers with a move, an operator publishes. The list
 * refreshes itself from the stream's initiative events.
 */
export function InitiativePanel(props: {
  initiatives: StaffInitiatives;
  user: AuthUser;
  status: Accessor<string>;
  setStatus: (s: string) => void;
  lang: Accessor<Lang>;
  t: Accessor<Messages>;
}) {
  const t = () => props.t().initiatives;
  const lang = props.lang;
  const [publishing, setPublishing] = createSignal<string | null>(null);
  const place = (i: StaffInitiative) => placeName(i.areas, lang()) ?? t().cityWide;
  return (
    <section class="initiative-panel" data-testid="initiative-panel">
      <h2>{t().title}</h2>
      <Show when={props.initiatives.kpis()}>
        {(k) => (
          <dl class="initiative-kpis" data-testid="initiative-kpis">
            <div>
              <dt>{t().submitted}</dt>
              <dd>{formatNumber(k().submitted, lang())}</dd>
            </div>
            <div>
              <dt>{t().answered}</dt>
              <dd>{formatNumber(k().answered, lang())}</dd>
            </div>
            <div>
              <dt>{t().implemented}</dt>
              <dd>{formatNumber(k().implemented, lang())}</dd>
            </div>
            <div>
              <dt>{t().awaiting}</dt>
              <dd>{formatNumber(k().awaitingAnswer, lang())}</dd>
            </div>
            <div>
              <dt>{t().medianToAnswer}</dt>
              <dd>
                {k().medianHoursToAnswer === null
                  ? '—'
                  : `${formatNumber(k().medianHoursToAnswer!, lang(), 1)} ${t().hours}`}
              </dd>
            </div>
            <p class="meta">{t().last30d}</p>
          </dl>
        )}
      </Show>
      <label class="initiative-filter">
        <select
          value={props.status()}
          onChange={(e) => props.setStatus(e.currentTarget.value)}
          data-testid="initiative-status"
        >
          <option value="">{t().allStatuses}</option>
          <For each={INITIATIVE_STATUSES}>{(s) => <option value={s}>{INITIATIVE_STATUS_NAMES[s][lang()]}</option>}</For>
        </select>
      </label>
      <Show when={props.initiatives.error()}>
        <p class="error" role="alert">
          {props.initiatives.error()}
        </p>
      </Show>
      <ul class="initiative-list">
        <For
          each={props.initiatives.items()}
          fallback={<li class="meta">{props.initiatives.loaded() ? t().none : props.t().loading}</li>}
        >
          {(i) => (
            <li data-initiative={i.publicId} class={`status-${i.status}`}>
              <div class="meta">
                {i.publicId} · {TOPIC_NAMES[i.topic][lang()]} · {place(i)} · {formatDateTime(i.createdAt, lang())}
              </div>
              <div class="title">{i.title}</div>
              <div class="text">{i.text}</div>
              <div class="badges">
                <span class={`badge status-${i.status}`} data-testid="initiative-status-badge">
                  {INITIATIVE_STATUS_NAMES[i.status][lang()]}
                </span>
                <span class="badge">
                  {formatNumber(i.supportCount, lang())} {t().supports}
                </span>
                <span class={`badge ${i.publishedAt ? 'published' : 'unpublished'}`}>
                  {i.publishedAt ? t().published : t().unpublished}
                </span>
                <Show when={!i.publishedAt && mayPublish(props.user.role)}>
                  <button
                    type="button"
                    data-testid="initiative-publish"
                    disabled={publishing() === i.publicId}
                    onClick={async () => {
                      setPublishing(i.publicId);
                      try {
                        await props.initiatives.publish(i.publicId);
                      } finally {
                        setPublishing(null);
                      }
                    }}
                  >
                    {t().publish}
                  </button>
                </Show>
              </div>
              <Show when={i.answers.length > 0}>
                <ol class="initiative-answers">
                  <For each={i.answers}>
                    {(a) => (
                      <li>
                        <span class="meta">
                          {formatDateTime(a.at, lang())} · {INITIATIVE_STATUS_NAMES[a.to][lang()]}
                        </span>{' '}
                        {answerText(a.answer, lang())}
                      </li>
                    )}
                  </For>
                </ol>
              </Show>
              <Show when={mayAnswer(props.user.role)}>
                <AnswerForm item={i} initiatives={props.initiatives} lang={lang} t={props.t} />
              </Show>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}
