import type { Polygon } from 'geojson';
import { type Accessor, createMemo, createSignal, For, Show } from 'solid-js';
import type { AuthUser } from '../../../api/wire';
import {
  ALERT_KIND_NAMES,
  ALERT_KINDS,
  ALERT_SEVERITIES,
  ALERT_SEVERITY_NAMES,
  type AlertKind,
  type AlertSeverity,
  type AlertSummary,
} from '../../../core/alerts';
import { areaCodesOf } from '../../../core/areaScope';
import { type AlertDraft, type AlertPlaceDraft, publishAlert, withdrawAlert } from '../data/alertActions';
import { useScopeShapes } from '../data/useScopeShapes';
import type { Alerts } from '../data/useAlerts';
import { formatDateTime } from '../i18n/format';
import type { Lang, Messages } from '../i18n/messages';
import { SEVERITY_COLOURS } from '../map/alertLayer';
import type { MapCapture } from '../map/mapCapture';
import type { City } from '../views/city';
import './alerts.css';
import { PolygonDraw } from './PolygonDraw';

/** Who may publish (the server says the same: api/routes/alerts.ts). */
const PUBLISHERS: ReadonlySet<string> = new Set(['admin', 'operator', 'chief']);
const DEFAULT_HOURS = 6;

/**
 * The desk's alert panel: the active alerts (in force or starting later), a withdraw button where
 * the server says the viewer may, and a form to publish one over an area or over a polygon drawn
 * on the desk's map (PolygonDraw, through `capture`) — a chief's only inside its own area.
 */
