import { A } from '@solidjs/router';
import { createMemo, createSignal, Show } from 'solid-js';
import { SeriesChart } from '../charts/SeriesChart';
import { AlertPanel } from '../components/AlertPanel';
import { Filters } from '../components/Filters';
import { KpiCards } from '../components/KpiCards';
import { LayerToggles } from '../components/LayerToggles';
import { LeagueTable } from '../components/LeagueTable';
import { ReportDrawer, type Selection } from '../components/ReportDrawer';
import { LiveDot, StaleBanner } from '../components/StaleBanner';
import { ReceptionPanel } from '../components/ReceptionPanel';
import { Ticker } from '../components/Ticker';
import { InitiativePanel } from '../components/InitiativePanel';
import { ChatPanel } from '../components/ChatPanel';
import { DeskExport } from '../components/DeskExport';
import type { Bbox } from '../data/exportUrl';
import { useChatThreads } from '../data/useChatThreads';
import { useStaffInitiatives } from '../data/useInitiatives';
import { OPS_ENDPOINTS } from '../data/api';
import { createDesk } from '../data/createDesk';
import { useAlertFeatures } from '../data/alertFeatures';
import { useHotspots } from '../data/hotspots';
import { useAlerts } from '../data/useAlerts';
import { bucketFor, DEFAULT_SETTINGS, windowSince } from '../data/settings';
import { useReception } from '../data/useReception';
import { useSettings } from '../data/useSettings';
import { useI18n } from '../i18n/useI18n';
import { createMapCapture } from '../map/mapCapture';
import { MapView } from '../map/MapView';
import { PoiCard } from '../poi/PoiCard';
import { PoiSearch } from '../poi/PoiSearch';
import { usePoiPick } from '../poi/usePoiPick';
import { resolutionForZoom } from '../map/resolution';
import { appTitle, areaLevelOf, cityLang, levelName, openingView } from './city';
import { otherLang } from '../i18n/languages';
import { isCityWide, seesHotspots } from '../../../core/roles';
import { landingFor } from '../auth/landing';
import type { AuthUser } from '../../../api/wire';
import { agencyName, UserBar } from '../components/UserBar';
import { areaByCode, areaCodesShown, areaQueryFor, areaUnits } from './areaAccess';
import { useCity } from './CityContext';
import { officeNamer } from './officeNames';
import {
  areaNamer,
  bboxOf,
  deskAccessors,
  unionBbox,
  useAreaRows,
  useAreaSparks,
  useCategories,
  useOverlays,
} from './common';

/**
 * The city desk (operators, admins; an agency's reports only, as the server scopes them); with
 * `area`, the desk of one district or commune (a chief's own), whose table lists the units inside it.
 */
