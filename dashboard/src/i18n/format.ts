import type { Lang } from './messages';

/** The city's clock: every date and time on screen is Hanoi time, whatever the viewer's machine says. */
export const CITY_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const LOCALES: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' };

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined;
  if (!f) cache.set(key, (f = make()));
  return f;
}

export function formatNumber(n: number, lang: Lang, digits = 0): string {
  return cached(
    `n:${lang}:${digits}`,
    () => new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: digits, minimumFractionDigits: digits }),
  ).format(n);
}

/** A count in few characters ("150 N", "150K"), for axis labels. */
export function formatCompact(n: number, lang: Lang): string {
  return cached(
    `c:${lang}`,
    () => new Intl.NumberFormat(LOCALES[lang], { notation: 'compact', maximumFractionDigits: 1 }),
  ).format(n);
}

export function formatPercent(share: number | null, lang: Lang, digits = 1): string {
  if (share === null || !Number.isFinite(share)) return '—';
  return cached(
    `p:${lang}:${digits}`,
    () =>
      new Intl.NumberFormat(LOCALES[lang], {
        style: 'percent',
        maximumFractionDigits: digits,
        minimumFractionDigits: digits,
      }),
  ).format(share);
}

export function formatTime(d: Date | string, lang: Lang): string {
  return cached(
    `t:${lang}`,
    () =>
      new Intl.DateTimeFormat(LOCALES[lang], {
        timeZone: CITY_TIME_ZONE,
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hour12: false,
      }),
  ).format(new Date(d));
}

export function formatDateTime(d: Date | string, lang: Lang): string {
  return cached(
    `dt:${lang}`,
    () =>
      new Intl.DateTimeFormat(LOCALES[lang], {
        timeZone: CITY_TIME_ZONE,
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hour12: false,
      }),
  ).format(new Date(d));
}

export function formatDay(d: Date | number | string, lang: Lang): string {
  return cached(
    `d:${lang}`,
    () => new Intl.DateTimeFormat(LOCALES[lang], { timeZone: CITY_TIME_ZONE, day: '2-digit', month: '2-digit' }),
  ).format(new Date(d));
}

export function formatHour(d: Date | number | string, lang: Lang): string {
  return cached(
    `h:${lang}`,
    () =>
      new Intl.DateTimeFormat(LOCALES[lang], {
        timeZone: CITY_TIME_ZONE,
        hour: '2-digit',
        minute: '2-digit',
        hour12: false,
      }),
  ).format(new Date(d));
}

/** "5 min ago"-style age, for tickers. */
export function formatAge(fromMs: number, nowMs: number, lang: Lang): string {
  const seconds = Math.max(0, Math.round((nowMs - fromMs) / 1000));
  const rtf = cached(
    `r:${lang}`,
    () => new Intl.RelativeTimeFormat(LOCALES[lang], { numeric: 'auto' }) as unknown as Intl.NumberFormat,
  ) as unknown as Intl.RelativeTimeFormat;
  if (seconds < 60) return rtf.format(-seconds, 'second');
  if (seconds < 3600) return rtf.format(-Math.round(seconds / 60), 'minute');
  if (seconds < 86_400) return rtf.format(-Math.round(seconds / 3600), 'hour');
  return rtf.format(-Math.round(seconds / 86_400), 'day');
}
