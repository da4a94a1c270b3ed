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
      agencyCode: 'SXD',
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
      awayMs: null,
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

  it.each([false, true])(
    'gives the same bins and patterns after live events as a rebuild on the same data (fdr: %s)',
    (fdr) => {
      const { cols, model, file, build } = setup({ fdr });
      // Filed over the last week: i % 5 reports a cell, 20 more in each cell of the centre's
      // 1-ring (gridDisk lists those first); a report's place never changes.
      const rows = GRID.flatMap((c, i) =>
        Array.from({ length: (i % 5) + (i < 7 ? 20 : 0) }, (_, j) =>
          file(c, { createdMs: NOW - ((i + j) % 7) * DAY_MS - 60_000 }),
        ),
      );
      build();
      model.cells('open', 1, fdr); // patterns computed once, so the events below take the live path
      let seed = 5;
      const rand = () => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;
      for (let step = 0; step < 150; step++) {
        const r = rows[Math.floor(rand() * rows.length)]!;
        const open = rand() < 0.5;
        file(r.h3r8, {
          id: r.id,
          createdMs: r.createdMs,
          status: open ? 'reopened' : 'resolved',
          endedMs: open ? null : NOW,
        });
      }
      const fresh = new HotspotModel(cols, GRID, cellAreas, AREAS, { k: 1, fdr });
      const { ends, day } = localDayEnds(NOW, 14, 'Asia/Ho_Chi_Minh');
      fresh.rebuild(ends, day);
      const a = model.cells('open', 1, fdr);
      const b = fresh.cells('open', 1, fdr);
      // `|| 0`: a z of ±1e-16 (sums kept vs summed afresh) bins as −0 or 0, both "not significant".
      const binned = (cells: typeof a) => cells.map((c) => [c.bin || 0, c.pattern]);
      expect(binned(a)).toEqual(binned(b));
      expect(new Set(a.map((c) => c.pattern)).size, a.map((c) => c.pattern).join()).toBeGreaterThan(1);
    },
  );

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

  it('keeps a reopened report out of the days between its resolution and its reopening', () => {
    const { model, file, build } = setup();
    const midnight = Date.parse('2026-03-15T17:00:00Z'); // Monday 00:00 in Hanoi
    const h = (days: number) => midnight - days * DAY_MS; // that many days before Monday 00:00
    // Filed Tuesday 00:00 (−6 d); resolved Wednesday noon (−4.5 d), reopened Friday noon (−2.5 d);
    // resolved again Saturday noon (−1.5 d), reopened Sunday noon (−0.5 d): open now.
    file(CENTRE, { createdMs: h(6), reopenedCount: 2, awayMs: [h(4.5), h(2.5), h(1.5), h(0.5)] });
    // Filed Wednesday 00:00 (−5 d), resolved Thursday noon (−3.5 d), reopened Friday 00:00 (−3 d),
    // resolved for good Saturday 00:00 (−2 d): the row's end.
    file(CENTRE, { createdMs: h(5), status: 'resolved', endedMs: h(2), reopenedCount: 1, awayMs: [h(3.5), h(3)] });
    build();
    // Day ends, oldest → newest: Mon 9 (−6 d) … Sun (0 d), then now.
    //   first: filed at −6 (not before the end of Monday 9, −6: 0); Tue end −5: open; Wed end −4:
    //     away since −4.5; Thu end −3: away until −2.5; Fri end −2: back; Sat end −1: away since
    //     −1.5; Sun end 0: back since −0.5; now: open → 0, 1, 0, 0, 1, 0, 1, 1.
    //   second: filed −5 (Tue end −5: not before it, 0); Wed end −4: open; Thu end −3: away
    //     [−3.5, −3), −3 is its end, so back; Fri end −2: ended at −2 → 0, 0, 1, 1, 0, 0, 0, 0.
    // Sum: 0, 1, 1, 1, 1, 0, 1, 1. (Counted from filing to the last end, as before, the first
    // was 0, 1, 1, 1, 1, 1, 1, 1 and the sum 0, 1, 2, 2, 1, 1, 1, 1: resolved days read as backlog.)
    expect(model.series(CENTRE).slice(-8)).toEqual([0, 1, 1, 1, 1, 0, 1, 1]);
  });
});