export function AlertPanel(props: {
  alerts: Alerts;
  user: AuthUser;
  areas: City['areas'];
  /** The desk map's clicks, for drawing a polygon. */
  capture: MapCapture;
  lang: Accessor<Lang>;
  t: Accessor<Messages>;
}) {
  const t = props.t;
  const name = (x: { nameVi: string; nameEn: string }) => (props.lang() === 'vi' ? x.nameVi : x.nameEn);
  const canPublish = PUBLISHERS.has(props.user.role);
  // A chief's area with its units (core/areaScope.ts): the areas it may choose, where it may draw.
  const ownCodes =
    props.user.role === 'chief' && props.user.areaCode ? areaCodesOf(props.user.areaCode, props.areas) : null;
  const areaChoices = createMemo(() => {
    const own = ownCodes ? new Set(ownCodes) : null;
    return props.areas
      .filter((a) => !own || own.has(a.code))
      .sort((a, b) => (a.level === b.level ? a.code.localeCompare(b.code) : a.level === 'district' ? -1 : 1));
  });
  const [open, setOpen] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [draft, setDraft] = createSignal<AlertDraft>({
    kind: 'flood',
    severity: 'warning',
    titleVi: '',
    titleEn: '',
    bodyVi: '',
    bodyEn: '',
    hours: DEFAULT_HOURS,
  });
  const set = (patch: Partial<AlertDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const [placeMode, setPlaceMode] = createSignal<'area' | 'draw'>('area');
  const [area, setArea] = createSignal(props.user.role === 'chief' && props.user.areaCode ? props.user.areaCode : '');
  const [polygon, setPolygon] = createSignal<Polygon | null>(null);
  const scope = useScopeShapes(
    () => (placeMode() === 'draw' ? ownCodes : null),
    (code) => props.areas.find((a) => a.code === code)?.level,
  );
  const place = (): AlertPlaceDraft | null => {
    if (placeMode() === 'area') return { area: area() };
    const p = polygon();
    return p ? { geometry: p } : null;
  };
  const now = () => Date.now();

  async function submit(e: Event) {
    e.preventDefault();
    setError(null);
    const where = place();
    if (!where) {
      setError(t().drawRequired);
      return;
    }
    setBusy(true);
    try {
      await publishAlert(draft(), where);
      set({ titleVi: '', titleEn: '', bodyVi: '', bodyEn: '' });
      setPolygon(null);
      setPlaceMode('area');
      setOpen(false);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  async function withdraw(a: AlertSummary) {
    setError(null);
    try {
      await withdrawAlert(a.id);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }

  const line = (label: string, key: 'titleVi' | 'titleEn') => (
    <label>
      {label}
      <input
        required
        minLength={3}
        value={draft()[key]}
        onInput={(e) => set({ [key]: e.currentTarget.value })}
        data-testid={`alert-${key}`}
      />
    </label>
  );
  const para = (label: string, key: 'bodyVi' | 'bodyEn') => (
    <label class="wide">
      {label}
      <textarea
        rows={2}
        required
        value={draft()[key]}
        onInput={(e) => set({ [key]: e.currentTarget.value })}
        data-testid={`alert-${key}`}
      />
    </label>
  );

  return (
    <section class="alert-panel" data-testid="alert-panel">
      <h2>
        {t().alerts}
        <Show when={canPublish}>
          {' '}
          <button type="button" onClick={() => setOpen(!open())} data-testid="alert-new">
            {t().publishAlert}
          </button>
        </Show>
      </h2>
      <Show when={open()}>
        <form class="alert-form" onSubmit={submit} data-testid="alert-form">
          <label>
            {t().alertKind}
            <select
              value={draft().kind}
              onChange={(e) => set({ kind: e.currentTarget.value as AlertKind })}
              data-testid="alert-kind"
            >
              <For each={ALERT_KINDS}>{(k) => <option value={k}>{ALERT_KIND_NAMES[k][props.lang()]}</option>}</For>
            </select>
          </label>
          <label>
            {t().alertSeverity}
            <select
              value={draft().severity}
              onChange={(e) => set({ severity: e.currentTarget.value as AlertSeverity })}
              data-testid="alert-severity"
            >
              <For each={ALERT_SEVERITIES}>
                {(s) => <option value={s}>{ALERT_SEVERITY_NAMES[s][props.lang()]}</option>}
              </For>
            </select>
          </label>
          <fieldset class="wide place-mode" data-testid="alert-place-mode">
            <label>
              <input
                type="radio"
                name="alert-place"
                checked={placeMode() === 'area'}
                onChange={() => setPlaceMode('area')}
                data-testid="alert-place-area"
              />
              {t().alertArea}
            </label>
            <label>
              <input
                type="radio"
                name="alert-place"
                checked={placeMode() === 'draw'}
                onChange={() => setPlaceMode('draw')}
                data-testid="alert-place-draw"
              />
              {t().alertPlaceDraw}
            </label>
          </fieldset>
          <Show
            when={placeMode() === 'draw'}
            fallback={
              <label>
                {t().alertArea}
                <select
                  required
                  value={area()}
                  onChange={(e) => setArea(e.currentTarget.value)}
                  data-testid="alert-area"
                >
                  <option value="" />
                  <For each={areaChoices()}>
                    {(a) => (
                      <option value={a.code}>
                        {a.code} · {name(a)}
                      </option>
                    )}
                  </For>
                </select>
              </label>
            }
          >
            <div class="wide">
              <PolygonDraw
                capture={props.capture}
                colour={() => SEVERITY_COLOURS[draft().severity]}
                scope={scope}
                onPolygon={setPolygon}
                t={t}
              />
            </div>
          </Show>
          <label>
            {t().alertHours}
            <input
              type="number"
              min={1}
              max={24 * 31}
              value={draft().hours}
              onInput={(e) => set({ hours: Number(e.currentTarget.value) || DEFAULT_HOURS })}
              data-testid="alert-hours"
            />
          </label>
          {line(t().alertTitleVi, 'titleVi')}
          {line(t().alertTitleEn, 'titleEn')}
          {para(t().alertBodyVi, 'bodyVi')}
          {para(t().alertBodyEn, 'bodyEn')}
          <div class="actions">
            <button type="submit" disabled={busy()} data-testid="alert-submit">
              {t().publish}
            </button>
          </div>
        </form>
      </Show>
      <Show when={error()}>
        <div class="error" role="alert" data-testid="alert-error">
          {error()}
        </div>
      </Show>
      <ul class="alert-list" data-testid="alert-list">
        <For each={props.alerts.active()} fallback={<li class="meta">{t().noAlerts}</li>}>
          {(a) => (
            <li class={`sev-${a.severity}`} data-alert-id={a.id}>
              <Show when={props.alerts.editable(a.id)}>
                <button type="button" onClick={() => withdraw(a)} data-testid={`alert-withdraw-${a.id}`}>
                  {t().withdraw}
                </button>
              </Show>
              <div class="meta">
                {ALERT_SEVERITY_NAMES[a.severity][props.lang()]} · {ALERT_KIND_NAMES[a.kind][props.lang()]}
                {Date.parse(a.startsAt) > now() ? ` · ${t().alertScheduled}` : ''} · {t().alertUntil}{' '}
                {formatDateTime(a.expiresAt, props.lang())}
              </div>
              <div class="title">{props.lang() === 'vi' ? a.titleVi : a.titleEn}</div>
              <div class="text">{props.lang() === 'vi' ? a.bodyVi : a.bodyEn}</div>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}
