import type { Feature } from 'geojson';
import { describe, expect, it } from 'vitest';
import { hexScale } from '../map/hexes';
import { legendSections } from '../map/legendModel';
import { poiTooltip } from '../map/poiTooltip';
import type { OverlayInfo } from '../map/types';
import { poiFocus, poiFromFeature, poiLinks, poiTitle } from './poiView';

const feature = (properties: Record<string, unknown>, id: number | null = 7): Feature => ({
  type: 'Feature',
  id: id ?? undefined,
  geometry: { type: 'Point', coordinates: [105.8494, 21.0386] },
  properties,
});

describe('POI card text', () => {
  // [name, kind, lang, title]
  it.each([
    ['Chợ Đồng Xuân', 'market', 'vi', 'Chợ Đồng Xuân'],
    ['Chợ Đồng Xuân', 'market', 'en', 'Chợ Đồng Xuân'],
    [null, 'school', 'vi', 'Trường học chưa có tên'],
    [null, 'school', 'en', 'Unnamed school'],
    [null, 'health_station', 'en', 'Unnamed health station'],
    [null, 'kindergarten', 'vi', 'Trường mầm non chưa có tên'],
  ] as const)('%j (%s, %s) is titled %j', (name, kind, lang, title) => {
    expect(poiTitle({ name, kind }, lang)).toBe(title);
  });

  // [website as stored, link drawn]
  it.each([
    ['https://benhvienbachmai.vn/', 'https://benhvienbachmai.vn/'],
    ['http://example.vn', 'http://example.vn/'],
    ['javascript:alert(1)', null],
    ['JAVASCRIPT:alert(1)', null],
    ['data:text/html,<script>alert(1)</script>', null],
    ['//evil.example', null],
    ['www.example.vn', null],
    [null, null],
  ])('links the website %j as %j', (website, href) => {
    expect(poiLinks({ website, phone: null, osm: 'node/1' }).website).toBe(href);
  });

  it('dials the phone as written without its spaces, and links the OSM object', () => {
    expect(poiLinks({ website: null, phone: '+84 24 3869 3731', osm: 'way/123' })).toEqual({
      tel: 'tel:+842438693731',
      website: null,
      osm: 'https://www.openstreetmap.org/way/123',
    });
    expect(poiLinks({ website: null, phone: null, osm: 'javascript:x' }).osm).toBeNull();
  });

  it('reads a clicked feature of a POI layer, and refuses one that is not a POI', () => {
    expect(
      poiFromFeature(
        feature({ osm: 'node/5', category: 'market', kind: 'market', name: 'Chợ Đồng Xuân', phone: '024 3825 5102' }),
        'poi_markets',
      ),
    ).toEqual({
      id: 7,
      layer: 'poi_markets',
      category: 'market',
      kind: 'market',
      name: 'Chợ Đồng Xuân',
      address: null,
      phone: '024 3825 5102',
      website: null,
      osm: 'node/5',
      lng: 105.8494,
      lat: 21.0386,
    });
    expect(poiFromFeature(feature({ name: 'Điểm dừng xe buýt' }), 'transit_bus_stops')).toBeNull();
    expect(poiFromFeature(feature({ kind: 'market', category: 'market' }, null), 'poi_markets')).toBeNull();
  });

  it('flies to a small box around the point', () => {
    const { bbox } = poiFocus({ lng: 105.85, lat: 21.03 });
    expect(bbox[0]).toBeLessThan(105.85);
    expect(bbox[2]).toBeGreaterThan(105.85);
    expect(bbox[2] - bbox[0]).toBeLessThan(0.01);
  });

  it('titles the tooltip of an unnamed point by its kind, with the text escaped', () => {
    const html = poiTooltip(feature({ kind: 'police', category: 'police', name: null }), 'en')!;
    expect(html).toContain('Unnamed police unit');
    const hostile = poiTooltip(
      feature({ kind: 'market', category: 'market', name: '<img src=x onerror=alert(1)>' }),
      'vi',
    )!;
    expect(hostile).not.toContain('<img');
    expect(hostile).toContain('&lt;img');
  });
});

describe('POI legend', () => {
  it('gives each place layer its colour, its kinds and the OSM source line', () => {
    const health: OverlayInfo = {
      code: 'poi_health',
      kind: 'amenity',
      nameVi: 'Cơ sở y tế',
      nameEn: 'Health facilities',
      source: '© OpenStreetMap contributors',
      licence: 'ODbL 1.0',
      simulated: false,
      dataDate: '2025-11',
    };
    const [section] = legendSections({
      lang: 'en',
      theme: 'light',
      showHexes: false,
      hexCount: 0,
      metric: 'received',
      hexScale: hexScale([], 'received', 'light'),
      showChoropleth: false,
      choroplethScale: null,
      hotCells: 0,
      livePulses: false,
      overlays: [health],
      enabledOverlays: new Set(['poi_health']),
      overlayData: new Map(),
    });
    expect(section).toMatchObject({
      id: 'overlay-poi_health',
      title: 'Health facilities',
      items: [{ colour: 'rgb(200 30 45)', shape: 'dot', label: 'Hospital, Clinic, Commune health station' }],
      source: 'Source: © OpenStreetMap contributors · ODbL 1.0 · 2025-11',
      simulated: false,
    });
  });
});
