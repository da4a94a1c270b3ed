import { describe, expect, it } from 'vitest';
import { bboxParam, publicExportUrl, reportExportUrl } from './exportUrl';

const SINCE = '2026-03-01T02:00:00.000Z';

describe('reportExportUrl', () => {
  it.each([
    ['csv', { since: SINCE }, null, `/api/reports/export.csv?since=${encodeURIComponent(SINCE)}`],
    [
      'geojson',
      { since: SINCE, category: 'traffic_roads,lighting_electricity', status: 'received,accepted', area: '00070' },
      null,
      `/api/reports/export.geojson?since=${encodeURIComponent(SINCE)}&category=traffic_roads%2Clighting_electricity&status=received%2Caccepted&area=00070`,
    ],
    [
      'csv',
      { since: SINCE, category: undefined, status: undefined, area: undefined },
      [105.812345678, 21.0012345, 105.9, 21.05],
      `/api/reports/export.csv?since=${encodeURIComponent(SINCE)}&bbox=105.81234%2C21.00123%2C105.9%2C21.05`,
    ],
  ] as const)('%s of %o, bbox %o', (format, q, bbox, url) => {
    expect(reportExportUrl(format, q, bbox ? [...bbox] : null)).toBe(url);
  });

  it('leaves out what the desk does not filter by (an empty group is every category)', () => {
    expect(reportExportUrl('csv', { since: SINCE, category: '', status: undefined })).not.toMatch(/category|status/);
  });
});

describe('bboxParam', () => {
  it.each([
    [[105.123456, 21.123456, 105.234561, 21.234561], '105.12345,21.12345,105.23457,21.23457'],
    // A world view zoomed out past the limits is clamped to what the API accepts.
    [[-200, -95, 200, 95], '-180,-90,180,90'],
    [[-0.000001, -0.000001, 0.000001, 0.000001], '-0.00001,-0.00001,0.00001,0.00001'],
  ] as const)('%o → %s (rounded outwards)', (bbox, text) => {
    expect(bboxParam([...bbox])).toBe(text);
  });
});

describe('publicExportUrl', () => {
  it.each([
    [
      'csv',
      { kind: 'hexes', res: 8 },
      `/api/public/export.csv?since=${encodeURIComponent(SINCE)}&category=traffic_roads&kind=hexes&res=8`,
    ],
    [
      'geojson',
      { kind: 'areas', level: 'commune' },
      `/api/public/export.geojson?since=${encodeURIComponent(SINCE)}&category=traffic_roads&kind=areas&level=commune`,
    ],
  ] as const)('%s of %o', (format, what, url) => {
    expect(publicExportUrl(format, { since: SINCE, category: 'traffic_roads' }, what)).toBe(url);
  });
});
