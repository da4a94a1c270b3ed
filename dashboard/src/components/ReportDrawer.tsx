import { type Accessor, createResource, For, Show } from 'solid-js';
import { getJson, query } from '../data/api';
import type { Category, ReportDetailResponse, ReportListResponse } from '../../../api/wire';
import { formatDateTime } from '../i18n/format';
import type { Lang, Messages } from '../i18n/messages';
import { ReportTimeline, type StreamSubscribe } from './ReportTimeline';

export type Selection =
  | { kind: 'cell'; cell: string }
  | { kind: 'area'; code: string }
  | { kind: 'report'; id: number }
  | null;

/** The reports in a clicked hex or area, and one report's detail with its history. */
export function ReportDrawer(props: {
  selection: Accessor<Selection>;
  select: (s: Selection) => void;
  since: Accessor<string>;
  scopeArea?: string;
  categories: Accessor<Map<string, Category>>;
  lang: Accessor<Lang>;
  t: Accessor<Messages>;
  /** The desk's stream, for the report's conversation to follow live. */
  subscribe?: StreamSubscribe;
}) {
  const t = props.t;
  const [list] = createResource(
    () => {
      const s = props.selection();
      return s && s.kind !== 'report' ? { s, since: props.since() } : null;
    },
    ({ s, since }) =>
      getJson<ReportListResponse>(
        '/api/reports' +
          query({
            limit: 100,
            since,
            cell: s.kind === 'cell' ? s.cell : undefined,
            area: s.kind === 'area' ? s.code : props.scopeArea,
          }),
      ).then((r) => r.items),
  );
  const [detail] = createResource(
    () => {
      const s = props.selection();
      return s?.kind === 'report' ? s.id : null;
    },
    (id) => getJson<ReportDetailResponse>(`/api/reports/${id}`),
  );
  const catName = (code: string) => {
    const c = props.categories().get(code);
    return c ? (props.lang() === 'vi' ? c.nameVi : c.nameEn) : code;
  };
  const statusName = (s: string) => (t().statuses as Record<string, string>)[s] ?? s;
  return (
    <Show when={props.selection()}>
      <aside class="drawer" data-testid="drawer">
        <button type="button" class="close" onClick={() => props.select(null)} aria-label={t().close}>
          ×
        </button>
        <Show when={props.selection()?.kind !== 'report'}>
          <h2>{t().reports}</h2>
          <Show when={!list.loading} fallback={<p>{t().loading}</p>}>
            <Show when={(list() ?? []).length > 0} fallback={<p>{t().noReports}</p>}>
              <ul class="report-list">
                <For each={list()}>
                  {(r) => (
                    <li onClick={() => props.select({ kind: 'report', id: r.id })} data-report={r.id}>
                      <strong>{r.title}</strong>
                      <small>
                        {r.publicId} · {catName(r.category)} · {statusName(r.status)} ·{' '}
                        {formatDateTime(r.createdAt, props.lang())}
                      </small>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </Show>
        </Show>
        <Show when={detail()}>
          {(d) => (
            <div class="detail" data-testid="report-detail">
              <h2>{d().title}</h2>
              <p class="meta">
                {d().publicId} · {statusName(d().status)} · {catName(d().category)}
              </p>
              <p>{d().description}</p>
              <dl>
                <dt>{t().createdAt}</dt>
                <dd>{formatDateTime(d().createdAt, props.lang())}</dd>
                <dt>{t().due}</dt>
                <dd>{d().dueAt ? formatDateTime(d().dueAt!, props.lang()) : '—'}</dd>
                <dt>{t().agency}</dt>
                <dd>
                  {props.categories().get(d().category)?.[props.lang() === 'vi' ? 'agencyVi' : 'agencyEn'] ??
                    d().agency}
                </dd>
                <dt>{t().area}</dt>
                <dd>
                  {[d().areas.commune, d().areas.district]
                    .filter((a) => a !== null)
                    .map((a) => ('nameVi' in a ? (props.lang() === 'vi' ? a.nameVi : a.nameEn) : a.code))
                    .join(', ')}
                </dd>
                <Show when={d().reporter}>
                  <dt>{t().reporter}</dt>
                  <dd>{[d().reporter!.name, d().reporter!.phone, d().reporter!.email].filter(Boolean).join(' · ')}</dd>
                </Show>
              </dl>
              <h3>{t().history}</h3>
              <ReportTimeline
                reportId={d().id}
                history={d().history}
                subscribe={props.subscribe}
                statusName={statusName}
                lang={props.lang}
                t={t}
              />
            </div>
          )}
        </Show>
      </aside>
    </Show>
  );
}
