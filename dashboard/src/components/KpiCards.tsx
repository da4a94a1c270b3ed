import type { Accessor } from 'solid-js';
import { kpiShares } from '../data/kpis';
import type { KpiCounts } from '../data/kpis';
import { formatNumber, formatPercent } from '../i18n/format';
import type { Lang, Messages } from '../i18n/messages';

export function KpiCards(props: {
  kpis: Accessor<KpiCounts>;
  lang: Accessor<Lang>;
  t: Accessor<Messages>;
  big?: boolean;
}) {
  const shares = () => kpiShares(props.kpis());
  const card = (id: string, label: () => string, value: () => string, sub?: () => string, tone?: string) => (
    <div class={`kpi ${tone ?? ''}`} data-kpi={id}>
      <div class="kpi-label">{label()}</div>
      <div class="kpi-value" data-testid={`kpi-${id}`}>
        {value()}
      </div>
      {sub && <div class="kpi-sub">{sub()}</div>}
    </div>
  );
  return (
    <div class={`kpis ${props.big ? 'kpis-big' : ''}`}>
      {card(
        'received',
        () => props.t().received,
        () => formatNumber(props.kpis().received, props.lang()),
      )}
      {card(
        'handled',
        () => props.t().handled,
        () => formatPercent(shares().handled, props.lang()),
        () => formatNumber(props.kpis().handled, props.lang()),
        'good',
      )}
      {card(
        'in-progress',
        () => props.t().inProgress,
        () => formatPercent(shares().inProgress, props.lang()),
        () => formatNumber(props.kpis().inProgress, props.lang()),
      )}
      {card(
        'rejected',
        () => props.t().rejected,
        () => formatPercent(shares().rejected, props.lang()),
        () => formatNumber(props.kpis().rejected, props.lang()),
      )}
      {card(
        'overdue',
        () => props.t().overdue,
        () => formatNumber(props.kpis().overdue, props.lang()),
        () =>
          `${formatPercent(shares().overdue, props.lang())} / ${props.t().open.toLowerCase()} ${formatNumber(props.kpis().open, props.lang())}`,
        'bad',
      )}
    </div>
  );
}
