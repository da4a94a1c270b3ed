import { type Accessor, Show } from 'solid-js';
import type { FeedStatus } from '../data/liveFeed';
import { formatTime } from '../i18n/format';
import type { Lang, Messages } from '../i18n/messages';

/** Red banner when the feed has been silent past the watchdog, with the time of the last sign of life. */
export function StaleBanner(props: { feed: Accessor<FeedStatus>; lang: Accessor<Lang>; t: Accessor<Messages> }) {
  return (
    <Show when={props.feed().stale}>
      <div class="stale-banner" role="alert" data-testid="stale-banner">
        {props.t().staleFeed} {formatTime(new Date(props.feed().lastSeenMs), props.lang())} — {props.t().reconnecting}
      </div>
    </Show>
  );
}

export function LiveDot(props: { feed: Accessor<FeedStatus>; t: Accessor<Messages> }) {
  return (
    <span class={`live-dot ${props.feed().connected && !props.feed().stale ? 'on' : 'off'}`} data-testid="live-dot">
      ● {props.t().live}
    </span>
  );
}
