import { A } from '@solidjs/router';
import { createMemo, Show } from 'solid-js';
import { landingFor, SIGN_IN_PATH } from '../auth/landing';
import { useSession } from '../auth/SessionContext';
import { SeriesChart } from '../charts/SeriesChart';
import { KpiCards } from '../components/KpiCards';
import { PublicExport } from '../components/PublicExport';
import { PublicInitiatives } from '../components/PublicInitiatives';
import { initiativePoints } from '../data/initiatives';
import { usePublicInitiatives } from '../data/useInitiatives';
import { PublicAlerts } from '../components/PublicAlerts';
import { PublicWindow } from '../components/PublicWindow';
import { LiveDot } from '../components/StaleBanner';
import { PUBLIC_ENDPOINTS } from '../data/api';
import { useAlertFeatures } from '../data/alertFeatures';
import { createDesk } from '../data/createDesk';
import { useAlerts } from '../data/useAlerts';
import { DEFAULT_SETTINGS } from '../data/settings';
import { useSettings } from '../data/useSettings';
import { useI18n } from '../i18n/useI18n';
import { LayerToggles } from '../components/LayerToggles';
import { MapView } from '../map/MapView';
import { PoiCard } from '../poi/PoiCard';
import { PoiSearch } from '../poi/PoiSearch';
import { usePoiPick } from '../poi/usePoiPick';
import { resolutionForZoom } from '../map/resolution';
import { areaNamer, deskAccessors, useAreaRows, useCategories, useOverlays } from './common';
import { appTitle, areaLevelOf, cityLang, wholeCityView } from './city';
import { otherLang } from '../i18n/languages';
import { useCity } from './CityContext';

/** Never finer than resolution 8 (~0.7 km²) on the public map. */
export const PUBLIC_MAX_HEX_RES = 8;

/**
 * Read-only, anonymised: aggregate hexes, KPIs and trends only, delayed by the server's
 * PUBLIC_DELAY_MIN (said on the page) and refreshed per public window, never per report.
 * `?embed=1` drops the chrome.
 */
export function Public() {
  const city = useCity();
  const [settings, update] = useSettings(
    { ...DEFAULT_SETTINGS, lang: cityLang(city), window: '30d', metric: 'received' },
    city.languages,
  );
  const lang = () => settings().lang;
  const { t } = useI18n(lang);
  const session = useSession();
  const embed = new URLSearchParams(location.search).get('embed') === '1';
  const categories = useCategories();
  const desk = createDesk({
    initialHexRes: resolutionForZoom((settings().view ?? wholeCityView(city)).zoom, PUBLIC_MAX_HEX_RES),
    endpoints: PUBLIC_ENDPOINTS,
    audience: 'public',
    settings,
    categories: categories.list,
    maxHexRes: PUBLIC_MAX_HEX_RES,
  });
  const { hexes, hexVersion, kpis, series } = deskAccessors(desk);
  const areas = useAreaRows(desk);
  // Published initiatives: cleared by an operator, so not delayed; kept live by their stream events.
  const initiatives = usePublicInitiatives({ subscribe: desk.subscribe });
  const initiativeMarks = createMemo(() => initiativePoints(initiatives.items()));
  // Alerts and news are public content: not delayed, kept live by the public stream's alert events.
  const alerts = useAlerts({ subscribe: desk.subscribe, audience: 'public', news: true });
  const alertShapes = useAlertFeatures(alerts.inForce, areaLevelOf(city));
  // Of the overlays, the public map offers the city's places (schools, health, markets, police, community houses).
  const overlays = useOverlays();
  const places = createMemo(() => overlays().filter((o) => o.kind === 'amenity'));
  const enabledPlaces = createMemo(() => new Set(settings().overlays), new Set<string>(), {
    equals: (a, b) => a.size === b.size && [...a].every((x) => b.has(x)),
  });
  const poi = usePoiPick({ enabled: () => settings().overlays, enable: (codes) => update({ overlays: codes }) });
  return (
    <div class={`page public ${embed ? 'embed' : ''}`} data-view="public">
      <Show when={!embed}>
        <header class="topbar">
          <h1>
            {appTitle(city, lang())} · {t().publicMap}
          </h1>
          <nav>
            {/* Staff come in through here: to their desk if signed in, else to the form. */}
            <A href={session.user() ? landingFor(session.user()!) : SIGN_IN_PATH} data-testid="staff-link">
              {session.user() ? t().desk : t().signIn}
            </A>
          </nav>
          <LiveDot feed={desk.feed} t={t} />
          {/* A one-language city offers no other language. */}
          <Show when={otherLang(lang(), city)}>
            {(other) => (
              <button type="button" class="lang" onClick={() => update({ lang: other() })} data-testid="lang-toggle">
                {t().language}
              </button>
            )}
          </Show>
        </header>
      </Show>
      <KpiCards kpis={kpis} lang={lang} t={t} />
      <main class="public-grid">
        <section class="map-panel">
          <MapView
            lang={lang}
            theme="light"
            initialView={settings().view ?? wholeCityView(city)}
            onViewChange={(view) => update({ view })}
            hexes={hexes}
            hexVersion={hexVersion}
            hexRes={desk.hexRes}
            onResolutionChange={desk.setHexRes}
            maxHexRes={PUBLIC_MAX_HEX_RES}
            metric={() => settings().metric}
            areaLevel={() => settings().level}
            areaShapes={desk.shapes}
            areaValues={areas.values}
            showHexes={() => true}
            showChoropleth={() => settings().choropleth}
            pulses={() => []}
            livePulses={false}
            overlays={places}
            enabledOverlays={enabledPlaces}
            overlayVersion={() => 0}
            hotCells={() => []}
            initiatives={initiativeMarks}
            alerts={alertShapes}
            focus={poi.focus}
            onPoiClick={poi.fromMap}
            poiMarker={poi.marker}
          />
          <LayerToggles settings={settings} update={update} overlays={places} lang={lang} t={t} base={false} />
          {/* A city whose pack has no places gets no search box that finds nothing. */}
          <Show when={places().length > 0}>
            <PoiSearch lang={lang} t={t} onPick={poi.fromSearch} />
          </Show>
          <PoiCard poi={poi.poi} onClose={poi.close} lang={lang} t={t} />
        </section>
        <section class="side">
          <PublicWindow window={desk.publicWindow} areaName={areaNamer(desk, lang, city.areas)} lang={lang} t={t} />
          <PublicExport query={desk.query} hexRes={desk.hexRes} level={() => settings().level} t={t} />
          <PublicAlerts alerts={alerts} lang={lang} t={t} />
          <PublicInitiatives initiatives={initiatives} lang={lang} t={t} />
          <h2>{t().charts}</h2>
          <SeriesChart series={series} version={desk.version} t={t} lang={lang} />
          <p class="note">{t().publicNote}</p>
        </section>
      </main>
    </div>
  );
}
