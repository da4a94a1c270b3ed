import type { FeatureCollection } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { installCityFormat } from '../i18n/format';
import { HANOI } from '../views/fixtures/cities';
import { choroplethScale } from './areas';
import { hexScale } from './hexes';
import { legendSections, sourceLine, trafficParts, type LegendInput } from './legendModel';
import type { AreaDatum, OverlayInfo } from './types';

// Tooltips and the legend format with the page's city, installed before the first render.
beforeAll(() => installCityFormat(HANOI));
const overlay = (code: string, kind: OverlayInfo['kind'], simulated: boolean, dataDate?: string): OverlayInfo => ({
  code,
  kind,
  nameVi: `Lớp ${code}`,
  nameEn: `Layer ${code}`,
  source: 'OSM',
  licence: 'ODbL 1.0',
  simulated,
  dataDate,
});

const areaValues = new Map<string, AreaDatum>(
  [10, 20, 30, 40, 50, 60].map((open, i) => [
    `a${i}`,
    { code: `a${i}`, nameVi: '', nameEn: '', population: 10_000, open, overdue: 0, received: 0 },
  ]),
);
const hexes = [
  { cell: 'a', received: 3, open: 1, overdue: 0 },
  { cell: 'b', received: 120, open: 9, overdue: 2 },
];
const planning: FeatureCollection = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { class: 'residential' }, geometry: null as never },
    { type: 'Feature', properties: { class: 'green' }, geometry: null as never },
  ],
};

const base = (over: Partial<LegendInput> = {}): LegendInput => ({
  lang: 'en',
  theme: 'light',
  showHexes: true,
  hexCount: hexes.length,
  metric: 'received',
  hexScale: hexScale(hexes, 'received', 'light'),
  showChoropleth: false,
  choroplethScale: null,
  hotCells: 0,
  livePulses: true,
  overlays: [
    overlay('air', 'environment', true),
    overlay('bus', 'transit', false, '2025-07-01'),
    overlay('plan', 'planning', true),
  ],
  enabledOverlays: new Set(),
  overlayData: new Map(),
  ...over,
});

describe('legendSections', () => {
  it('shows the hex scale with its min and max', () => {
    const [hex] = legendSections(base());
    expect(hex.id).toBe('hexes');
    expect(hex.title).toBe('New reports per cell');
    expect(hex.ramp).toMatchObject({ min: '3', max: '120' });
    expect(hex.ramp!.colours).toHaveLength(5);
  });

  it('lists only visible layers', () => {
    expect(legendSections(base({ showHexes: false })).map((s) => s.id)).toEqual(['pulses']);
    expect(legendSections(base({ hexCount: 0 })).map((s) => s.id)).toEqual(['pulses']);
    // The public map gets counts per window, no event per report: no pulse to explain.
    expect(legendSections(base({ hexCount: 0, livePulses: false })).map((s) => s.id)).toEqual([]);
    const all = legendSections(
      base({
        showChoropleth: true,
        choroplethScale: choroplethScale(areaValues, 'light'),
        hotCells: 3,
        enabledOverlays: new Set(['air', 'bus', 'plan']),
        overlayData: new Map([['plan', planning]]),
      }),
    );
    expect(all.map((s) => s.id)).toEqual([
      'hexes',
      'choropleth',
      'hotspots',
      'pulses',
      'overlay-air',
      'overlay-bus',
      'overlay-plan',
    ]);
  });

  it('gives choropleth classes as ranges and a no-data swatch', () => {
    const s = legendSections(
      base({ lang: 'vi', showChoropleth: true, choroplethScale: choroplethScale(areaValues, 'light') }),
    )[1];
    expect(s.title).toBe('Tồn đọng trên 10.000 dân');
    expect(s.items.map((i) => i.label)).toEqual([
      '10,0 – 20,0',
      '20,0 – 30,0',
      '30,0 – 40,0',
      '40,0 – 50,0',
      '50,0 – 60,0',
      'Không có số liệu',
    ]);
  });

  it('gives each overlay its categories, source, date and a simulated tag', () => {
    const sections = legendSections(
      base({
        lang: 'vi',
        enabledOverlays: new Set(['air', 'bus', 'plan']),
        overlayData: new Map([['plan', planning]]),
      }),
    );
    const air = sections.find((s) => s.id === 'overlay-air')!;
    expect(air.title).toBe('Lớp air');
    expect(air.simulated).toBe(true);
    expect(air.items.map((i) => i.label)).toEqual(['Tốt', 'Trung bình', 'Kém', 'Xấu', 'Rất xấu', 'Nguy hại']);
    expect(air.items[0].colour).toBe('rgb(0 228 0)');
    const bus = sections.find((s) => s.id === 'overlay-bus')!;
    expect(bus.simulated).toBe(false);
    expect(bus.source).toBe('Nguồn: OSM · ODbL 1.0 · 2025-07-01');
    expect(bus.items.map((i) => i.label)).toEqual(['Điểm dừng xe buýt']);
    const plan = sections.find((s) => s.id === 'overlay-plan')!;
    expect(plan.items.map((i) => i.label)).toEqual(['Đất ở', 'Cây xanh – rừng']);
  });

  it('shows the congestion ramp with words at its ends', () => {
    const s = legendSections(base({ overlays: [overlay('tr', 'traffic', true)], enabledOverlays: new Set(['tr']) })).at(
      -1,
    )!;
    expect(s.ramp).toMatchObject({ min: 'free-flowing', max: 'jammed' });
    expect(s.items.map((i) => i.label)).toEqual(['Traffic incident']);
  });
});

describe('overlay legends declared by the API', () => {
  it("lists declared land-use classes with their names, in the map's colours", () => {
    const o = {
      ...overlay('plan', 'planning', true),
      legend: { classes: [{ key: 'agricultural', color: '#b5d99c', nameVi: 'Nông nghiệp', nameEn: 'Agricultural' }] },
    };
    const s = legendSections(base({ overlays: [o], enabledOverlays: new Set(['plan']) })).at(-1)!;
    expect(s.items).toEqual([{ colour: 'rgb(153 153 51)', shape: 'fill', label: 'Agricultural' }]);
  });

  it.each([
    [[{ key: 'congestion', nameVi: '', nameEn: '' }], 'traffic_congestion', { congestion: true, incidents: false }],
    [[{ key: 'severity', nameVi: '', nameEn: '' }], 'traffic_incidents', { congestion: false, incidents: true }],
    [undefined, 'traffic_incidents', { congestion: false, incidents: true }],
    [undefined, 'traffic', { congestion: true, incidents: true }],
  ])('traffic parts from %j / %s', (metrics, code, want) => {
    expect(trafficParts({ ...overlay(code, 'traffic', true), legend: metrics ? { metrics } : undefined })).toEqual(
      want,
    );
  });
});

describe('sourceLine', () => {
  it('formats a timestamp in Hanoi time and leaves a plain date as given', () => {
    expect(sourceLine(overlay('x', 'environment', true, '2025-05-12T03:00:00Z'), 'en')).toBe(
      'Source: OSM · ODbL 1.0 · 12/05/2025, 10:00',
    );
    expect(sourceLine(overlay('x', 'environment', true, null as never), 'en')).toBe('Source: OSM · ODbL 1.0');
  });
});
