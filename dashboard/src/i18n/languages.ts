import type { Lang } from './messages';

/**
 * Which interface languages a city offers: the pack's own (GET /api/city `languages`, the first its
 * default). A city whose pack is in one language gets no toggle and never the other language,
 * whatever `?lang=` says.
 */
export interface CityLanguages {
  languages: readonly Lang[];
}

/** The language asked for if the city offers it, else the city's default. */
export function langFor(asked: string | null | undefined, city: CityLanguages): Lang {
  return city.languages.includes(asked as Lang) ? (asked as Lang) : city.languages[0];
}

/** The language a toggle switches to, or null when the city offers only one (no toggle). */
export function otherLang(current: Lang, city: CityLanguages): Lang | null {
  const others = city.languages.filter((l) => l !== current);
  return others[0] ?? null;
}
