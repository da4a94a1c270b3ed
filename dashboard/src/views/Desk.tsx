import { A } from '@solidjs/router';
import { createMemo, createSignal, Show } from 'solid-js';
import { SeriesChart } from '../charts/SeriesChart';
import { Filters } from '../components/Filters';
import { KpiCards } from '../components/KpiCards';
import { LayerToggles } from '../components/LayerToggles';
import { LeagueTable } from '../components/LeagueTable';
import { ReportDrawer, type Selection } from '../components/ReportDrawer';
import { LiveDot, StaleBanner } from '../components/StaleBanner';
import { Ticker } from '../components/Ticker';
import { OPS_ENDPOINTS } from '../data/api';
import { createDesk } from '../data/createDesk';
import { useHotspots } from '../data/hotspots';
import { bucketFor, DEFAULT_SETTINGS, windowSince } from '../data/settings';
import { useSettings } from '../data/useSettings';
import { useI18n } from '../i18n/useI18n';
import { MapView } from '../map/MapView';
import { resolutionForZoom } from '../map/resolution';
import { appTitle, openingView } from './city';
import { useCity } from './CityContext';
import { areaNamer, deskAccessors, bboxOf, useAreaRows, useAreaSparks, useCategories, useOverlays } from './common';

/** The operator desk; with `area`, a chief's view of one district or commune. */
export function Desk(props: { area?: string }) {
  const [settings, update] = useSettings({
    ...DEFAULT_SETTINGS,
    level: props.area?.length === 5 ? 'commune' : 'district',
  });
  const lang = () => settings().lang;
  const city = useCity();
  const { t, name } = useI18n(lang);
  const categories = useCategories();
  const overlays = useOverlays();
  const desk = createDesk({
    initialHexRes: resolutionForZoom((settings().view ?? openingView(city)).zoom),
    endpoints: OPS_ENDPOINTS,
    audience: 'ops',
    settings,
    categories: categories.list,
    area: props.area,
  });
  const { hexes, hexVersion, pulses, kpis, ticker, series } = deskAccessors(desk);
  const areas = useAreaRows(desk);
  const hotspots = useHotspots(desk.eventsSeen);
  // Keyed on the window alone: panning the map rewrites settings (the view) many times a second.
  const windowKey = createMemo(() => settings().window);
  const levelKey = createMemo(() => settings().level);
  const since = createMemo(() => windowSince(windowKey(), Date.now()).toISOString());
  const sparkQuery = createMemo(() => ({ level: levelKey(), since: since(), bucket: 'day', area: props.area }));
  const sparks = useAreaSparks(sparkQuery);
  const overlaySet = createMemo(() => new Set(settings().overlays), new Set<string>(), {
    equals: (a, b) => a.size === b.size && [...a].every((x) => b.has(x)),
  });
  const [selection, select] = createSignal<Selection>(null);
  const scopeArea = createMemo(() =>
    props.area ? desk.shapes()?.features.find((f) => f.properties?.code === props.area) : undefined,
  );
  const focus = createMemo(() => {
    const f = scopeArea();
    return f ? { bbox: bboxOf(f as never) } : null;
  });
  const areaName = areaNamer(desk, lang);
  return (
    <div class="page desk" data-view={props.area ? 'area' : 'desk'}>
      <header class="topbar">
        <h1>
          {appTitle(city, lang())} ·{' '}
          {props.area ? <span data-testid="area-title">{areaName(props.area)}</span> : t().desk}
        </h1>
        <nav>
          <A href="/">{t().desk}</A>
          <A href="/wall">{t().wall}</A>
          <A href="/public">{t().publicMap}</A>
        </nav>
        <LiveDot feed={desk.feed} t={t} />
        <button
          type="button"
          class="lang"
          onClick={() => update({ lang: lang() === 'vi' ? 'en' : 'vi' })}
          data-testid="lang-toggle"
        >
          {t().language}
        </button>
      </header>
      <StaleBanner feed={desk.feed} lang={lang} t={t} />
      <Filters settings={settings} update={update} t={t} />
      <KpiCards kpis={kpis} lang={lang} t={t} />
      <Show when={desk.error()}>
        <div class="error" role="alert">
          {desk.error()}
        </div>
      </Show>
      <main class="grid">
        <section class="map-panel">
          <MapView
            lang={lang}
            theme="light"
            initialView={settings().view ?? openingView(city)}
            onViewChange={(view) => update({ view })}
            hexes={hexes}
            hexVersion={hexVersion}
            hexRes={desk.hexRes}
            onResolutionChange={desk.setHexRes}
            metric={() => settings().metric}
            areaLevel={() => settings().level}
            areaShapes={desk.shapes}
            areaValues={areas.values}
            showHexes={() => settings().hexes}
            showChoropleth={() => settings().choropleth}
            pulses={pulses}
            overlays={overlays}
            enabledOverlays={overlaySet}
            overlayVersion={desk.eventsSeen}
            hotCells={hotspots.hotCells}
            focus={focus}
            onHexClick={(cell) => select({ kind: 'cell', cell })}
            onAreaClick={(code) => select({ kind: 'area', code })}
          />
          <LayerToggles settings={settings} update={update} overlays={overlays} lang={lang} t={t} />
        </section>
        <section class="side">
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
            {settings().level === 'district' ? t().district : t().commune} · {t().open} (
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
      </main>
      <ReportDrawer
        selection={selection}
        select={select}
        since={since}
        scopeArea={props.area}
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
