import { describe, expect, it } from 'vitest';
import { isAscii, toAscii } from './names';
import { loadCityPack } from '../packs';

const VIETNAMESE_LETTER = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;

const pack = await loadCityPack('hanoi');
const districts = pack.areas.filter((a) => a.level === 'district');
const communes = pack.areas.filter((a) => a.level === 'commune');

describe('Hanoi city pack', () => {
  it('identifies the city', () => {
    expect(pack).toMatchObject({ code: 'hanoi', publicIdPrefix: 'HN', timezone: 'Asia/Ho_Chi_Minh' });
    const [w, s, e, n] = pack.bbox;
    expect([w, s, e, n].map((x) => Math.round(x * 100) / 100)).toEqual([105.29, 20.56, 106.02, 21.39]);
    expect(pack.center[0]).toBeGreaterThan(w);
    expect(pack.center[1]).toBeLessThan(n);
    expect(pack.attribution.join('\n')).toMatch(/OpenStreetMap contributors, ODbL/);
    expect(pack.attribution.join('\n')).toMatch(/CC BY 3\.0 IGO/);
  });

  it('has 30 districts with 3-digit GSO codes and 126 communes with 5-digit codes', () => {
    expect(districts).toHaveLength(30);
    expect(communes).toHaveLength(126);
    expect(districts.every((a) => /^\d{3}$/.test(a.code))).toBe(true);
    expect(communes.every((a) => /^\d{5}$/.test(a.code))).toBe(true);
    expect(new Set(pack.areas.map((a) => a.code)).size).toBe(156);
  });

  it.each([
    ['002', 'Quận Hoàn Kiếm', 'Hoan Kiem District'],
    ['269', 'Thị xã Sơn Tây', 'Son Tay Town'],
    ['016', 'Huyện Sóc Sơn', 'Soc Son District'],
    ['00070', 'Phường Hoàn Kiếm', 'Hoan Kiem Ward'],
    ['00226', 'Phường Văn Miếu - Quốc Tử Giám', 'Van Mieu - Quoc Tu Giam Ward'],
    ['10273', 'Xã Phú Xuyên', 'Phu Xuyen Commune'], // OSM's name:en carries diacritics
    ['09556', 'Phường Hà Đông', 'Ha Dong Ward'], // OSM has no name:en
  ])('%s is "%s" / "%s"', (code, nameVi, nameEn) => {
    expect(pack.areas.find((a) => a.code === code)).toMatchObject({ nameVi, nameEn });
  });

  it('keeps Vietnamese names with diacritics and English names in plain ASCII', () => {
    for (const a of pack.areas) {
      expect(a.nameVi.normalize('NFC')).toBe(a.nameVi);
      expect(a.nameVi, a.code).toMatch(VIETNAMESE_LETTER);
      expect(isAscii(a.nameEn), `${a.code} ${a.nameEn}`).toBe(true);
      // The English name is the Vietnamese one without its unit word and marks.
      const base = toAscii(a.nameVi.replace(/^(Quận|Huyện|Thị xã|Phường|Xã) /, ''));
      expect(a.nameEn, a.code).toBe(`${base} ${a.nameEn.split(' ').at(-1)}`);
    }
  });

  it('gives every commune a parent district, and districts none', () => {
    const districtCodes = new Set(districts.map((d) => d.code));
    expect(districts.every((d) => d.parentCode === null)).toBe(true);
    for (const c of communes) expect(districtCodes.has(c.parentCode ?? ''), c.code).toBe(true);
    // Every old district keeps at least one new unit whose label point it holds.
    expect(new Set(communes.map((c) => c.parentCode)).size).toBe(30);
  });

  it.each(['district', 'commune'] as const)('%s populations sum to a plausible 7.5–9.5 M', (level) => {
    const units = pack.areas.filter((a) => a.level === level);
    expect(units.every((a) => a.population !== null && a.population > 1000)).toBe(true);
    const total = units.reduce((s, a) => s + (a.population ?? 0), 0);
    expect(total).toBeGreaterThan(7_500_000);
    expect(total).toBeLessThan(9_500_000);
  });

  it("gives the 30 districts the 2019 census populations, which sum to Hanoi's census total", () => {
    // GSO, 2019 Population and Housing Census: 8,053,663 for the city (PROVENANCE.md).
    expect(districts.reduce((s, a) => s + (a.population ?? 0), 0)).toBe(8_053_663);
    expect(districts.find((a) => a.code === '017')?.population).toBe(405_749); // Đông Anh, once mistyped
  });

  it("gives every area an area in km² that sums to about Hanoi's 3,360 km²", () => {
    for (const level of ['district', 'commune'] as const) {
      const total = pack.areas.filter((a) => a.level === level).reduce((s, a) => s + (a.areaKm2 ?? 0), 0);
      expect(total).toBeGreaterThan(3300);
      expect(total).toBeLessThan(3420);
    }
  });

  it('has categories in every group, with unique codes', () => {
    const groups = new Set(pack.categories.map((c) => c.group));
    expect([...groups].sort()).toEqual(['field', 'procedure']);
    expect(pack.categories.filter((c) => c.group === 'field').length).toBeGreaterThanOrEqual(10);
    expect(new Set(pack.categories.map((c) => c.code)).size).toBe(pack.categories.length);
    expect(pack.categories.find((c) => c.code === 'security_order')?.severity).toBe('urgent');
    expect(pack.categories.find((c) => c.code === 'drainage_flooding')?.severity).toBe('urgent');
    expect(pack.categories.find((c) => c.code === 'land_planning')?.severity).toBe('complex');
  });

  it('carries the working calendar and SLA rules', () => {
    expect(pack.calendar.timezone).toBe(pack.timezone);
    expect(pack.calendar.holidays.length).toBeGreaterThan(0);
    expect(pack.sla.acceptWithinHours).toBeGreaterThan(0);
  });

  it('loads once: the second call returns the same object', async () => {
    expect(await loadCityPack('hanoi')).toBe(pack);
  });
});
