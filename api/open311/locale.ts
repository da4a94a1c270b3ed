import type { Context } from 'hono';
import type { CityPack, PackLanguage } from '../../core/cityPack';

export type Lang = PackLanguage;

/**
 * The language of names and notes: `?locale=` (vi, en, or a tag such as en-US), else the first
 * of the pack's languages that Accept-Language names, else the pack's first language. An answer
 * in one language throughout; the standard has no field for a second.
 */
export function langOf(c: Context, pack: Pick<CityPack, 'languages'>, locale?: string): Lang {
  const known = (tag: string | undefined) => pack.languages.find((l) => tag?.toLowerCase().startsWith(l));
  if (locale) return known(locale) ?? pack.languages[0]!;
  const accepted = (c.req.header('accept-language') ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return { tag: tag!.trim(), q: q === undefined ? 1 : Number(q) };
    })
    .filter((a) => a.tag && a.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const a of accepted) {
    const l = known(a.tag);
    if (l) return l;
  }
  return pack.languages[0]!;
}
