/** The basemap's configuration from GET /api/map/config, normalised once; fetching is injected. */
import { fallbackStyle, themeStyle, type MapStyle } from './styleTheme';
import type { Theme } from './colour';

export interface MapConfig {
  styleUrl: string;
  pmtiles: boolean;
  center: [number, number] | null;
  bbox: [number, number, number, number] | null;
  attribution: string[];
}

export const DEFAULT_STYLE_URL = '/api/map/style.json';

function numbers(v: unknown, n: number): number[] | null {
  return Array.isArray(v) && v.length === n && v.every((x) => typeof x === 'number' && Number.isFinite(x)) ? v : null;
}

export function normaliseMapConfig(raw: unknown): MapConfig {
  const o = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  return {
    styleUrl: typeof o.styleUrl === 'string' && o.styleUrl ? o.styleUrl : DEFAULT_STYLE_URL,
    pmtiles: o.pmtiles === true,
    center: numbers(o.center, 2) as [number, number] | null,
    bbox: numbers(o.bbox, 4) as [number, number, number, number] | null,
    attribution: Array.isArray(o.attribution)
      ? o.attribution.filter((a): a is string => typeof a === 'string' && a !== '')
      : [],
  };
}

export type FetchJson = (url: string, init?: { signal?: AbortSignal }) => Promise<unknown>;

export const fetchJson: FetchJson = async (url, init) => {
  const res = await fetch(url, { signal: init?.signal, headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
};

export interface Basemap {
  config: MapConfig;
  style: MapStyle;
  /** False when the style could not be loaded and a plain background stands in. */
  ok: boolean;
}

/** The style URL with the theme as a hint (a server may serve a themed style; unknown params are ignored). */
export function themedStyleUrl(styleUrl: string, theme: Theme): string {
  return `${styleUrl}${styleUrl.includes('?') ? '&' : '?'}theme=${theme}`;
}

/**
 * Config, then style, themed. A failure on either leaves a plain background so the data layers still
 * show: a wall must never go blank because the basemap is missing.
 */
export async function loadBasemap(theme: Theme, get: FetchJson = fetchJson, signal?: AbortSignal): Promise<Basemap> {
  let config = normaliseMapConfig(null);
  try {
    config = normaliseMapConfig(await get('/api/map/config', { signal }));
  } catch (e) {
    if (signal?.aborted) throw e;
    console.warn(`citydesk map: no map config (${(e as Error).message}); using defaults`);
  }
  try {
    const style = (await get(themedStyleUrl(config.styleUrl, theme), { signal })) as MapStyle;
    if (style?.version !== 8 || !Array.isArray(style.layers)) throw new Error('not a MapLibre style');
    return { config, style: themeStyle(style, theme), ok: true };
  } catch (e) {
    if (signal?.aborted) throw e;
    console.warn(`citydesk map: basemap style unavailable (${(e as Error).message}); plain background`);
    return { config, style: fallbackStyle(theme), ok: false };
  }
}
