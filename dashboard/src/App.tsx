import { Navigate, Route, Router, type RouteSectionProps, useLocation, useParams } from '@solidjs/router';
import { createMemo, Show } from 'solid-js';
import { landingFor } from './auth/landing';
import { SessionProvider } from './auth/SessionContext';
import type { AuthUser } from '../../api/wire';
import { StaffOnly } from './auth/StaffOnly';
import { AreaRefused } from './views/AreaRefused';
import { areaAccess } from './views/areaAccess';
import type { City } from './views/city';
import { CityProvider, useCity } from './views/CityContext';
import { langFor } from './i18n/languages';
import { Desk } from './views/Desk';
import { Public } from './views/Public';
import { SignIn } from './views/SignIn';
import { Wall } from './views/Wall';

/** The city desk; a chief's desk is its area, so a chief coming here is taken there. */
function CityDesk() {
  const location = useLocation();
  return (
    <StaffOnly>
      {(user) =>
        user.role === 'chief' ? <Navigate href={landingFor(user) + location.search} /> : <Desk user={user} />
      }
    </StaffOnly>
  );
}

/** An area's desk, or the page that says why not (another chief's area, an unknown code). */
function AreaDesk() {
  const params = useParams();
  const location = useLocation();
  const city = useCity();
  const lang = () => langFor(new URLSearchParams(location.search).get('lang'), city);
  return (
    <StaffOnly>
      {(user) => {
        const access = createMemo(() => areaAccess(user, params.code ?? '', city.areas));
        return (
          // Keyed on the code: following a link to another area builds its desk afresh.
          <Show
            when={access().kind === 'open' && params.code}
            keyed
            fallback={<Refused user={user} access={access()} lang={lang()} />}
          >
            {(code) => <Desk user={user} area={code} />}
          </Show>
        );
      }}
    </StaffOnly>
  );
}

function Refused(props: { user: AuthUser; access: ReturnType<typeof areaAccess>; lang: 'vi' | 'en' }) {
  const a = props.access;
  return a.kind === 'open' ? null : <AreaRefused access={a} user={props.user} lang={props.lang} />;
}

export function App(props: { city: City; user: AuthUser | null }) {
  const root = (p: RouteSectionProps) => <SessionProvider initial={props.user}>{p.children}</SessionProvider>;
  return (
    <CityProvider city={props.city}>
      <Router root={root}>
        <Route path="/signin" component={SignIn} />
        <Route path="/" component={CityDesk} />
        <Route path="/wall" component={() => <StaffOnly>{(user) => <Wall user={user} />}</StaffOnly>} />
        <Route path="/area/:code" component={AreaDesk} />
        <Route path="/public" component={Public} />
      </Router>
    </CityProvider>
  );
}
