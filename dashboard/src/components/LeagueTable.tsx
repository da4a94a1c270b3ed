import { type Accessor, createMemo, createSignal, Index, Show } from 'solid-js';
import { perTenThousand, type SortKey, sortAreas, trendOf } from '../data/kpis';
import type { AreaCount } from '../../../api/wire';
import { formatNumber } from '../i18n/format';
import type { Lang, Messages } from '../i18n/messages';
import { Sparkline } from '../charts/Sparkline';

/** Per-area backlog table: sortable, with a received sparkline and a trend arrow per row. */
export function LeagueTable(props: {
  rows: Accessor<AreaCount[]>;
  sparks: Accessor<Map<string, number[]>>;
  lang: Accessor<Lang>;
  t: Accessor<Messages>;
  onSelect?: (code: string) => void;
  limit?: number;
  selected?: Accessor<string | null>;
  /** Areas flagged as backlog hotspots: marked in the table. */
  flagged?: Accessor<ReadonlySet<string>>;
}) {
  const [key, setKey] = createSignal<SortKey>('rate');
  const [desc, setDesc] = createSignal(true);
  const sorted = createMemo(() => {
    const rows = sortAreas(props.rows(), key(), desc(), props.lang());
    return props.limit ? rows.slice(0, props.limit) : rows;
  });
  const sortBy = (k: SortKey) => {
    if (key() === k) setDesc(!desc());
    else {
      setKey(k);
      setDesc(k !== 'name');
    }
  };
  const header = (k: SortKey, label: () => string) => (
    <th
      scope="col"
      class={key() === k ? (desc() ? 'sorted desc' : 'sorted asc') : ''}
      onClick={() => sortBy(k)}
      aria-sort={key() === k ? (desc() ? 'descending' : 'ascending') : 'none'}
    >
      {label()}
    </th>
  );
  const arrow = (code: string) => {
    const t = trendOf(props.sparks().get(code) ?? []);
    return t > 0 ? '▲' : t < 0 ? '▼' : '▬';
  };
  return (
    <table class="league" data-testid="league-table">
      <thead>
        <tr>
          {header('name', () => props.t().area)}
          {header('received', () => props.t().received)}
          {header('open', () => props.t().open)}
          {header('rate', () => props.t().perTenThousand)}
          {header('overdue', () => props.t().overdue)}
          {header('age', () => props.t().medianAge)}
          <th scope="col">{props.t().trend}</th>
        </tr>
      </thead>
      <tbody>
        {/* Index, not For: rows are new objects on every update; reusing the row DOM by position
            only rewrites the cells whose text changed. */}
        <Index each={sorted()}>
          {(row) => (
            <tr
              classList={{ selected: props.selected?.() === row().code }}
              onClick={() => props.onSelect?.(row().code)}
              data-area={row().code}
            >
              <td class="name">
                {props.flagged?.().has(row().code) ? (
                  <span class="flag" title={props.t().needsAttention}>
                    ⚑{' '}
                  </span>
                ) : null}
                {props.lang() === 'vi' ? row().nameVi : row().nameEn}
              </td>
              <td class="num">{formatNumber(row().received, props.lang())}</td>
              <td class="num">{formatNumber(row().open, props.lang())}</td>
              <td class="num">
                <Show when={perTenThousand(row().open, row().population) !== null} fallback="—">
                  {formatNumber(perTenThousand(row().open, row().population)!, props.lang(), 1)}
                </Show>
              </td>
              <td class="num bad">{formatNumber(row().overdue, props.lang())}</td>
              <td class="num">
                {row().medianOpenAgeHours === null ? '—' : formatNumber(row().medianOpenAgeHours!, props.lang(), 0)}
              </td>
              <td class="trend">
                <Sparkline values={props.sparks().get(row().code) ?? []} />
                <span class={`arrow t${trendOf(props.sparks().get(row().code) ?? [])}`}>{arrow(row().code)}</span>
              </td>
            </tr>
          )}
        </Index>
      </tbody>
    </table>
  );
}
