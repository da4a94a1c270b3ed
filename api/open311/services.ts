import type { Category, CategoryGroup, CityPack } from '../../core/cityPack';
import { NotFound } from '../errors';
import { attributesOf, definitionOf } from './attributes';
import type { Lang } from './locale';

/** The pack's report groups as Open311 `group`s. */
const GROUP_NAMES: Record<CategoryGroup, Record<Lang, string>> = {
  field: { vi: 'Phản ánh hiện trường', en: 'Field reports' },
  procedure: { vi: 'Thủ tục hành chính', en: 'Administrative procedures' },
};

export function serviceName(c: Category, lang: Lang): string {
  return lang === 'en' ? c.nameEn : c.nameVi;
}

export function agencyName(c: Category, lang: Lang): string {
  return lang === 'en' ? c.agencyEn : c.agencyVi;
}

/**
 * One service per category of the pack. `type` is realtime: a report gets its id at once (the
 * intake is synchronous), and `metadata` says whether the definition has attributes to ask.
 */
export function serviceView(c: Category, lang: Lang) {
  return {
    service_code: c.code,
    service_name: serviceName(c, lang),
    description: lang === 'en' ? `${c.nameEn}: handled by ${c.agencyEn}` : `${c.nameVi}: do ${c.agencyVi} xử lý`,
    metadata: attributesOf(c).length > 0,
    type: 'realtime',
    keywords: [c.group, c.agencyCode, ...c.code.split('_')].join(', '),
    group: GROUP_NAMES[c.group][lang],
  };
}

export function servicesOf(pack: Pick<CityPack, 'categories'>, lang: Lang) {
  return pack.categories.map((c) => serviceView(c, lang));
}

export class UnknownService extends NotFound {
  constructor(code: string) {
    super(`Service "${code}"`);
  }
}

export function categoryOf(pack: Pick<CityPack, 'categories'>, code: string): Category {
  const c = pack.categories.find((x) => x.code === code);
  if (!c) throw new UnknownService(code);
  return c;
}

export function serviceDefinition(c: Category, lang: Lang) {
  return { service_code: c.code, attributes: definitionOf(c, lang) };
}
