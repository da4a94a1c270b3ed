import { describe, expect, it } from 'vitest';
import { type StaffViewer, areaCodesOf, inScope, scopeOf } from './viewer';

const areas = [
  { code: '001', parentCode: null },
  { code: '002', parentCode: null },
  { code: '00004', parentCode: '001' },
  { code: '00008', parentCode: '001' },
  { code: '00091', parentCode: '002' },
];
const base = { kind: 'staff', userId: 1, name: 'x', via: 'session' } as const;

describe('scopeOf', () => {
  it('gives operators and admins the whole city', () => {
    expect(scopeOf({ ...base, role: 'operator' }, { areas: [] })).toEqual({});
    expect(scopeOf({ ...base, role: 'admin' }, { areas: [] })).toEqual({});
  });

  it("gives a district chief the district and the communes whose parent it is, not its neighbour's", () => {
    const chief: StaffViewer = { ...base, role: 'chief', areaCode: '001' };
    expect(scopeOf(chief, { areas: areas as never })).toEqual({ areaCodes: ['001', '00004', '00008'] });
  });

  it('gives a commune chief the commune alone', () => {
    expect(areaCodesOf('00091', areas)).toEqual(['00091']);
  });

  it('gives an agency its agency, city-wide', () => {
    expect(scopeOf({ ...base, role: 'agency', agencyCode: 'SXD' }, { areas: [] })).toEqual({ agencyCode: 'SXD' });
  });
});

describe('inScope', () => {
  const report = { districtCode: '002', communeCode: '00091', agencyCode: 'SXD' };
  it('matches by district or commune, and by agency', () => {
    expect(inScope({}, report)).toBe(true);
    expect(inScope({ areaCodes: ['002'] }, report)).toBe(true);
    expect(inScope({ areaCodes: ['00091'] }, report)).toBe(true);
    expect(inScope({ areaCodes: ['001', '00004'] }, report)).toBe(false);
    expect(inScope({ agencyCode: 'SXD' }, report)).toBe(true);
    expect(inScope({ agencyCode: 'CAHN' }, report)).toBe(false);
  });

  it('places a report outside every area in no chief scope', () => {
    expect(inScope({ areaCodes: ['001'] }, { districtCode: null, communeCode: null, agencyCode: 'SXD' })).toBe(false);
  });
});
