import { type Accessor, Show } from 'solid-js';
import { ALERT_KIND_NAMES, ALERT_SEVERITY_NAMES, type AlertSummary } from '../../../core/alerts';
import { formatDateTime } from '../i18n/format';
import type { Lang, Messages } from '../i18n/messages';
import './alerts.css';

/** The wall's banner: the most severe alert in force (core/alerts.ts mostSevere), readable across the room. */
export function AlertBanner(props: {
  alert: Accessor<AlertSummary | null>;
  lang: Accessor<Lang>;
  t: Accessor<Messages>;
}) {
  return (
    <Show when={props.alert()}>
      {(a) => (
        <div class={`alert-banner sev-${a().severity}`} role="alert" data-testid="alert-banner" data-alert-id={a().id}>
          <span class="sev">
            {ALERT_SEVERITY_NAMES[a().severity][props.lang()]} · {ALERT_KIND_NAMES[a().kind][props.lang()]}
          </span>
          <span>
            <span class="title">{props.lang() === 'vi' ? a().titleVi : a().titleEn}</span>
            <span class="body"> — {props.lang() === 'vi' ? a().bodyVi : a().bodyEn}</span>
          </span>
          <span class="until">
            {props.t().alertUntil} {formatDateTime(a().expiresAt, props.lang())}
          </span>
        </div>
      )}
    </Show>
  );
}
