import type { Accessor } from 'solid-js';
import type { Lang } from '../i18n/messages';
import type { City } from './city';

/**
 * A reception office's name: the city's own office is named for the city (its code is the city's),
 * the others for their district or ward/commune; an office the city no longer lists keeps its code.
 */
export function officeNamer(city: City, lang: Accessor<Lang>): (code: string) => string {
  const areas = new Map(city.areas.map((a) => [a.code, a]));
  return (code) => {
    const named = code === city.code ? city : areas.get(code);
    if (!named) return code;
    return lang() === 'vi' ? named.nameVi : named.nameEn;
  };
}
