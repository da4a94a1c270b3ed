import { type Accessor, For, Show } from 'solid-js';
import type { PublicCountsMessage } from '../../../core/events';
import { windowSummary } from '../data/publicWindow';
import { fill } from '../i18n/fill';
import { formatNumber, formatTime } from '../i18n/format';
import type { Lang, Messages } from '../i18n/messages';

/**
 * The public page's statement of how late its figures are (the server's PUBLIC_DELAY_MIN, read
 * from the stream's window, never a number of the page's own) and the newest window's counts: no
 * report one by one, districts only as the server shows them.
 */
export function PublicWindow(props: {
  window: Accessor<PublicCountsMessage | null>;
  areaName: (code: string) => string;
  lang: Accessor<Lang>;
  t: Accessor<Messages>;
}) {
  const summary = () => {
    const w = props.window();
    return w ? windowSummary(w) : null;
  };
  return (
    <Show when={props.window()}>
      {(w) => (
        <section class="public-window" data-testid="public-window">
          <p class="public-delay" data-testid="public-delay">
            {fill(props.t().publicDelay, { n: String(w().delayMin) })}
          </p>
          <h3>
            {fill(props.t().publicWindow, {
              from: formatTime(w().since, props.lang()),
              to: formatTime(w().until, props.lang()),
            })}
          </h3>
          <p data-testid="public-window-counts">
            {props.t().received}: {formatNumber(summary()!.received, props.lang())} · {props.t().resolved}:{' '}
            {formatNumber(summary()!.resolved, props.lang())}
          </p>
          <ul class="public-window-top">
            <For each={summary()!.top}>
              {(d) => (
                <li>
                  {props.areaName(d.code)}: {formatNumber(d.received ?? 0, props.lang())}
                </li>
              )}
            </For>
          </ul>
          <p class="note">{props.t().publicWithheld}</p>
        </section>
      )}
    </Show>
  );
}
