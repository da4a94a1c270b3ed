import { cellToLatLng, gridDisk, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import type { AnalyticsRow } from '../../db/queries/analyticsRows';
import { HotspotModel } from './hotspotModel';
import { localDayEnds } from './localDays';
import { ReportColumns } from './reportColumns';

/**
 * A hand-made grid: the 37 res-8 cells within 3 rings of Hoàn Kiếm Lake, split into a west and an
 * east commune of one district by each cell's longitude.
 */
const CENTRE = latLngToCell(21.0287, 105.8524, 8);
const GRID = gridDisk(CENTRE, 3);
const [, CENTRE_LNG] = cellToLatLng(CENTRE);
const WEST = '00001';
const EAST = '00002';
const AREAS = [
  { code: '001', level: 'district' as const },
  { code: WEST, level: 'commune' as const },
  { code: EAST, level: 'commune' as const },
];
const sideOf = (cell: string) => (cellToLatLng(cell)[1] < CENTRE_LNG - 1e-9 ? WEST : EAST);
const cellAreas = (cell: string) => ({ district: '001', commune: sideOf(cell) });

const NOW = Date.parse('2026-03-16T03:00:00Z'); // Monday 10:00 in Hanoi
const DAY_MS = 86_400_000;

function setup(opts: { fdr?: boolean } = {}) {
  const cols = new ReportColumns();
  const model = new HotspotModel(cols, GRID, cellAreas, AREAS, { k: 1, fdr: opts.fdr ?? false });
  let id = 1;
  const file = (cell: string, o: Partial<AnalyticsRow> = {}): AnalyticsRow => {
    const row: AnalyticsRow = {
      id: id++,
      status: 'accepted',
      category: 'traffic_roads',
      districtCode: '001',
      communeCode: sideOf(cell),
      h3r8: cell,
      createdMs: NOW - DAY_MS,
      acceptedMs: null,
      resolvedMs: null,
      closedMs: null,
      endedMs: null,
      dueMs: null,
      overdue: false,
      rating: null,
      reopenedCount: 0,
      resolvedOnTime: null,
      acceptWorkingHours: null,
      resolveWorkingHours: null,
      ...o,
    };
    cols.upsert(row);
    return row;
  };
  const build = () => {
    const { ends, day } = localDayEnds(NOW, 14, 'Asia/Ho_Chi_Minh');
    model.rebuild(ends, day);
    cols.onChange((_pos, before, after) => model.apply(before, after));
  };
  return { cols, model, file, build };
}

const flagTests = (model: HotspotModel) => model.flags().map((f) => [f.level, f.code, f.reasons.map((r) => r.test)]);

describe('HotspotModel on a hand-made grid', () => {
  it('flags the commune and district holding a cluster of open backlog, and clears them when it is worked off', () => {
    const { model, file, build } = setup();
    const cluster: AnalyticsRow[] = [];
    for (let i = 0; i < 6; i++) cluster.push(file(CENTRE));
    for (const nb of gridDisk(CENTRE, 1).slice(1)) for (let i = 0; i < 3; i++) cluster.push(file(nb));
    file(GRID[30]!);
    file(GRID[33]!);
    build();
    const centre = model.cells('open', 1, false).find((c) => c.cell === CENTRE)!;
    expect(centre.value).toBe(6);
    expect(centre.bin).toBe(3);
    expect(flagTests(model)).toEqual([
      ['district', '001', ['hot-cell']],
      ['commune', WEST, ['hot-cell']],
      ['commune', EAST, ['hot-cell']],
    ]);
    // Resolve the cluster one report at a time: the model follows without a rebuild.
    for (const r of cluster) file(r.h3r8, { id: r.id, status: 'resolved', resolvedMs: NOW, endedMs: NOW });
    expect(model.valueOf('open', CENTRE)).toBe(0);
    expect(flagTests(model)).toEqual([]);
  });

  it('flags a commune whose share of overdue reports is significantly above the rest of the city', () => {
    const { model, file, build } = setup({ fdr: true });
    // One report in each cell of the outer ring (9 west, 9 east; no cluster): west 6 of 8 overdue,
    // east 0 of 9. Pooled 6/17; se = √(0.35294 · 0.64706 · (1/8 + 1/9)) = 0.23221; z = 0.75 / se.
    const inner = new Set(gridDisk(CENTRE, 2));
    const ring = GRID.filter((c) => !inner.has(c));
    const west = ring.filter((c) => sideOf(c) === WEST);
    const east = ring.filter((c) => sideOf(c) === EAST);
    for (let i = 0; i < 8; i++) file(west[i]!, { overdue: i < 6 });
    for (const c of east) file(c);
    build();
    const flags = model.flags();
    expect(flagTests(model)).toEqual([['commune', WEST, ['overdue-rate']]]);
    expect(flags[0]!.reasons[0]).toMatchObject({ overdue: 6, open: 8, ratePct: 75, restRatePct: 0, z: 3.23 });
  });

  it('keeps the same Gi* incrementally as a rebuild from scratch would give', () => {
    const { cols, model, file, build } = setup();
    const rows = GRID.flatMap((c, i) => Array.from({ length: i % 4 }, () => file(c, { overdue: i % 3 === 0 })));
    build();
    let seed = 11;
    const rand = () => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;
    for (let step = 0; step < 200; step++) {
      const r = rows[Math.floor(rand() * rows.length)]!;
      const open = rand() < 0.5;
      file(GRID[Math.floor(rand() * GRID.length)]!, {
        id: r.id,
        status: open ? 'in_progress' : 'resolved',
        overdue: open && rand() < 0.4,
      });
    }
    const fresh = new HotspotModel(cols, GRID, cellAreas, AREAS, { k: 1, fdr: false });
    const { ends, day } = localDayEnds(NOW, 14, 'Asia/Ho_Chi_Minh');
    fresh.rebuild(ends, day);
    for (const metric of ['open', 'overdue'] as const) {
      const a = model.cells(metric, 1, false);
      const b = fresh.cells(metric, 1, false);
      expect(a.map((c) => c.value)).toEqual(b.map((c) => c.value));
      a.forEach((c, i) => expect(c.z).toBeCloseTo(b[i]!.z, 9));
    }
  });

  it('slices the open backlog by the end of each local day, today being now', () => {
    const { model, file, build } = setup();
    const midnight = Date.parse('2026-03-15T17:00:00Z'); // Monday 00:00 in Hanoi
    file(CENTRE, { createdMs: midnight - 3.5 * DAY_MS, status: 'resolved', endedMs: midnight - 1.5 * DAY_MS }); // open at the ends of Thu, Fri
    file(CENTRE, { createdMs: midnight - 0.5 * DAY_MS }); // open since Sunday noon
    file(CENTRE, { createdMs: NOW - 60_000 }); // filed a minute ago
    build();
    // Ends of Thursday, Friday, Saturday, Sunday, and now.
    expect(model.series(CENTRE).slice(-5)).toEqual([1, 1, 0, 1, 2]);
  });
});
