import { type Accessor, createMemo, createSignal, For, onCleanup, Show } from 'solid-js';
import { totalOf } from '../data/reception';
import type { Reception } from '../data/useReception';
import { fill } from '../i18n/fill';
import { formatNumber } from '../i18n/format';
import type { Lang, Messages } from '../i18n/messages';

/** Sessions the wall lists: the next ones still to come (or under way). */
const WALL_SESSIONS = 3;
/** A session leaves the list when it ends: looked at this often. */
const CLOCK_TICK_MS = 30_000;

/** The wall's block: today's reception across the city, and the next sessions. */
export function ReceptionToday(props: {
  reception: Reception;
  officeName: (code: string) => string;
  lang: Accessor<Lang>;
  t: Accessor<Messages>;
}) {
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), CLOCK_TICK_MS);
  onCleanup(() => clearInterval(timer));
  const total = createMemo(() => totalOf(props.reception.byOffice()(), 'today'));
  const next = createMemo(() =>
    props.reception
      .todaySlots()()
      .filter((s) => Date.parse(s.endsAt) > now())
      .slice(0, WALL_SESSIONS),
  );
  const n = (x: number) => formatNumber(x, props.lang());
  return (
    <section class="reception-today" data-testid="reception-today">
      <h2>{props.t().reception.wallTitle}</h2>
      <Show when={total().slots > 0} fallback={<p class="muted">{props.t().reception.noneToday}</p>}>
        <p class="reception-figures">
          <strong>
            {fill(props.t().reception.seats, { booked: n(total().booked), capacity: n(total().capacity) })}
          </strong>
          {' · '}
          {fill(props.t().reception.sessions, { n: n(total().slots) })}
          {' · '}
          {props.t().reception.attended} {n(total().attended)} · {props.t().reception.noShow} {n(total().noShow)}
        </p>
        <ol class="reception-next">
          <For each={next()}>
            {(s) => (
              <li>
                <time>{s.start}</time>
                <span class="name">{props.officeName(s.office.code)}</span>
                <span class="num">
                  {n(s.booked)}/{n(s.capacity)}
                </span>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </section>
  );
}
