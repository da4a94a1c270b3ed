import type { Accessor } from 'solid-js';
import type { WallKpisResponse } from '../../../api/wire';
import { formatNumber, formatPercent } from '../i18n/format';
import type { Lang, Messages } from '../i18n/messages';
import './alerts.css';

/**
 * The wall's figures, each over the span that gives it meaning (GET /api/kpis/wall): today's flow,
 * the backlog now, and the last 30 days' on-time and satisfaction shares — never a "handled %" of
 * a 24-hour window, which reads as a few percent at noon because reports take days.
 */
export function WallKpis(props: {
  kpis: Accessor<WallKpisResponse | null>;
  lang: Accessor<Lang>;
  t: Accessor<Messages>;
}) {
  const k = props.kpis;
  const n = (v: number | undefined) => (v === undefined ? '—' : formatNumber(v, props.lang()));
  const pct = (v: number | null | undefined) =>
    v === null || v === undefined ? '—' : formatPercent(v / 100, props.lang());
  const card = (id: string, label: () => string, value: () => string, sub?: () => string, tone = '') => (
    <div class={`kpi ${tone}`} data-kpi={id}>
      <div class="kpi-label">{label()}</div>
      <div class="kpi-value" data-testid={`wall-kpi-${id}`}>
        {value()}
      </div>
      {sub && <div class="kpi-sub">{sub()}</div>}
    </div>
  );
  return (
    <div class="kpis kpis-big wall-kpis" data-testid="wall-kpis">
      {card(
        'received-today',
        () => props.t().wallReceivedToday,
        () => n(k()?.today.received),
      )}
      {card(
        'resolved-today',
        () => props.t().wallResolvedToday,
        () => n(k()?.today.resolved),
        undefined,
        'good',
      )}
      {card(
        'open',
        () => props.t().wallOpenNow,
        () => n(k()?.backlog.open),
      )}
      {card(
        'overdue',
        () => props.t().wallOverdueNow,
        () => n(k()?.backlog.overdue),
        () => `${pct(k()?.backlog.overduePct)} ${props.t().wallOfOpen}`,
        'bad',
      )}
      {card(
        'on-time',
        () => props.t().wallOnTime30d,
        () => pct(k()?.last30Days.onTimePct),
        () => `${n(k()?.last30Days.judged)} ${props.t().wallResolutions}`,
        'good',
      )}
      {card(
        'satisfied',
        () => props.t().wallSatisfied30d,
        () => pct(k()?.last30Days.satisfactionPct),
        () => `${n(k()?.last30Days.rated)} ${props.t().wallRatings}`,
      )}
    </div>
  );
}
