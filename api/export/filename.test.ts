import { describe, expect, it } from 'vitest';
import { cityClock } from '../../core/cityClock';
import { OPEN_STATUS_LIST } from '../../core/statuses';
import { attachment, exportFilename } from './filename';
import { localIso, localStamp, offsetText } from './localTime';

const HANOI = cityClock('Asia/Ho_Chi_Minh');
const NEW_YORK = cityClock('America/New_York');

describe('localIso', () => {
  it.each([
    // Hanoi: +07:00 all year; the local date runs ahead of UTC's after 17:00 UTC.
    [HANOI, '2026-03-02T02:00:00.000Z', '2026-03-02T09:00:00.000+07:00'],
    [HANOI, '2026-12-31T17:30:00.123Z', '2027-01-01T00:30:00.123+07:00'],
    // New York: -05:00 in winter, -04:00 from the second Sunday of March (07:00 UTC that day).
    [NEW_YORK, '2026-03-08T06:59:59.999Z', '2026-03-08T01:59:59.999-05:00'],
    [NEW_YORK, '2026-03-08T07:00:00.000Z', '2026-03-08T03:00:00.000-04:00'],
  ] as const)('%s: %s → %s (the same instant)', (clock, utc, local) => {
    expect(localIso(clock, new Date(utc))).toBe(local);
    expect(Date.parse(local)).toBe(Date.parse(utc));
  });

  it.each([
    [0, '+00:00'],
    [7 * 3_600_000, '+07:00'],
    [-(3 * 3_600_000 + 30 * 60_000), '-03:30'],
    [5 * 3_600_000 + 45 * 60_000, '+05:45'],
  ])('offset %d ms is %s', (ms, text) => expect(offsetText(ms)).toBe(text));

  it('stamps a file name without colons', () => {
    expect(localStamp(HANOI, new Date('2026-03-02T02:05:00Z'))).toBe('20260302T0905+0700');
    expect(localStamp(NEW_YORK, new Date('2026-03-02T02:05:00Z'))).toBe('20260301T2105-0500');
  });
});

describe('exportFilename', () => {
  const base = {
    city: 'hanoi',
    what: 'reports',
    since: new Date('2026-02-22T17:00:00Z'),
    until: new Date('2026-03-01T17:00:00Z'),
    ext: 'csv',
  };
  const now = new Date('2026-03-02T02:00:00Z');
  it.each([
    [{}, 'hanoi-reports_20260223-20260302_exported-20260302T0900+0700.csv'],
    [{ since: undefined }, 'hanoi-reports_start-20260302_exported-20260302T0900+0700.csv'],
    [
      { area: '002', status: [...OPEN_STATUS_LIST].reverse() },
      'hanoi-reports_20260223-20260302_area-002_open_exported-20260302T0900+0700.csv',
    ],
    [
      { agency: 'dept_construction', status: ['resolved', 'closed'], category: ['traffic_roads'] },
      'hanoi-reports_20260223-20260302_agency-dept_construction_handled_traffic_roads_exported-20260302T0900+0700.csv',
    ],
    [
      { status: ['received', 'rejected'], category: ['a1', 'b2', 'c3', 'd4'], bbox: true },
      'hanoi-reports_20260223-20260302_bbox_received+rejected_4-categories_exported-20260302T0900+0700.csv',
    ],
    [
      { cell: '88415cb4e5fffff', ext: 'geojson' },
      'hanoi-reports_20260223-20260302_cell-88415cb4e5fffff_exported-20260302T0900+0700.geojson',
    ],
    // Nothing but [A-Za-z0-9_.+-] reaches the header, whatever a category code held.
    [
      { category: ['x"; filename=evil.exe'] },
      'hanoi-reports_20260223-20260302_xfilenameevil.exe_exported-20260302T0900+0700.csv',
    ],
  ])('%o → %s', (parts, name) => {
    const filename = exportFilename({ ...base, ...parts }, HANOI, now);
    expect(filename).toBe(name);
    expect(attachment(filename)).toBe(`attachment; filename="${name}"`);
  });
});
