import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DRIVERS } from '../db/testing';
import { startTestApp, type TestApp } from './testing';

/** GET /api/city is all the dashboard knows of the city: names, clock, number format and cameras. */
describe.each(TEST_DRIVERS)('GET /api/city on %s', (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(driver, { overlays: false });
  });
  afterAll(async () => t?.close());

  it('serves the pack’s presentation, and nothing else of it', async () => {
    const res = await t.app.request('/api/city');
    expect(res.status).toBe(200);
    const p = t.pack;
    expect(await res.json()).toEqual({
      code: p.code,
      languages: ['vi', 'en'],
      nameVi: p.nameVi,
      nameEn: p.nameEn,
      shortNameVi: 'Hà Nội',
      shortNameEn: 'Hanoi',
      timezone: 'Asia/Ho_Chi_Minh',
      locales: { vi: 'vi-VN', en: 'en-GB' },
      center: p.center,
      bbox: p.bbox,
      views: {
        opening: { center: [105.84, 21.02], zoom: 10.6 },
        city: { center: [105.7, 21.0], zoom: 9.2 },
      },
      attribution: p.attribution,
      levels: {
        district: { nameVi: 'Quận/huyện (trước 2025)', nameEn: 'District (pre-2025)', codePattern: '^\\d{3}$' },
        commune: { nameVi: 'Phường/xã (2025)', nameEn: 'Ward/commune (2025)', codePattern: '^\\d{5}$' },
      },
      basemap: 'boundaries',
      areas: p.areas.map(({ code, level, nameVi, nameEn, parentCode }) => ({
        code,
        level,
        nameVi,
        nameEn,
        parentCode,
      })),
    });
  });

  it('opens both cameras inside the city’s bounding box', () => {
    const [w, s, e, n] = t.pack.bbox;
    for (const { center } of Object.values(t.pack.views)) {
      expect(center[0]).toBeGreaterThan(w);
      expect(center[0]).toBeLessThan(e);
      expect(center[1]).toBeGreaterThan(s);
      expect(center[1]).toBeLessThan(n);
    }
  });
});
