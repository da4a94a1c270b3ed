import { describe, expect, it } from 'vitest';
import { cityFormat } from '../i18n/format';
import { langFor, otherLang } from '../i18n/languages';
import { MESSAGES } from '../i18n/messages';
import { appTitle, areaLevelOf, cityLang, documentTitle, levelName, parseCity } from './city';
import { HANOI, NEW_YORK } from './fixtures/cities';

const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;

/** The city-dependent parts of the dashboard for an English-only pack: nothing Vietnamese, US formats. */
describe('a one-language city (the New York pack)', () => {
  const city = parseCity(JSON.parse(JSON.stringify(NEW_YORK)));

  it('opens in its one language and offers no other, whatever the URL asks', () => {
    expect(cityLang(city)).toBe('en');
    expect(langFor('vi', city)).toBe('en');
    expect(otherLang('en', city)).toBeNull();
    expect(otherLang('vi', HANOI)).toBe('en');
  });

  it('titles and level names come from the pack, in English', () => {
    const texts = [
      documentTitle(city),
      appTitle(city, cityLang(city)),
      levelName(city, 'district', 'en'),
      levelName(city, 'commune', 'en'),
    ];
    expect(texts).toEqual([
      `${MESSAGES.en.appName} — New York`,
      `${MESSAGES.en.appName} New York`,
      'Borough',
      'Community district',
    ]);
    for (const t of texts) expect(t).not.toMatch(VIETNAMESE);
    expect(documentTitle(HANOI)).toBe(`${MESSAGES.vi.appName} — Hà Nội`);
  });

  it('writes numbers and dates the US way, on New York time', () => {
    const f = cityFormat(city);
    expect(f.number(1234567.5, 'en', 1)).toBe('1,234,567.5');
    expect(f.percent(0.125, 'en', 1)).toMatch(/^12\.5\s?%$/);
    // 17:30 UTC on 2 Nov 2026 is 12:30 in New York (EST since 1 Nov).
    expect(f.time('2026-11-02T17:30:00Z', 'en')).toMatch(/12:30/);
    expect(f.dateTime('2026-11-02T17:30:00Z', 'en')).toMatch(/^11\/02\/2026, 12:30/);
  });

  it('knows an area code’s level from the city’s areas, not from its length', () => {
    const level = areaLevelOf(city);
    expect([level('1'), level('101'), level('164'), level('001')]).toEqual([
      'district',
      'commune',
      undefined,
      undefined,
    ]);
  });

  it('refuses a city with no languages or a language the interface lacks', () => {
    expect(() => parseCity({ ...NEW_YORK, languages: [] })).toThrow('languages');
    expect(() => parseCity({ ...NEW_YORK, languages: ['fr'] })).toThrow('languages');
  });
});
