import { CATEGORY_GROUPS, type CategoryGroup } from '../../../core/cityPack';
import { HANDLED_STATUS_LIST, OPEN_STATUS_LIST, REJECTED_STATUS_LIST } from '../../../core/statuses';
import type { HexMetric, ViewState } from '../map/types';
import type { Lang } from '../i18n/messages';

/** Everything a shared URL restores: what is shown, where, and over which window. */
export interface DeskSettings {
  window: '24h' | '7d' | '30d';
  group: '' | CategoryGroup;
  status: '' | 'open' | 'overdue' | 'handled' | 'rejected';
  metric: HexMetric;
  level: 'district' | 'commune';
  lang: Lang;
  overlays: string[];
  view: ViewState | null;
  hexes: boolean;
  choropleth: boolean;
}

export const DEFAULT_SETTINGS: DeskSettings = {
  window: '7d',
  group: '',
  status: '',
  metric: 'open',
  level: 'district',
  lang: 'vi',
  overlays: [],
  view: null,
  hexes: true,
  choropleth: false,
};

const WINDOW_MS = { '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 } as const;

export function windowSince(w: DeskSettings['window'], nowMs: number): Date {
  return new Date(nowMs - WINDOW_MS[w]);
}

export function bucketFor(w: DeskSettings['window']): 'hour' | 'day' {
  return w === '30d' ? 'day' : 'hour';
}

/** Status filter → the statuses the API filters on. */
export function statusList(s: DeskSettings['status']): string | undefined {
  switch (s) {
    case 'open':
    case 'overdue':
      return OPEN_STATUS_LIST.join(',');
    case 'handled':
      return HANDLED_STATUS_LIST.join(',');
    case 'rejected':
      return REJECTED_STATUS_LIST.join(',');
    default:
      return undefined;
  }
}

const pick = <T extends string>(v: string | null, allowed: readonly T[], fallback: T): T =>
  allowed.includes(v as T) ? (v as T) : fallback;

/** URL search params → settings; anything unknown falls back to the default. */
export function parseSettings(
  q: URLSearchParams,
  defaults: DeskSettings = DEFAULT_SETTINGS,
  /** The city's languages: a `lang` it does not offer falls back to the default. */
  languages: readonly Lang[] = ['vi', 'en'],
): DeskSettings {
  const num = (k: string) => {
    const v = q.get(k);
    return v !== null && v !== '' && Number.isFinite(Number(v)) ? Number(v) : null;
  };
  const lng = num('lng');
  const lat = num('lat');
  const zoom = num('z');
  return {
    window: pick(q.get('w'), ['24h', '7d', '30d'], defaults.window),
    group: pick(q.get('g'), ['', ...CATEGORY_GROUPS], defaults.group),
    status: pick(q.get('s'), ['', 'open', 'overdue', 'handled', 'rejected'], defaults.status),
    metric: pick(q.get('m'), ['received', 'open', 'overdue'], defaults.metric),
    level: pick(q.get('lvl'), ['district', 'commune'], defaults.level),
    lang: pick(q.get('lang'), languages, defaults.lang),
    overlays: (q.get('o') ?? '').split(',').filter((s) => /^[a-z0-9_]{1,60}$/.test(s)),
    view: lng !== null && lat !== null && zoom !== null ? { longitude: lng, latitude: lat, zoom } : defaults.view,
    hexes: q.get('hex') === null ? defaults.hexes : q.get('hex') !== '0',
    choropleth: q.get('cho') === null ? defaults.choropleth : q.get('cho') === '1',
  };
}

/** Settings → search params, leaving out what equals the default so URLs stay short. */
export function settingsToQuery(s: DeskSettings, defaults: DeskSettings = DEFAULT_SETTINGS): URLSearchParams {
  const q = new URLSearchParams();
  if (s.window !== defaults.window) q.set('w', s.window);
  if (s.group !== defaults.group) q.set('g', s.group);
  if (s.status !== defaults.status) q.set('s', s.status);
  if (s.metric !== defaults.metric) q.set('m', s.metric);
  if (s.level !== defaults.level) q.set('lvl', s.level);
  if (s.lang !== defaults.lang) q.set('lang', s.lang);
  if (s.overlays.length) q.set('o', s.overlays.join(','));
  if (s.hexes !== defaults.hexes) q.set('hex', s.hexes ? '1' : '0');
  if (s.choropleth !== defaults.choropleth) q.set('cho', s.choropleth ? '1' : '0');
  if (s.view) {
    q.set('lng', s.view.longitude.toFixed(4));
    q.set('lat', s.view.latitude.toFixed(4));
    q.set('z', s.view.zoom.toFixed(2));
  }
  return q;
}