export function Desk(props: { user: AuthUser; area?: string }) {
  const city = useCity();
  const [settings, update] = useSettings({ ...DEFAULT_SETTINGS, lang: cityLang(city) }, city.languages);
  const lang = () => settings().lang;
  const { t, name } = useI18n(lang);
  const categories = useCategories();
  const overlays = useOverlays();
  // An area's table and choropleth are one level down (a district's communes), whatever the URL says.
  const units = props.area ? areaUnits(props.area, city.areas) : null;
  const areaQuery = props.area ? areaQueryFor(props.user, props.area) : undefined;
  const deskSettings = createMemo(() => (props.area ? { ...settings(), level: 'commune' as const } : settings()));
  const desk = createDesk({
    initialHexRes: resolutionForZoom((settings().view ?? openingView(city)).zoom),
    endpoints: OPS_ENDPOINTS,
    audience: 'ops',
    settings: deskSettings,
    categories: categories.list,
    areas: props.area ? areaCodesShown(props.area, city.areas) : undefined,
    areaQuery,
  });
  const { hexes, hexVersion, pulses, kpis, ticker, series } = deskAccessors(desk);
  const areas = useAreaRows(desk, units);
  const hotspots = useHotspots(desk.eventsSeen, seesHotspots(props.user.role));
  // Keyed on the window alone: panning the map rewrites settings (the view) many times a second.
  const windowKey = createMemo(() => settings().window);
  const levelKey = createMemo(() => deskSettings().level);
  const since = createMemo(() => windowSince(windowKey(), Date.now()).toISOString());
  const sparkQuery = createMemo(() => ({ level: levelKey(), since: since(), bucket: 'day', area: areaQuery }));
  const sparks = useAreaSparks(sparkQuery);
  const overlaySet = createMemo(() => new Set(settings().overlays), new Set<string>(), {
    equals: (a, b) => a.size === b.size && [...a].every((x) => b.has(x)),
  });
  const [selection, select] = createSignal<Selection>(null);
  // The map's bounds, for an export of only what it shows.
  const [mapBbox, setMapBbox] = createSignal<Bbox | null>(null);
  // Initiatives are the operations centre's and the chiefs' (in their area); agencies handle none.
  const [initiativeStatus, setInitiativeStatus] = createSignal('');
  const initiatives =
    props.user.role === 'agency'
      ? null
      : useStaffInitiatives({ subscribe: desk.subscribe, status: initiativeStatus, area: areaQuery });
  // Alerts: on the map (in force) and in the panel (active, with publish and withdraw for those who may).
  const alerts = useAlerts({ subscribe: desk.subscribe, audience: 'staff' });
  const alertShapes = useAlertFeatures(alerts.inForce, areaLevelOf(city));
  // The alert panel draws polygons on the map: it takes the map's clicks through this while drawing.
  const mapCapture = createMapCapture();
  // Reception offices are places: the operations centre and the chiefs manage them, agencies none.
  const reception =
    props.user.role === 'agency' ? null : useReception({ subscribe: desk.subscribe, timezone: city.timezone });
  // Conversations with citizens: every staff role, each its scope's threads (the server lists them).
  const chats = useChatThreads({ subscribe: desk.subscribe });
  const poi = usePoiPick({ enabled: () => settings().overlays, enable: (overlays) => update({ overlays }) });
  // The area's outline is its units' (a district's communes): the shapes drawn are one level down.
  const focus = createMemo(() => {
    const shown = units ? desk.shapes()?.features.filter((f) => units.has(String(f.properties?.code))) : undefined;
    return shown?.length ? { bbox: unionBbox(shown.map((f) => bboxOf(f as never))) } : null;
  });
  // A place picked in the search wins over the area's outline (a chief's desk opens on its area).
  const mapFocus = createMemo(() => poi.focus() ?? focus());
  const areaName = areaNamer(desk, lang, city.areas);
  const cityArea = props.area ? areaByCode(city.areas, props.area) : null;
  return (
    <div class="page desk" data-view={props.area ? 'area' : 'desk'}>
      <header class="topbar">
        <h1>
          {appTitle(city, lang())} ·{' '}
          {props.area ? (
            <span data-testid="area-title">{cityArea ? name(cityArea) : areaName(props.area)}</span>
          ) : (
            t().desk
          )}
        </h1>
        <nav>
          <A href={landingFor(props.user)} end>
            {t().desk}
          </A>
          {/* The wall is the operations centre's screen of the whole city. */}
          <Show when={isCityWide(props.user.role)}>
            <A href="/wall">{t().wall}</A>
          </Show>
          <A href="/public">{t().publicMap}</A>
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
        <UserBar user={props.user} categories={categories.byCode} lang={lang} t={t} />
      </header>
      <StaleBanner feed={desk.feed} lang={lang} t={t} />
      <Filters
        settings={deskSettings}
        update={update}
        t={t}
        levelName={(level) => levelName(city, level, lang())}
        levelFixed={props.area !== undefined}
        agency={
          props.user.role === 'agency' && props.user.agencyCode
            ? agencyName(props.user.agencyCode, categories.byCode().values(), lang())
            : undefined
        }
      >
        <DeskExport query={desk.query} bbox={mapBbox} t={t} />
      </Filters>
      <KpiCards kpis={kpis} lang={lang} t={t} />
      <Show when={desk.error()}>
        <div class="error" role="alert">
          {desk.error()}
        </div>
      </Show>
      <main class="grid" aria-busy={desk.loading()}>
        <section class="map-panel">
          <MapView
            lang={lang}
            theme="light"
            initialView={settings().view ?? openingView(city)}
            onViewChange={(view) => update({ view })}
            onBoundsChange={setMapBbox}
            hexes={hexes}
            hexVersion={hexVersion}
            hexRes={desk.hexRes}
            onResolutionChange={desk.setHexRes}
            metric={() => settings().metric}
            areaLevel={() => deskSettings().level}
            areaShapes={desk.shapes}
            areaValues={areas.values}
            showHexes={() => settings().hexes}
            showChoropleth={() => settings().choropleth}
            pulses={pulses}
            livePulses
            overlays={overlays}
            enabledOverlays={overlaySet}
            overlayVersion={desk.eventsSeen}
            hotCells={hotspots.hotCells}
            alerts={alertShapes}
            focus={mapFocus}
            onHexClick={(cell) => select({ kind: 'cell', cell })}
            onAreaClick={(code) => select({ kind: 'area', code })}
            onPoiClick={poi.fromMap}
            poiMarker={poi.marker}
            capture={mapCapture}
          />
          <LayerToggles settings={settings} update={update} overlays={overlays} lang={lang} t={t} />
          {/* A city whose pack has no places gets no search box that finds nothing. */}
          <Show when={overlays().some((o) => o.kind === 'amenity')}>
            <PoiSearch lang={lang} t={t} onPick={poi.fromSearch} />
          </Show>
          <PoiCard poi={poi.poi} onClose={poi.close} lang={lang} t={t} />
        </section>
        <section class="side">
          <AlertPanel alerts={alerts} user={props.user} areas={city.areas} capture={mapCapture} lang={lang} t={t} />
          <h2>{t().charts}</h2>
          <SeriesChart series={series} version={desk.version} t={t} lang={lang} />
          <h2>{t().ticker}</h2>
          <Ticker
            items={ticker}
            categories={categories.byCode}
            areaName={areaName}
            lang={lang}
            t={t}
            onSelect={(id) => select({ kind: 'report', id })}
          />
        </section>
        <section class="table-panel">
          <h2>
            {levelName(city, deskSettings().level, lang())} · {t().open} (
            {bucketFor(settings().window) === 'day' ? '30d' : settings().window})
          </h2>
          <LeagueTable
            rows={areas.rows}
            sparks={sparks}
            lang={lang}
            t={t}
            onSelect={(code) => select({ kind: 'area', code })}
            flagged={hotspots.flagged}
            selected={() => {
              const s = selection();
              return s?.kind === 'area' ? s.code : null;
            }}
          />
        </section>
        <ChatPanel
          chats={chats}
          user={props.user}
          selection={selection}
          select={select}
          subscribe={desk.subscribe}
          lang={lang}
          t={t}
        />
        <Show when={initiatives}>
          {(i) => (
            <InitiativePanel
              initiatives={i()}
              user={props.user}
              status={initiativeStatus}
              setStatus={setInitiativeStatus}
              lang={lang}
              t={t}
            />
          )}
        </Show>
        <Show when={reception}>
          {(r) => (
            <ReceptionPanel
              reception={r()}
              offices={props.area ? areaCodesShown(props.area, city.areas) : undefined}
              officeName={officeNamer(city, lang)}
              lang={lang}
              t={t}
            />
          )}
        </Show>
      </main>
      <ReportDrawer
        selection={selection}
        select={select}
        since={since}
        scopeArea={areaQuery}
        subscribe={desk.subscribe}
        categories={categories.byCode}
        lang={lang}
        t={t}
      />
      <footer class="attribution">
        {name({
          nameVi: 'Dữ liệu ranh giới: © OpenStreetMap contributors (ODbL), geoBoundaries (CC BY 3.0 IGO)',
          nameEn: 'Boundaries: © OpenStreetMap contributors (ODbL), geoBoundaries (CC BY 3.0 IGO)',
        })}
      </footer>
    </div>
  );
}
