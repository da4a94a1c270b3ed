import { afterAll, describe, expect, it } from 'vitest';
import { formatDateTime, formatNumber, formatTime, installCityFormat } from '../i18n/format';
import { resolutionForZoom } from '../map/resolution';
import { appTitle, documentTitle, loadCity, openingView, parseCity, wholeCityView } from './city';
import { HANOI, LAKESIDE } from './fixtures/cities';

// The views' city-dependent parts, computed by the functions the views call, for a made-up city
// that differs from Hanoi in every field: each must follow the city, none may fall back on Hanoi.
describe.each([
  [HANOI, 'citydesk Hà Nội', 'citydesk Hanoi', 'citydesk — Hà Nội', '08:30:00', '02/03/2026, 08:30', '1.234.567'],
  [
    LAKESIDE,
    'citydesk Bờ Hồ',
    'citydesk Lakeside',
    'citydesk — Bờ Hồ',
    '19:30:00',
    '03/01/2026, 19:30',
    /^1['’]234['’]567$/,
  ],
])('views of %o', (city, titleVi, titleEn, tab, timeEn, dateTimeEn, numberVi) => {
  afterAll(() => installCityFormat(HANOI));

  it('titles the headers and the browser tab with the city’s name', () => {
    expect(appTitle(city, 'vi')).toBe(titleVi);
    expect(appTitle(city, 'en')).toBe(titleEn);
    expect(documentTitle(city)).toBe(tab);
  });

  it('opens the desk on the urban core and the wall and public map on the whole city', () => {
    const [lng, lat] = city.views.opening.center;
    expect(openingView(city)).toEqual({ longitude: lng, latitude: lat, zoom: city.views.opening.zoom });
    const [cLng, cLat] = city.views.city.center;
    expect(wholeCityView(city)).toEqual({ longitude: cLng, latitude: cLat, zoom: city.views.city.zoom });
    // The first hexes asked for follow the opening zoom (the desk's initialHexRes).
    expect(resolutionForZoom(openingView(city).zoom)).toBe(resolutionForZoom(city.views.opening.zoom));
  });

  it('tells times on the city’s clock and writes numbers in its format', () => {
    installCityFormat(city);
    // 01:30 UTC: 08:30 in Hanoi (UTC+7); 19:30 the evening before in Chicago (UTC−6 before DST).
    expect(formatTime('2026-03-02T01:30:00Z', 'en')).toBe(timeEn);
    expect(formatDateTime('2026-03-02T01:30:00Z', 'en')).toBe(dateTimeEn);
    if (typeof numberVi === 'string') expect(formatNumber(1234567, 'vi')).toBe(numberVi);
    else expect(formatNumber(1234567, 'vi')).toMatch(numberVi);
  });
});

describe('the city from GET /api/city', () => {
  it('round-trips what the server serves', async () => {
    const asked: string[] = [];
    const city = await loadCity(async (url) => {
      asked.push(url);
      return JSON.parse(JSON.stringify(LAKESIDE));
    });
    expect(asked).toEqual(['/api/city']);
    expect(city).toEqual(LAKESIDE);
  });

  it.each([
    [{ ...LAKESIDE, timezone: 'Mars/Olympus_Mons' }, 'timezone: unknown time zone Mars/Olympus_Mons'],
    [{ ...LAKESIDE, shortNameEn: '' }, 'shortNameEn: expected a non-empty string'],
    [{ ...LAKESIDE, locales: { vi: 'vi-VN' } }, 'locales.en: expected a non-empty string'],
    [{ ...LAKESIDE, views: { opening: LAKESIDE.views.opening } }, 'views.city.zoom: expected a number'],
    [{ ...LAKESIDE, bbox: [1, 2, 3] }, 'bbox: expected 4 numbers'],
    [
      { ...LAKESIDE, areas: [{ ...LAKESIDE.areas[0], level: 'county' }] },
      'areas[0].level: expected district or commune',
    ],
    [{ ...LAKESIDE, areas: [LAKESIDE.areas[0], { ...LAKESIDE.areas[1], parentCode: 7 }] }, 'areas[1].parentCode'],
    [null, 'expected an object'],
  ])('names what is wrong: %#', async (body, message) => {
    expect(() => parseCity(body)).toThrow(message);
    await expect(loadCity(async () => body)).rejects.toThrow(`/api/city: ${message}`);
  });
});
