import type { Feature } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { installCityFormat } from '../i18n/format';
import { HANOI } from '../views/fixtures/cities';
import { areaTooltip, escapeHtml, hexTooltip, overlayTooltip } from './tooltip';
import type { OverlayInfo } from './types';

// Tooltips and the legend format with the page's city, installed before the first render.
beforeAll(() => installCityFormat(HANOI));
const point = (properties: Record<string, unknown>): Feature => ({
  type: 'Feature',
  properties,
  geometry: { type: 'Point', coordinates: [105.8, 21] },
});

const info = (kind: OverlayInfo['kind'], simulated = false): OverlayInfo => ({
  code: kind,
  kind,
  nameVi: 'Quan trắc không khí',
  nameEn: 'Air quality',
  source: 'CEM',
  licence: 'CC BY 4.0',
  simulated,
});

/** Visible text of the HTML: tags dropped, entities decoded. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

describe('escapeHtml', () => {
  it('escapes the five characters that matter', () => {
    expect(escapeHtml(`<img src=x onerror="a('b')">&`)).toBe(
      '&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;',
    );
    expect(escapeHtml(null)).toBe('');
  });
});

describe('hexTooltip', () => {
  const d = { cell: '8841a9a0a7fffff', received: 1234, open: 5, overdue: 2 };
  it('shows all three counts, localised', () => {
    expect(text(hexTooltip(d, 'open', 'vi'))).toBe('Ô H3 8841a9a0a7fffff Phản ánh mới 1.234 Tồn đọng 5 Quá hạn 2');
    expect(text(hexTooltip(d, 'open', 'en'))).toBe(
      'H3 cell 8841a9a0a7fffff New reports 1,234 Open backlog 5 Overdue 2',
    );
  });
  it('emphasises the metric on show', () => {
    expect(hexTooltip(d, 'overdue', 'en')).toMatch(/cd-tt-em"><span>Overdue/);
  });
});

describe('areaTooltip', () => {
  const f: Feature = {
    type: 'Feature',
    properties: { code: '002', nameVi: 'Quận <Hoàn Kiếm>', nameEn: 'Hoan Kiem', population: 135_618, areaKm2: 5.29 },
    geometry: null as never,
  };
  const d = {
    code: '002',
    nameVi: 'Quận <Hoàn Kiếm>',
    nameEn: 'Hoan Kiem',
    population: 135_618,
    open: 271,
    overdue: 12,
    received: 900,
  };

  it('names the area in the chosen language with the other one below, escaped', () => {
    const html = areaTooltip(f, d, 'vi');
    expect(html).not.toContain('<Hoàn');
    expect(text(html)).toBe(
      'Quận <Hoàn Kiếm> Hoan Kiem Tồn đọng trên 10.000 dân 20,0 Tồn đọng 271 Quá hạn 12 Phản ánh mới 900 Dân số 135.618 Diện tích 5,3 km²',
    );
    expect(text(areaTooltip(f, d, 'en'))).toMatch(
      /^Hoan Kiem Quận <Hoàn Kiếm> Open backlog per 10,000 residents 20.0 /,
    );
  });

  it('says when there is no population or no figures', () => {
    const html = areaTooltip(
      { ...f, properties: { nameVi: 'Xã A' } },
      { ...d, nameVi: 'Xã A', nameEn: 'Xã A', population: null },
      'en',
    );
    expect(text(html)).toContain('Open backlog per 10,000 residents No data');
    expect(text(areaTooltip(f, undefined, 'en'))).toBe('Hoan Kiem Quận <Hoàn Kiếm> Population 135,618 Area 5.3 km²');
  });
});

describe('overlayTooltip', () => {
  it('gives a station its AQI category and PM2.5, tagged when simulated', () => {
    const html = overlayTooltip(
      info('environment', true),
      point({ name: 'Số 46, phố Lưu Quang Vũ', pm25: 42.3 }),
      'vi',
    );
    expect(text(html)).toBe('Số 46, phố Lưu Quang Vũ Quan trắc không khí (mô phỏng) AQI 118 · Kém PM2.5 42,3 µg/m³');
  });

  it('does not repeat the tag when the layer name already says simulated', () => {
    const named = { ...info('traffic', true), nameEn: 'Traffic congestion (simulated)' };
    const html = overlayTooltip(named, point({ severity: 1 }), 'en');
    expect(text(html)).toBe('Traffic congestion (simulated) Traffic incident Severity 1');
  });

  it('escapes third-party names', () => {
    const html = overlayTooltip(info('transit'), point({ name: '<script>alert(1)</script>' }), 'en');
    expect(html).not.toContain('<script>');
    expect(text(html)).toBe('<script>alert(1)</script> Air quality');
  });

  it('shows congestion as a percentage and land use by its label', () => {
    const cell = (properties: Record<string, unknown>): Feature => ({
      type: 'Feature',
      properties,
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [105.8, 21],
            [105.81, 21],
            [105.8, 21.01],
            [105.8, 21],
          ],
        ],
      },
    });
    expect(text(overlayTooltip(info('traffic'), cell({ congestion: 0.734 }), 'en'))).toBe('Air quality Congestion 73%');
    expect(text(overlayTooltip(info('traffic'), cell({ congestion: null }), 'en'))).toBe(
      'Air quality Congestion No data',
    );
    expect(text(overlayTooltip(info('traffic'), point({ incident: 'Va chạm', severity: 2 }), 'vi'))).toBe(
      'Quan trắc không khí Sự cố giao thông Va chạm Mức độ 2',
    );
    expect(text(overlayTooltip(info('planning'), point({ landUse: 'green' }), 'vi'))).toBe(
      'Quan trắc không khí Sử dụng đất Cây xanh – rừng',
    );
    const declared = { ...info('planning'), legend: { classes: [{ key: 'green', nameVi: 'Rừng', nameEn: 'Forest' }] } };
    expect(text(overlayTooltip(declared, point({ class: 'green' }), 'en'))).toBe('Air quality Land use Forest');
  });

  it('adds the reading time in Hanoi time', () => {
    const html = overlayTooltip(info('environment'), point({ aqi: 20, readingAt: '2025-05-12T03:00:00Z' }), 'en');
    expect(text(html)).toContain('Reading at 12/05/2025, 10:00');
  });
});
