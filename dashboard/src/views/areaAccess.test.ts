import { describe, expect, it } from 'vitest';
import type { SignedIn } from '../auth/landing';
import { areaAccess, areaCodesShown, areaQueryFor, areaUnits } from './areaAccess';
import { HANOI } from './fixtures/cities';

const AREAS = HANOI.areas;
const districtChief: SignedIn = { role: 'chief', areaCode: '001' };
const communeChief: SignedIn = { role: 'chief', areaCode: '00070' };

describe('areaAccess', () => {
  it.each([
    ['an operator', { role: 'operator' } as SignedIn, '002', 'open'],
    ['an admin', { role: 'admin' } as SignedIn, '00082', 'open'],
    ['an agency', { role: 'agency', agencyCode: 'dept_construction' } as SignedIn, '001', 'open'],
    ['a district chief, its district', districtChief, '001', 'open'],
    ['a district chief, one of its communes', districtChief, '00097', 'open'],
    ['a district chief, another district', districtChief, '002', 'forbidden'],
    ["a district chief, another district's commune", districtChief, '00070', 'forbidden'],
    ['a commune chief, its commune', communeChief, '00070', 'open'],
    ['a commune chief, its parent district', communeChief, '002', 'forbidden'],
    ['a commune chief, its neighbour', communeChief, '00082', 'forbidden'],
    ['anyone, a code the city does not have', { role: 'operator' } as SignedIn, '999', 'unknown'],
  ])('%s opening %s: %s', (_case, user, code, kind) => {
    expect(areaAccess(user, code, AREAS).kind).toBe(kind);
  });

  it('names the area asked for and the chief’s own, for the 403 page', () => {
    expect(areaAccess(districtChief, '00082', AREAS)).toEqual({
      kind: 'forbidden',
      area: { code: '00082', level: 'commune', nameVi: 'Phường Cửa Nam', nameEn: 'Cua Nam Ward', parentCode: '002' },
      own: { code: '001', level: 'district', nameVi: 'Quận Ba Đình', nameEn: 'Ba Dinh District', parentCode: null },
    });
  });
});

describe('areaUnits (the league table of an area)', () => {
  it('lists a district’s communes, not the other districts', () => {
    expect([...areaUnits('001', AREAS)]).toEqual(['00004', '00008', '00025', '00097']);
    expect([...areaUnits('002', AREAS)]).toEqual(['00070', '00082']);
  });

  it('lists a commune alone', () => {
    expect([...areaUnits('00082', AREAS)]).toEqual(['00082']);
  });
});

describe('areaQueryFor', () => {
  it('leaves a chief’s own area to the server’s scope, and filters anything narrower or anyone else’s view', () => {
    expect(areaQueryFor(districtChief, '001')).toBeUndefined();
    expect(areaQueryFor(districtChief, '00004')).toBe('00004');
    expect(areaQueryFor({ role: 'operator' }, '001')).toBe('001');
  });
});

describe('areaCodesShown', () => {
  it('counts a district’s own code and its communes’', () => {
    expect([...areaCodesShown('002', AREAS)]).toEqual(['002', '00070', '00082']);
  });
});
