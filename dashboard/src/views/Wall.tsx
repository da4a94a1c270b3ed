import { createMemo, createSignal, For, onCleanup, Show } from 'solid-js';
import { SeriesChart } from '../charts/SeriesChart';
import { AlertBanner } from '../components/AlertBanner';
import { WallKpis } from '../components/WallKpis';
import type { AuthUser } from '../../../api/wire';
import { seesHotspots } from '../../../core/roles';
import { LiveDot, StaleBanner } from '../components/StaleBanner';
import { UserBar } from '../components/UserBar';
import { ReceptionToday } from '../components/ReceptionToday';
import { Ticker } from '../components/Ticker';
import { OPS_ENDPOINTS } from '../data/api';
import { createDesk } from '../data/createDesk';
import { useAlertFeatures } from '../data/alertFeatures';
import { useHotspots } from '../data/hotspots';
import { useAlerts } from '../data/useAlerts';
import { useWallKpis } from '../data/useWallKpis';
import { attentionOrder, perTenThousand } from '../data/kpis';
import { DEFAULT_SETTINGS } from '../data/settings';
import { useReception } from '../data/useReception';
import { useSettings } from '../data/useSettings';
import { formatNumber } from '../i18n/format';
import { useI18n } from '../i18n/useI18n';
import { MapView } from '../map/MapView';
import { resolutionForZoom } from '../map/resolution';
import { areaNamer, deskAccessors, bboxOf, useAreaRows, useCategories } from './common';
import { appTitle, areaLevelOf, cityLang, wholeCityView } from './city';
import { useCity } from './CityContext';
import { officeNamer } from './officeNames';

/** How long the tour rests on each area: long enough to read from across the room. */
export const TOUR_STEP_MS = 20_000;
/** Areas on the attention list. */
const ATTENTION_ROWS = 8;

/** For a wall screen: no controls, dark, large type, an auto-tour of the areas that need attention. */
export function Wall(props: { user: AuthUser }) {
  const city = useCity();
  const [settings] = useSettings(
    { ...DEFAULT_SETTINGS, lang: cityLang(city), window: '24h', metric: 'open', choropleth: true },
    city.languages,
  );
  const lang = () => settings().lang;
  const { t, name } = useI18n(lang);
  const categories = useCategories();
  const desk = createDesk({
    initialHexRes: resolutionForZoom(wholeCityView(city).zoom),
    endpoints: OPS_ENDPOINTS,
    audience: 'ops',
    settings,
    categories: categories.list,
  });
  const { hexes, hexVersion, pulses, ticker, series } = deskAccessors(desk);
  const areas = useAreaRows(desk);
  const hotspots = useHotspots(desk.eventsSeen, seesHotspots(props.user.role));
  // Today's flow, the backlog now, 30-day shares; the most severe alert in force as a banner.
  const wallKpis = useWallKpis(desk.eventsSeen);
  const alerts = useAlerts({ subscribe: desk.subscribe, audience: 'staff' });
  const alertShapes = useAlertFeatures(alerts.inForce, areaLevelOf(city));
  // Flagged backlog hotspots first, then overdue, then backlog per resident.
  const attention = createMemo(() => attentionOrder(areas.rows(), hotspots.flagged()).slice(0, ATTENTION_ROWS));
  // Agencies manage no reception office (the wall is the operations centre's, but any staff may open it).
  const reception =
    props.user.role === 'agency' ? null : useReception({ subscribe: desk.subscribe, timezone: city.timezone });
  const [step, setStep] = createSignal(0);
  const timer = setInterval(() => setStep((s) => s + 1), TOUR_STEP_MS);
  onCleanup(() => clearInterval(timer));
  const current = createMemo(() => {
    const list = attention();
    return list.length ? list[step() % list.length] : null;
  });
  const focus = createMemo(() => {
    const a = current();
    const f = a && desk.shapes()?.features.find((x) => x.properties?.code === a.code);
    return f ? { bbox: bboxOf(f as never) } : null;
  });
  return (
    <div class="page wall dark" data-view="wall">
      <header class="wall-top">
        <h1>{appTitle(city, lang())}</h1>
        <div class="tour" data-testid="tour">
          {t().tourFocus}: <strong>{current() ? name(current()!) : '—'}</strong>
        </div>
        <LiveDot feed={desk.feed} t={t} />
        <UserBar user={props.user} categories={categories.byCode} lang={lang} t={t} />
      </header>
      <StaleBanner feed={desk.feed} lang={lang} t={t} />
      <AlertBanner alert={alerts.banner} lang={lang} t={t} />
      <WallKpis kpis={wallKpis} lang={lang} t={t} />
      <main class="wall-grid">
        <section class="wall-map">
          <MapView
            lang={lang}
            theme="dark"
            initialView={wholeCityView(city)}
            hexes={hexes}
            hexVersion={hexVersion}
            hexRes={desk.hexRes}
            onResolutionChange={desk.setHexRes}
            metric={() => settings().metric}
            areaLevel={() => settings().level}
            areaShapes={desk.shapes}
            areaValues={areas.values}
            showHexes={() => true}
            showChoropleth={() => settings().choropleth}
            pulses={pulses}
            livePulses
            overlays={() => []}
            enabledOverlays={() => new Set()}
            overlayVersion={() => 0}
            hotCells={hotspots.hotCells}
            alerts={alertShapes}
            focus={focus}
          />
        </section>
        <section class="wall-side">
          <h2>{t().needsAttention}</h2>
          <ol class="attention" data-testid="attention">
            <For each={attention()}>
              {(a) => (
                <li classList={{ current: current()?.code === a.code, flagged: hotspots.flagged().has(a.code) }}>
                  <span class="name">
                    {hotspots.flagged().has(a.code) ? '⚑ ' : ''}
                    {name(a)}
                  </span>
                  <span class="num bad">{formatNumber(a.overdue, lang())}</span>
                  <span class="num">{formatNumber(perTenThousand(a.open, a.population) ?? 0, lang(), 1)}</span>
                </li>
              )}
            </For>
          </ol>
          <h2>{t().ticker}</h2>
          <Ticker
            items={ticker}
            categories={categories.byCode}
            areaName={areaNamer(desk, lang, city.areas)}
            lang={lang}
            t={t}
            limit={8}
          />
          <Show when={reception}>
            {(r) => <ReceptionToday reception={r()} officeName={officeNamer(city, lang)} lang={lang} t={t} />}
          </Show>
          <SeriesChart series={series} version={desk.version} t={t} lang={lang} height={200} dark />
        </section>
      </main>
    </div>
  );
}
