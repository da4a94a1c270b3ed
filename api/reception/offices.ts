import { areaCodesOf } from '../../core/areaScope';
import type { CityPack } from '../../core/cityPack';
import { officeOf, type ReceptionOffice } from '../../core/reception';
import type { OfficeScope } from '../../db/stores/reception';
import type { StaffViewer } from '../auth/viewer';

/** An office with its names, as responses carry it. */
export interface OfficeRef extends ReceptionOffice {
  nameVi: string;
  nameEn: string;
  /** The district a commune's office lies in; null for the city's and districts'. */
  parentCode: string | null;
}

/**
 * The city's reception offices, from the pack: the city's own (its code is the pack's), then one
 * per district and one per ward/commune. Built once per app.
 */
export function receptionOffices(pack: Pick<CityPack, 'code' | 'nameVi' | 'nameEn' | 'areas'>) {
  const list: OfficeRef[] = [
    { code: pack.code, level: 'city', nameVi: pack.nameVi, nameEn: pack.nameEn, parentCode: null },
    ...pack.areas.map((a) => ({
      code: a.code,
      level: a.level,
      nameVi: a.nameVi,
      nameEn: a.nameEn,
      parentCode: a.parentCode,
    })),
  ];
  const byCode = new Map(list.map((o) => [o.code, o]));
  return {
    list,
    get: (code: string): OfficeRef | null => (officeOf(code, pack) ? (byCode.get(code) ?? null) : null),
    /** The office's place, as its slots and their events store it (the stream scopes by it). */
    place(o: OfficeRef): { districtCode: string | null; communeCode: string | null } {
      if (o.level === 'district') return { districtCode: o.code, communeCode: null };
      if (o.level === 'commune') return { districtCode: o.parentCode, communeCode: o.code };
      return { districtCode: null, communeCode: null };
    },
  };
}
export type ReceptionOffices = ReturnType<typeof receptionOffices>;

/**
 * Which offices a staff member manages: the operations centre every one; a chief its area's (a
 * district chief also its communes', by the same rule as reports: core/areaScope.ts). Never the
 * city's own office for a chief. Agencies are refused before this (the routes' roles).
 */
export function officeScopeOf(viewer: StaffViewer, pack: Pick<CityPack, 'areas'>): OfficeScope {
  return viewer.role === 'chief' ? { officeCodes: areaCodesOf(viewer.areaCode, pack.areas) } : {};
}

export function inOfficeScope(scope: OfficeScope, code: string): boolean {
  return scope.officeCodes === undefined || scope.officeCodes.includes(code);
}
