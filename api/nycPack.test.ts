import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DRIVERS } from '../db/testing';
import { contentOf, createReportMaker, createRng } from '../seeds/simulator';
import { createWorkingClock } from './domain/workingCalendar';
import { postJson, startTestApp, type TestApp } from './testing';

/** Vietnamese letters (with their marks) and everything else that is Hanoi's, that New York must never show. */
const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;
const HANOI = /Hà Nội|Ha ?noi|Ho_Chi_Minh|vi-VN|en-GB|Phường|Quận|Huyện|\bXã\b/i;
/** Hanoi lies at 105–106.1 E, 20.5–21.4 N: no coordinate of New York's may come near. */
const inHanoi = ([lng, lat]: number[]) => lng > 104 && lng < 107 && lat > 20 && lat < 22;

function coordinates(v: unknown, out: number[][] = []): number[][] {
  if (Array.isArray(v) && v.length >= 2 && typeof v[0] === 'number' && typeof v[1] === 'number')
    out.push(v as number[]);
  else if (Array.isArray(v)) for (const x of v) coordinates(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) coordinates(x, out);
  return out;
}

function expectNoHanoi(what: string, body: unknown) {
  const text = JSON.stringify(body);
  expect(text, `${what}: ${text.match(VIETNAMESE)?.[0]}`).not.toMatch(VIETNAMESE);
  expect(text, `${what}: ${text.match(HANOI)?.[0]}`).not.toMatch(HANOI);
  expect(coordinates(body).filter(inHanoi), what).toEqual([]);
}

const TIMES_SQUARE = { lat: 40.758, lng: -73.9855 };
const CENTRAL_PARK = { lat: 40.7812, lng: -73.9665 };

/** `CITY=nyc`: the same API from the New York pack, with nothing of Hanoi in what it serves. */
describe.each(TEST_DRIVERS)('the New York pack on %s', (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(driver, { city: 'nyc' });
  });
  afterAll(async () => t?.close());

  it('serves New York as the city: English only, en-US, America/New_York, its own views and levels', async () => {
    const city = await (await t.app.request('/api/city')).json();
    expect(city).toMatchObject({
      code: 'nyc',
      languages: ['en'],
      nameEn: 'New York City',
      shortNameEn: 'New York',
      timezone: 'America/New_York',
      locales: { en: 'en-US' },
      levels: { district: { nameEn: 'Borough' }, commune: { nameEn: 'Community district' } },
      basemap: 'boundaries',
    });
    expect(city.areas.filter((a: { level: string }) => a.level === 'district')).toHaveLength(5);
    expect(city.areas.filter((a: { level: string }) => a.level === 'commune')).toHaveLength(59);
    // The desk opens on Midtown and Lower Manhattan; the wall shows the five boroughs.
    const [w, s, e, n] = city.bbox;
    expect(city.views.opening.center[0]).toBeGreaterThan(-74.02);
    expect(city.views.opening.center[0]).toBeLessThan(-73.95);
    for (const v of Object.values(city.views) as Array<{ center: number[] }>) {
      expect(v.center[0]).toBeGreaterThan(w);
      expect(v.center[0]).toBeLessThan(e);
      expect(v.center[1]).toBeGreaterThan(s);
      expect(v.center[1]).toBeLessThan(n);
    }
    expectNoHanoi('/api/city', city);
  });

  it.each([
    '/api/city',
    '/api/categories',
    '/api/map/config',
    '/api/map/style.json',
    '/api/map/mask.geojson',
    '/api/areas/geojson?level=district',
    '/api/areas/geojson?level=commune',
    '/api/layers',
  ])('%s holds nothing of Hanoi', async (path) => {
    const res = await t.app.request(path);
    expect(res.status).toBe(200);
    expectNoHanoi(path, await res.json());
  });

  it('locates a report by borough and community district; a park (no community district) by borough only', async () => {
    const ops = await t.headersFor('operator');
    const body = {
      category: 'noise_residential',
      title: 'Loud music from an apartment on West 44th Street',
      description: 'Loud music every night past midnight.',
      reporter: { name: 'Maria Rivera', phone: '(212) 555-0142' },
    };
    const times = await postJson(t.app, '/api/reports', { ...body, ...TIMES_SQUARE });
    expect(times.status).toBe(201);
    const park = await postJson(t.app, '/api/reports', { ...body, category: 'damaged_tree', ...CENTRAL_PARK });
    expect(park.status).toBe(201);
    const list = await (await t.app.request('/api/reports?area=1', { headers: ops })).json();
    type Item = { areas: { district: { code: string } | null; commune: { code: string } | null }; publicId: string };
    const got = list.items.map((r: Item) => [
      r.areas.district?.code ?? null,
      r.areas.commune?.code ?? null,
      r.publicId.slice(0, 4),
    ]);
    expect(got).toEqual(
      expect.arrayContaining([
        ['1', '105', 'NYC-'],
        ['1', null, 'NYC-'],
      ]),
    );
    expect(got).toHaveLength(2);
    expect((await (await t.app.request('/api/reports?area=105', { headers: ops })).json()).items).toHaveLength(1);
  });

  it('simulates New York reports: its categories, English text, fictional phone numbers', () => {
    const make = createReportMaker({ pack: t.pack, clock: createWorkingClock(t.pack.calendar) });
    const rng = createRng('nyc');
    const codes = new Set(t.pack.categories.map((c) => c.code));
    for (let i = 0; i < 300; i++) {
      const r = make(new Date('2026-11-02T15:00:00Z'), rng);
      expect(codes.has(r.input.category)).toBe(true);
      expectNoHanoi('simulated report', r.input);
      if (r.input.reporter?.phone) expect(r.input.reporter.phone).toMatch(/^212-555-01\d\d$/);
    }
    expect(contentOf(t.pack).language).toBe('en');
  });
});
