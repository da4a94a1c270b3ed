/** The search box over the map: places by name, accent-insensitive on the server; a pick flies the map there. */
import './poi.css';
import { type Accessor, createSignal, For, onCleanup, Show } from 'solid-js';
import { POI_CATEGORIES, type PoiCategory } from '../../../core/poi';
import { fill } from '../i18n/fill';
import type { Lang, Messages } from '../i18n/messages';
import { searchPoi } from './poiApi';
import { type PoiDetail, poiCategoryName, poiKindName, poiTitle } from './poiView';

/** Typing pauses this long before a query goes out: one request per word, not per key. */
const TYPING_PAUSE_MS = 250;

export function PoiSearch(props: { lang: Accessor<Lang>; t: Accessor<Messages>; onPick: (p: PoiDetail) => void }) {
  const [text, setText] = createSignal('');
  const [category, setCategory] = createSignal<PoiCategory | null>(null);
  const [results, setResults] = createSignal<{ total: number; items: PoiDetail[] } | null>(null);
  const [open, setOpen] = createSignal(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: AbortController | undefined;
  onCleanup(() => {
    clearTimeout(timer);
    inFlight?.abort();
  });

  const run = () => {
    inFlight?.abort();
    const q = text().trim();
    if (!q) {
      setResults(null);
      return;
    }
    const controller = new AbortController();
    inFlight = controller;
    searchPoi(q, category(), controller.signal)
      .then((r) => {
        if (controller.signal.aborted) return;
        setResults({ total: r.total, items: r.items });
        setOpen(true);
      })
      // A query that folds to nothing ("!!!") is a 400: nothing to list.
      .catch(() => !controller.signal.aborted && setResults({ total: 0, items: [] }));
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(run, TYPING_PAUSE_MS);
  };
  const pick = (p: PoiDetail) => {
    setOpen(false);
    props.onPick(p);
  };

  return (
    <search class="poi-search" data-testid="poi-search">
      <div class="poi-search-row">
        <input
          type="search"
          aria-label={props.t().poiSearch}
          placeholder={props.t().poiSearchPlaceholder}
          value={text()}
          maxLength={100}
          onInput={(e) => {
            setText(e.currentTarget.value);
            schedule();
          }}
          onFocus={() => results() && setOpen(true)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setOpen(false);
            if (e.key === 'Enter') {
              const first = results()?.items[0];
              if (first) pick(first);
              else run();
            }
          }}
        />
        <select
          aria-label={props.t().poiKind}
          onChange={(e) => {
            const v = e.currentTarget.value;
            setCategory((POI_CATEGORIES as readonly string[]).includes(v) ? (v as PoiCategory) : null);
            run();
          }}
        >
          <option value="">{props.t().poiAllCategories}</option>
          <For each={POI_CATEGORIES}>{(c) => <option value={c}>{poiCategoryName(c, props.lang())}</option>}</For>
        </select>
      </div>
      <Show when={open() && results()}>
        {(r) => (
          <div class="poi-results">
            <Show when={r().items.length} fallback={<p class="poi-none">{props.t().poiNoResults}</p>}>
              <ul aria-label={props.t().poiSearch}>
                <For each={r().items}>
                  {(p) => (
                    <li>
                      <button type="button" onClick={() => pick(p)} data-poi-id={p.id}>
                        <span class={`poi-dot poi-${p.category}`} />
                        <span class="poi-result-name">{poiTitle(p, props.lang())}</span>
                        <small>{[poiKindName(p.kind, props.lang()), p.address].filter(Boolean).join(' · ')}</small>
                      </button>
                    </li>
                  )}
                </For>
              </ul>
              <p class="poi-count">
                {fill(props.t().poiResultCount, { shown: String(r().items.length), n: String(r().total) })}
              </p>
            </Show>
          </div>
        )}
      </Show>
    </search>
  );
}
