import { A, Navigate, useLocation } from '@solidjs/router';
import { createSignal, Match, onCleanup, Show, Switch } from 'solid-js';
import { type SignInOutcome, signIn } from '../auth/authApi';
import { afterSignIn, safeNext } from '../auth/landing';
import { useSession } from '../auth/SessionContext';
import type { AuthUser } from '../../../api/wire';
import { waitText } from '../auth/waitText';
import { fill } from '../i18n/fill';
import type { Lang } from '../i18n/messages';
import { useI18n } from '../i18n/useI18n';
import { areaAccess } from './areaAccess';
import { appTitle } from './city';
import { langFor, otherLang } from '../i18n/languages';
import { useCity } from './CityContext';

type Failure = Exclude<SignInOutcome, { kind: 'signedIn' }>;

/** The language asked for on this page, else the one of the page the viewer was sent from. */
function langOf(search: URLSearchParams): Lang {
  const own = search.get('lang');
  const back = safeNext(search.get('next'));
  const fromNext = back ? new URLSearchParams(back.split('?')[1]?.split('#')[0] ?? '').get('lang') : null;
  const l = own ?? fromNext;
  return l === 'en' ? 'en' : 'vi';
}

/** The destination in the language chosen here (unless it is the city's default), unless it says its own. */
function inLang(path: string, lang: Lang, cityDefault: Lang): string {
  if (lang === cityDefault || /[?&]lang=/.test(path)) return path;
  const [head, hash] = path.split('#');
  return `${head}${head.includes('?') ? '&' : '?'}lang=${lang}${hash !== undefined ? `#${hash}` : ''}`;
}

/** Name and password; a chief lands on its area, others on the desk, or back where they were sent from. */
export function SignIn() {
  const city = useCity();
  const session = useSession();
  const loc = useLocation();
  const search = () => new URLSearchParams(loc.search);
  const [lang, setLang] = createSignal<Lang>(langFor(langOf(new URLSearchParams(location.search)), city));
  const { t } = useI18n(lang);
  const [name, setName] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [failure, setFailure] = createSignal<Failure | null>(null);
  // Answers so far: the error's data-attempt, so a test (or a screen reader's log) sees each new one.
  const [attempts, setAttempts] = createSignal(0);
  // A 429's wait counts down on screen; the button stays off until it is over.
  const [waitLeftS, setWaitLeftS] = createSignal(0);
  let countdown: ReturnType<typeof setInterval> | undefined;
  onCleanup(() => clearInterval(countdown));
  const startCountdown = (seconds: number) => {
    clearInterval(countdown);
    setWaitLeftS(seconds);
    countdown = setInterval(() => {
      setWaitLeftS((s) => Math.max(0, s - 1));
      if (waitLeftS() > 0) return;
      clearInterval(countdown);
      // The wait is over: the form is ready again, without a message that says to wait.
      if (failure()?.kind === 'throttled') setFailure(null);
    }, 1_000);
  };
  const destination = (user: AuthUser) =>
    inLang(
      afterSignIn(user, search().get('next'), (code) => areaAccess(user, code, city.areas).kind === 'open'),
      lang(),
      city.languages[0],
    );

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (busy() || waitLeftS() > 0) return;
    setBusy(true);
    setFailure(null);
    try {
      const outcome = await signIn(fetch, name().trim(), password());
      // Signed in: the page turns into a redirect to where this user works (the <Show> below).
      if (outcome.kind === 'signedIn') return session.signedIn(outcome.user);
      setAttempts((n) => n + 1);
      setFailure(outcome);
      setPassword('');
      if (outcome.kind === 'throttled') startCountdown(outcome.retryAfterS);
    } catch (err) {
      setAttempts((n) => n + 1);
      setFailure({ kind: 'failed', status: 0, message: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Show when={!session.user()} fallback={<Navigate href={destination(session.user()!)} />}>
      <div class="page signin-page" data-view="signin">
        <header class="topbar">
          <h1>{appTitle(city, lang())}</h1>
          <nav>
            <A href={inLang('/public', lang(), city.languages[0])}>{t().publicMapOpen}</A>
          </nav>
          <Show when={otherLang(lang(), city)}>
            {(other) => (
              <button type="button" class="lang" onClick={() => setLang(other())} data-testid="lang-toggle">
                {t().language}
              </button>
            )}
          </Show>
        </header>
        <main class="signin">
          <form class="signin-card" onSubmit={submit} aria-labelledby="signin-title">
            <h2 id="signin-title">{t().signIn}</h2>
            <p class="lead">{t().signInLead}</p>
            <Show when={search().get('reason') === 'expired' && !failure()}>
              <p class="notice" role="status" data-testid="signin-notice">
                {t().sessionExpired}
              </p>
            </Show>
            <label for="signin-name">{t().userName}</label>
            <input
              id="signin-name"
              name="username"
              autocomplete="username"
              autofocus
              required
              value={name()}
              onInput={(e) => setName(e.currentTarget.value)}
            />
            <label for="signin-password">{t().password}</label>
            <input
              id="signin-password"
              name="password"
              type="password"
              autocomplete="current-password"
              required
              value={password()}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
            <Show when={failure()}>
              {(f) => (
                <p class="error" role="alert" data-testid="signin-error" data-kind={f().kind} data-attempt={attempts()}>
                  <Switch>
                    <Match when={f().kind === 'invalid'}>{t().invalidCredentials}</Match>
                    <Match when={f().kind === 'throttled'}>
                      {fill(t().tooManyAttempts, {
                        wait: waitText(waitLeftS(), t()),
                      })}
                    </Match>
                    <Match when={f().kind === 'failed'}>
                      {t().signInFailed}: {(f() as { message: string }).message}
                    </Match>
                  </Switch>
                </p>
              )}
            </Show>
            <button type="submit" class="primary" disabled={busy() || waitLeftS() > 0} data-testid="signin-submit">
              {busy() ? t().signingIn : t().signIn}
            </button>
          </form>
        </main>
      </div>
    </Show>
  );
}
