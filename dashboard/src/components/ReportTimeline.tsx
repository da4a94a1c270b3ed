import { type Accessor, For, Match, Switch } from 'solid-js';
import type { HistoryEntry } from '../../../api/wire';
import { seenByCitizen, timeline } from '../data/chat';
import { type StreamSubscribe, useChatThread } from '../data/useChatThread';
import { formatDateTime } from '../i18n/format';
import type { Lang, Messages } from '../i18n/messages';
import { ChatMessageLine } from './ChatMessageLine';
import { ChatReplyBox } from './ChatReplyBox';

export type { StreamSubscribe };

/**
 * A report's history with its conversation woven in (the citizen chat), live, and the staff's reply box.
 * The thread is the report's (GET /api/reports/:id/chat), kept by the desk's stream and marked read
 * for the staff side as it shows (data/useChatThread.ts).
 */
export function ReportTimeline(props: {
  reportId: number;
  history: readonly HistoryEntry[];
  subscribe?: StreamSubscribe;
  statusName: (s: string) => string;
  lang: Accessor<Lang>;
  t: Accessor<Messages>;
}) {
  const chat = useChatThread(() => ({ reportId: props.reportId }), props.subscribe);
  const historyLine = (h: HistoryEntry) =>
    ('to' in h && h.to ? props.statusName(h.to) : h.type.replace('report.', '')) +
    ('note' in h && h.note ? ` — ${h.note}` : '');
  const items = () => timeline(props.history, chat.thread()?.messages ?? []);

  return (
    <>
      <ol class="history" data-testid="history">
        <For each={items()}>
          {(item) => (
            <Switch>
              <Match when={item.kind === 'event' && item.entry}>
                {(h) => (
                  <li>
                    <time>{formatDateTime(h().at, props.lang())}</time> {historyLine(h())}
                  </li>
                )}
              </Match>
              <Match when={item.kind === 'chat' && item.message}>
                {(m) => (
                  <ChatMessageLine
                    message={m()}
                    seen={seenByCitizen(chat.thread(), m())}
                    lang={props.lang}
                    t={props.t}
                  />
                )}
              </Match>
            </Switch>
          )}
        </For>
      </ol>
      <ChatReplyBox id={`chat-draft-${props.reportId}`} send={chat.send} loadError={chat.error} t={props.t} />
    </>
  );
}
