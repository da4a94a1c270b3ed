import type { AreaFeature } from './cityPack';

/**
 * A chief's area, as codes: a district chief sees its district and the communes whose parent is
 * that district (the pack's parentCode); a commune chief sees its commune. Pure, so that the
 * server's report scope (api/auth/viewer.ts) and the dashboard's area view (which units its league
 * table lists, which areas a chief may open) read the same rule.
 */
export function areaCodesOf(areaCode: string, areas: readonly Pick<AreaFeature, 'code' | 'parentCode'>[]): string[] {
  return [areaCode, ...areas.filter((a) => a.parentCode === areaCode).map((a) => a.code)];
}
