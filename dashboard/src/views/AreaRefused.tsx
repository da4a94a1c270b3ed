import { A } from '@solidjs/router';
import { createSignal, Match, Show, Switch, untrack } from 'solid-js';
import { otherLang } from '../i18n/languages';
import { landingFor } from '../auth/landing';
import { UserBar } from '../components/UserBar';
import type { AuthUser } from '../../../api/wire';
import { fill } from '../i18n/fill';
import type { Lang } from '../i18n/messages';
import { useI18n } from '../i18n/useI18n';
import { type AreaAccess, areaByCode, type CityArea } from './areaAccess';
import { appTitle } from './city';
import { useCity } from './CityContext';
import { useCategories } from './common';

/**
 * Instead of an area view that would be empty or wrong: a chief asking for another's area (403,
 * naming the area, where it lies, and the chief's own with a link), or a code the city lacks.
 */
export function AreaRefused(props: { access: Exclude<AreaAccess, { kind: 'open' }>; user: AuthUser; lang: Lang }) {
  const city = useCity();
  // Opens in the language of the link that led here; the button switches it as on every page.
  const [lang, setLang] = createSignal(untrack(() => props.lang));
  const { t } = useI18n(lang);
  const categories = useCategories();
  const named = (a: CityArea) => (lang() === 'vi' ? a.nameVi : a.nameEn);
  const home = () => {
    const path = landingFor(props.user);
    return lang() === city.languages[0] ? path : `${path}?lang=${lang()}`;
  };
  return (
    <div class="page refused" data-view="refused" data-refusal={props.access.kind}>
      <header class="topbar">
        <h1>{appTitle(city, lang())}</h1>
        <Show when={otherLang(lang(), city)}>
          {(other) => (
            <button type="button" class="lang" onClick={() => setLang(other())} data-testid="lang-toggle">
              {t().language}
            </button>
          )}
        </Show>
        <UserBar user={props.user} categories={categories.byCode} lang={lang} t={t} />
      </header>
      <main class="refused-card" role="alert" aria-labelledby="refused-title">
        <Switch>
          <Match when={props.access.kind === 'forbidden' && props.access}>
            {(a) => {
              const parent = () => areaByCode(city.areas, a().area.parentCode);
              return (
                <>
                  <p class="status-code">403</p>
                  <h2 id="refused-title">{t().forbiddenTitle}</h2>
                  <p data-testid="refused-area">{fill(t().forbiddenArea, { area: named(a().area) })}</p>
                  {parent() ? (
                    <p>{fill(t().forbiddenWithin, { area: named(a().area), parent: named(parent()!) })}</p>
                  ) : null}
                  {a().own ? <p data-testid="refused-own">{fill(t().forbiddenOwn, { own: named(a().own!) })}</p> : null}
                  <A class="button primary" href={home()} data-testid="refused-home">
                    {a().own ? `${t().goToOwnArea}: ${named(a().own!)}` : t().backToDesk}
                  </A>
                </>
              );
            }}
          </Match>
          <Match when={props.access.kind === 'unknown' && props.access}>
            {(a) => (
              <>
                <p class="status-code">404</p>
                <h2 id="refused-title">{t().notFound}</h2>
                <p>{fill(t().unknownArea, { code: a().code })}</p>
                <A class="button primary" href={home()} data-testid="refused-home">
                  {t().backToDesk}
                </A>
              </>
            )}
          </Match>
        </Switch>
      </main>
    </div>
  );
}
