import { type Accessor, createMemo, For, Show } from 'solid-js';
import { type OfficeDay, type Seats, totalOf } from '../data/reception';
import type { Reception } from '../data/useReception';
import { fill } from '../i18n/fill';
import { formatNumber } from '../i18n/format';
import type { Lang, Messages } from '../i18n/messages';

/** Offices listed before "+N more": the panel stays compact. */
const PANEL_ROWS = 8;

/** "booked/capacity", with the attended and no-show of a day that has begun. */
function SeatsCell(props: { s: Seats; lang: Lang; t: Messages; marks?: boolean }) {
  return (
    <td class="num">
      <Show when={props.s.slots > 0} fallback="—">
        {formatNumber(props.s.booked, props.lang)}/{formatNumber(props.s.capacity, props.lang)}
        <Show when={props.marks && props.s.attended + props.s.noShow > 0}>
          <small title={`${props.t.reception.attended} / ${props.t.reception.noShow}`}>
            {' '}
            ✓{formatNumber(props.s.attended, props.lang)} ✗{formatNumber(props.s.noShow, props.lang)}
          </small>
        </Show>
      </Show>
    </td>
  );
}

/**
 * The desk's reception panel: per office in the viewer's scope (an area desk: that area's
 * offices), today's and this week's seats booked of those offered, with attendance once marked.
 */
export function ReceptionPanel(props: {
  reception: Reception;
  offices?: ReadonlySet<string>;
  officeName: (code: string) => string;
  lang: Accessor<Lang>;
  t: Accessor<Messages>;
}) {
  const rows = createMemo(() => props.reception.byOffice(props.offices)());
  const total = (which: 'today' | 'week') => totalOf(rows(), which);
  return (
    <section class="reception-panel" data-testid="reception-panel">
      <h2>{props.t().reception.title}</h2>
      <Show
        when={rows().length > 0}
        fallback={<p class="muted">{props.reception.loaded() ? props.t().reception.none : props.t().loading}</p>}
      >
        <table class="reception">
          <thead>
            <tr>
              <th>{props.t().reception.office}</th>
              <th class="num">{props.t().reception.today}</th>
              <th class="num">{props.t().reception.week}</th>
            </tr>
          </thead>
          <tbody>
            <tr class="total" data-testid="reception-total">
              <td>{props.t().reception.total}</td>
              <SeatsCell s={total('today')} lang={props.lang()} t={props.t()} marks />
              <SeatsCell s={total('week')} lang={props.lang()} t={props.t()} />
            </tr>
            <For each={rows().slice(0, PANEL_ROWS)}>
              {(r: OfficeDay) => (
                <tr data-office={r.code}>
                  <td>{props.officeName(r.code)}</td>
                  <SeatsCell s={r.today} lang={props.lang()} t={props.t()} marks />
                  <SeatsCell s={r.week} lang={props.lang()} t={props.t()} />
                </tr>
              )}
            </For>
          </tbody>
        </table>
        <p class="muted legend">{props.t().reception.legend}</p>
        <Show when={rows().length > PANEL_ROWS}>
          <p class="muted">
            {fill(props.t().reception.more, { n: formatNumber(rows().length - PANEL_ROWS, props.lang()) })}
          </p>
        </Show>
      </Show>
    </section>
  );
}
