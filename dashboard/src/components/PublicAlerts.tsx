import { type Accessor, For } from 'solid-js';
import { ALERT_KIND_NAMES, ALERT_SEVERITY_NAMES } from '../../../core/alerts';
import type { Alerts } from '../data/useAlerts';
import { formatDateTime } from '../i18n/format';
import type { Lang, Messages } from '../i18n/messages';
import './alerts.css';

/** The public page's alerts in force (most severe first) and the city's news, newest first. */
export function PublicAlerts(props: { alerts: Alerts; lang: Accessor<Lang>; t: Accessor<Messages> }) {
  const t = props.t;
  const vi = () => props.lang() === 'vi';
  return (
    <>
      <h2>{t().alertsInForce}</h2>
      <ul class="alert-list" data-testid="public-alerts">
        <For each={props.alerts.inForce()} fallback={<li class="meta">{t().noAlerts}</li>}>
          {(a) => (
            <li class={`sev-${a.severity}`} data-alert-id={a.id}>
              <div class="meta">
                {ALERT_SEVERITY_NAMES[a.severity][props.lang()]} · {ALERT_KIND_NAMES[a.kind][props.lang()]} ·{' '}
                {t().alertUntil} {formatDateTime(a.expiresAt, props.lang())}
              </div>
              <div class="title">{vi() ? a.titleVi : a.titleEn}</div>
              <div class="text">{vi() ? a.bodyVi : a.bodyEn}</div>
            </li>
          )}
        </For>
      </ul>
      <h2>{t().news}</h2>
      <ul class="news-list" data-testid="public-news">
        <For each={props.alerts.news()} fallback={<li class="meta">{t().noNews}</li>}>
          {(n) => (
            <li data-news-id={n.id}>
              <div class="meta">{formatDateTime(n.publishedAt, props.lang())}</div>
              <div class="title">{vi() ? n.titleVi : n.titleEn}</div>
              <div class="text">{vi() ? n.bodyVi : n.bodyEn}</div>
            </li>
          )}
        </For>
      </ul>
    </>
  );
}
