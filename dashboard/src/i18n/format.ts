/**
 * Numbers, dates and times as the city writes them, on the city's clock whatever the viewer's machine
 * says. The formatters are built from the city (GET /api/city) by `cityFormat`; the page has one city,
 * loaded before the first render, which `installCityFormat` installs for the module-level functions below,
 * so pure modules (tooltips, legend, layers) format without threading the city through every call.
 */
import type { Lang } from './messages';

/** The parts of the city that formatting reads. */
export interface CityFormatting {
  timezone: string;
  locales: Record<Lang, string>;
}

export interface CityFormat {
  timeZone: string;
  number(n: number, lang: Lang, digits?: number): string;
  compact(n: number, lang: Lang): string;
  percent(share: number | null, lang: Lang, digits?: number): string;
  time(d: Date | string, lang: Lang): string;
  dateTime(d: Date | string, lang: Lang): string;
  day(d: Date | number | string, lang: Lang): string;
  hour(d: Date | number | string, lang: Lang): string;
  age(fromMs: number, nowMs: number, lang: Lang): string;
}

/** Formatters for one city; each Intl formatter is built once and reused (they are costly to build). */
export function cityFormat(city: CityFormatting): CityFormat {
  const timeZone = city.timezone;
  const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();
  function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(
    key: string,
    make: () => T,
  ): T {
    let f = cache.get(key) as T | undefined;
    if (!f) cache.set(key, (f = make()));
    return f;
  }
  const locale = (lang: Lang) => city.locales[lang];
  const dates = (key: string, lang: Lang, options: Intl.DateTimeFormatOptions) =>
    cached(`${key}:${lang}`, () => new Intl.DateTimeFormat(locale(lang), { timeZone, hour12: false, ...options }));
  return {
    timeZone,
    number: (n, lang, digits = 0) =>
      cached(
        `n:${lang}:${digits}`,
        () => new Intl.NumberFormat(locale(lang), { maximumFractionDigits: digits, minimumFractionDigits: digits }),
      ).format(n),
    // A count in few characters ("150 N", "150K"), for axis labels.
    compact: (n, lang) =>
      cached(
        `c:${lang}`,
        () => new Intl.NumberFormat(locale(lang), { notation: 'compact', maximumFractionDigits: 1 }),
      ).format(n),
    percent: (share, lang, digits = 1) => {
      if (share === null || !Number.isFinite(share)) return '—';
      return cached(
        `p:${lang}:${digits}`,
        () =>
          new Intl.NumberFormat(locale(lang), {
            style: 'percent',
            maximumFractionDigits: digits,
            minimumFractionDigits: digits,
          }),
      ).format(share);
    },
    time: (d, lang) => dates('t', lang, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(new Date(d)),
    dateTime: (d, lang) =>
      dates('dt', lang, {
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
      }).format(new Date(d)),
    day: (d, lang) => dates('d', lang, { day: '2-digit', month: '2-digit' }).format(new Date(d)),
    hour: (d, lang) => dates('h', lang, { hour: '2-digit', minute: '2-digit' }).format(new Date(d)),
    // "5 min ago"-style age, for tickers.
    age: (fromMs, nowMs, lang) => {
      const seconds = Math.max(0, Math.round((nowMs - fromMs) / 1000));
      const rtf = cached(`r:${lang}`, () => new Intl.RelativeTimeFormat(locale(lang), { numeric: 'auto' }));
      if (seconds < 60) return rtf.format(-seconds, 'second');
      if (seconds < 3600) return rtf.format(-Math.round(seconds / 60), 'minute');
      if (seconds < 86_400) return rtf.format(-Math.round(seconds / 3600), 'hour');
      return rtf.format(-Math.round(seconds / 86_400), 'day');
    },
  };
}

let current: CityFormat | undefined;

/** Installs the page's city for the functions below; the app does it once, before it renders. */
export function installCityFormat(city: CityFormatting): CityFormat {
  current = cityFormat(city);
  return current;
}

/** The installed city's formatters; formatting before the city is loaded is a bug, said loudly. */
export function currentFormat(): CityFormat {
  if (!current) throw new Error('citydesk: formatting before the city is loaded (call installCityFormat first)');
  return current;
}

export const formatNumber = (n: number, lang: Lang, digits = 0) => currentFormat().number(n, lang, digits);
export const formatCompact = (n: number, lang: Lang) => currentFormat().compact(n, lang);
export const formatPercent = (share: number | null, lang: Lang, digits = 1) =>
  currentFormat().percent(share, lang, digits);
export const formatTime = (d: Date | string, lang: Lang) => currentFormat().time(d, lang);
export const formatDateTime = (d: Date | string, lang: Lang) => currentFormat().dateTime(d, lang);
export const formatDay = (d: Date | number | string, lang: Lang) => currentFormat().day(d, lang);
export const formatHour = (d: Date | number | string, lang: Lang) => currentFormat().hour(d, lang);
export const formatAge = (fromMs: number, nowMs: number, lang: Lang) => currentFormat().age(fromMs, nowMs, lang);
