import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldForSearch } from '../../core/foldText';
import { POI_LAYER_CODES } from '../../core/poi';
import { TEST_DRIVERS } from '../../db/testing';
import { startTestApp, type TestApp } from '../testing';
import type { PoiEntry } from './searchIndex';

interface SearchBody {
  q: string;
  total: number;
  items: PoiEntry[];
  attribution: string;
}

describe.each(TEST_DRIVERS)('GET /api/poi/search (%s)', (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(driver);
  }, 120_000);
  afterAll(() => t?.close());

  const search = async (query: string) => {
    const res = await t.app.request(`/api/poi/search?${query}`);
    return { status: res.status, headers: res.headers, body: (await res.json()) as SearchBody };
  };

  it('loads the pack POI layers on start and indexes them', async () => {
    expect(t.runtime.poi.size).toBe(2_662);
    const res = await t.app.request('/api/layers');
    const { items } = (await res.json()) as { items: Array<{ code: string; kind: string; featureCount: number }> };
    const poi = items.filter((l) => l.kind === 'amenity');
    expect(poi.map((l) => l.code).sort()).toEqual([...POI_LAYER_CODES].sort());
    expect(poi.reduce((n, l) => n + l.featureCount, 0)).toBe(2_662);
  });

  it('finds "benh vien" in names written "Bệnh viện", with the OSM attribution', async () => {
    const { status, headers, body } = await search('q=benh%20vien');
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('public, max-age=300');
    expect(body.attribution).toBe('© OpenStreetMap contributors, ODbL');
    expect(body.total).toBeGreaterThan(100);
    expect(body.items).toHaveLength(10);
    for (const item of body.items) {
      expect(item.name).toMatch(/^Bệnh viện/);
      expect(item.category).toBe('health');
      expect(item.layer).toBe('poi_health');
    }
  });

  it('finds "cho dong xuan" as Chợ Đồng Xuân first, where the map draws it', async () => {
    const { body } = await search('q=cho+dong+xuan');
    expect(body.items[0]).toMatchObject({
      name: 'Chợ Đồng Xuân',
      category: 'market',
      kind: 'market',
      layer: 'poi_markets',
    });
    // The same feature id and point as the layer's GeoJSON: the card and the map agree.
    const geo = (await (await t.app.request('/api/layers/poi_markets/geojson')).json()) as {
      features: Array<{ id: number; geometry: { coordinates: number[] }; properties: { name: string | null } }>;
    };
    const f = geo.features.find((x) => x.id === body.items[0].id);
    expect(f?.properties.name).toBe('Chợ Đồng Xuân');
    expect(f?.geometry.coordinates).toEqual([body.items[0].lng, body.items[0].lat]);
  });

  it('filters by category, bounds the list, and never lists an unnamed point', async () => {
    const { body } = await search('q=truong&category=education&limit=50');
    expect(body.items).toHaveLength(50);
    expect(body.total).toBeGreaterThan(50);
    for (const item of body.items) {
      expect(item.category).toBe('education');
      expect(item.name).not.toBeNull();
      expect(foldForSearch(item.name!)).toMatch(/(^| )truong/);
    }
    expect((await search('q=cong+an&category=market')).body.total).toBe(0);
  });

  // [query, field named in the 400]
  it.each([
    ['', 'q'],
    ['q=', 'q'],
    ['q=%20%20', 'q'],
    ['q=!!!', 'q'],
    [`q=${'a'.repeat(101)}`, 'q'],
    ['q=cho&category=temple', 'category'],
    ['q=cho&limit=0', 'limit'],
    ['q=cho&limit=51', 'limit'],
    ['q=cho&limit=2.5', 'limit'],
    ['q=cho&limit=ten', 'limit'],
    ['q=cho&area=002', 'area'],
  ])('refuses ?%s with a 400 naming %s', async (query, field) => {
    const res = await t.app.request(`/api/poi/search?${query}`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; field?: string } };
    expect(body.error).toMatchObject({ code: 'invalid_request', field });
  });
});
