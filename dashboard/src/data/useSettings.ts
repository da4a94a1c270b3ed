import { createSignal } from 'solid-js';
import type { Lang } from '../i18n/messages';
import { type DeskSettings, DEFAULT_SETTINGS, parseSettings, settingsToQuery } from './settings';

/** URL updates are coalesced: a map pan fires many view changes. */
const URL_WRITE_DELAY_MS = 300;

/** Settings held in the URL's query, so any view can be shared or bookmarked as it is. */
export function useSettings(defaults: DeskSettings = DEFAULT_SETTINGS, languages?: readonly Lang[]) {
  const [settings, setSettings] = createSignal(
    parseSettings(new URLSearchParams(location.search), defaults, languages),
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  const update = (patch: Partial<DeskSettings>) => {
    setSettings((s) => ({ ...s, ...patch }));
    clearTimeout(timer);
    timer = setTimeout(() => {
      const q = settingsToQuery(settings(), defaults).toString();
      // Keep flags that are not settings (embed=1) as they were.
      const keep = new URLSearchParams(location.search);
      const extra = keep.get('embed') ? `${q ? '&' : ''}embed=${keep.get('embed')}` : '';
      history.replaceState(null, '', `${location.pathname}${q || extra ? `?${q}${extra}` : ''}`);
    }, URL_WRITE_DELAY_MS);
  };
  return [settings, update] as const;
}
