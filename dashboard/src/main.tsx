import { render } from 'solid-js/web';
import { App } from './App';
import { fetchMe } from './auth/authApi';
import { installCityFormat } from './i18n/format';
import { MESSAGES } from './i18n/messages';
import { fetchJson } from './map/config';
import { documentTitle, loadCity } from './views/city';
import './styles.css';

const root = document.getElementById('root')!;

// The city (names, clock, number format, cameras, areas) comes from the server's pack, once, before
// any view renders: every title, time and opening view depends on it.
// Who is signed in is asked alongside: the staff views decide from it before they draw.
Promise.all([loadCity(fetchJson), fetchMe(fetch)]).then(
  ([city, user]) => {
    installCityFormat(city);
    document.title = documentTitle(city);
    render(() => <App city={city} user={user} />, root);
  },
  (e: Error) => {
    // Which language the viewer reads is not known yet: say it in both.
    const alert = document.createElement('div');
    alert.className = 'error';
    alert.setAttribute('role', 'alert');
    alert.textContent = `${MESSAGES.vi.cityUnavailable} / ${MESSAGES.en.cityUnavailable}: ${e.message}`;
    root.replaceChildren(alert);
  },
);
