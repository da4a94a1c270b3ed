import { type Accessor, createSignal, For, onCleanup } from 'solid-js';
import type { TickerItem } from '../data/model';
import type { Category } from '../../../api/wire';
import { formatAge, formatTime } from '../i18n/format';
import type { Lang, Messages } from '../i18n/messages';

/** The newest reports and the newly overdue, newest first. */
export function Ticker(props: {
  items: Accessor<TickerItem[]>;
  categories: Accessor<Map<string, Category>>;
  areaName: (code: string | null) => string;
  lang: Accessor<Lang>;
  t: Accessor<Messages>;
  onSelect?: (reportId: number) => void;
  limit?: number;
  showTitles?: boolean;
}) {
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), 15_000);
  onCleanup(() => clearInterval(timer));
  const category = (code: string) => {
    const c = props.categories().get(code);
    return c ? (props.lang() === 'vi' ? c.nameVi : c.nameEn) : code;
  };
  return (
    <ol class="ticker" data-testid="ticker" aria-live="polite">
      <For each={props.items().slice(0, props.limit ?? 40)}>
        {(item) => (
          <li
            class={`tick ${item.kind}`}
            data-report={item.report.id ?? ''}
            onClick={() => item.report.id && props.onSelect?.(item.report.id)}
          >
            <span class="tick-kind">{item.kind === 'new' ? props.t().newReport : props.t().newlyOverdue}</span>
            <span class="tick-main">
              {props.showTitles !== false && item.report.title ? item.report.title : category(item.report.category)}
              <small>
                {category(item.report.category)} · {props.areaName(item.report.communeCode ?? item.report.districtCode)}
              </small>
            </span>
            <time title={formatTime(new Date(item.at), props.lang())}>{formatAge(item.at, now(), props.lang())}</time>
          </li>
        )}
      </For>
    </ol>
  );
}
