import { gridDisk, gridRing, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { poisson, seeded } from './bench/syntheticGrid';
import { DEFAULT_EHSA_DAYS, EmergingHotspotState, emergingHotspots } from './emergingHotspots';
import { alignValues, buildNeighbourIndex, type NeighbourIndex } from './neighbourIndex';

const CENTRE = latLngToCell(21.0287, 105.8524, 8);
/** 217 cells: the study area. */
const STUDY = gridDisk(CENTRE, 8);
/** Cluster centres on ring 4, ≥ 3 steps apart, so their 1-rings never overlap. */
const [GROWING, NEW, FADED, RECENT, STEADY] = [0, 5, 10, 15, 20].map((i) => gridRing(CENTRE, 4)[i]!);
const DAYS = DEFAULT_EHSA_DAYS;

type Zone = [centre: string, extraMean: (day: number) => number];

const GROWS: Zone = [GROWING!, (d) => 3 + 0.8 * d];
const APPEARS_TODAY: Zone = [NEW!, (d) => (d === DAYS - 1 ? 8 : 0)];
const GONE_TODAY: Zone = [FADED!, (d) => (d < DAYS - 1 ? 6 : 0)];
const LAST_THREE_DAYS: Zone = [RECENT!, (d) => (d >= DAYS - 3 ? 6 : 0)];
const ALWAYS: Zone = [STEADY!, () => 6];

/**
 * 14 days of Poisson(1) background counts, plus each zone's extra mean in the 1-ring around its
 * centre, and a quiet zone (the centre's 1-ring, always empty): a cold spot every day.
 */
function scenario(seed: number, zones: Zone[]): Map<string, number>[] {
  const rng = seeded(seed);
  const ring = (c: string) => new Set(gridDisk(c, 1));
  const withRings = zones.map(([c, extra]) => [ring(c), extra] as const);
  const quiet = ring(CENTRE);
  return Array.from({ length: DAYS }, (_, day) => {
    const slice = new Map<string, number>();
    for (const cell of STUDY) {
      if (quiet.has(cell)) continue;
      let mean = 1;
      for (const [zone, extra] of withRings) if (zone.has(cell)) mean += extra(day);
      const v = poisson(mean, rng);
      if (v > 0) slice.set(cell, v);
    }
    return slice;
  });
}

const STATIONARY = [APPEARS_TODAY, GONE_TODAY, LAST_THREE_DAYS, ALWAYS];

describe('emergingHotspots on a synthetic fortnight', () => {
  const slices = scenario(42, STATIONARY);
  const result = emergingHotspots(slices, { k: 1, studyCells: STUDY });

  it('covers the whole study area', () => {
    expect(result.size).toBe(STUDY.length);
  });

  it.each([
    ['appears today', NEW, 'new-hot-spot'],
    ['gone today', FADED, 'historical-hot-spot'],
    ['last three days', RECENT, 'consecutive-hot-spot'],
    ['always there', STEADY, 'persistent-hot-spot'],
    ['always quiet', CENTRE, 'persistent-cold-spot'],
  ])('%s → %s', (_, cell, pattern) => {
    expect(result.get(cell!)!.pattern).toBe(pattern);
  });

  it('reports the trend, the counts of significant days and the final slice', () => {
    const n = result.get(NEW!)!;
    expect(n.trend.n).toBe(DAYS);
    expect(n.hotSteps).toBe(1);
    expect(n.lastBin).toBeGreaterThan(0);
    expect(result.get(FADED!)!.lastBin).toBeLessThanOrEqual(0);
    expect(result.get(CENTRE)!.coldSteps).toBeGreaterThanOrEqual(13);
  });

  it('finds an intensifying hot spot where a cluster grows', () => {
    const g = emergingHotspots(scenario(5, [GROWS]), { k: 1, studyCells: STUDY }).get(GROWING!)!;
    expect(g.pattern).toBe('intensifying-hot-spot');
    expect(g.trend.tau).toBeGreaterThan(0);
    expect(g.trend.p).toBeLessThanOrEqual(0.1);
  });

  it('with FDR, never finds more significant steps than without', () => {
    const corrected = emergingHotspots(slices, { k: 1, studyCells: STUDY, fdr: true });
    for (const [cell, r] of result) {
      const c = corrected.get(cell)!;
      expect(c.hotSteps).toBeLessThanOrEqual(r.hotSteps);
      expect(c.coldSteps).toBeLessThanOrEqual(r.coldSteps);
      expect(Math.abs(c.lastBin)).toBeLessThanOrEqual(Math.abs(r.lastBin));
    }
    expect(corrected.get(STEADY!)!.pattern).toBe('persistent-hot-spot');
  });
});

describe('global window', () => {
  // A cluster growing elsewhere raises each day's S, so per-slice z-scores of a steady cluster
  // sink day by day: the 'slice' window calls it diminishing, the 'cube' window (every bin
  // against the fortnight's mean and S, ArcGIS's default) sees it for what it is.
  const slices = scenario(42, [GROWS, ALWAYS]);

  it('slice: the steady cluster reads as diminishing', () => {
    const r = emergingHotspots(slices, { k: 1, studyCells: STUDY, window: 'slice' });
    expect(r.get(STEADY!)!.pattern).toBe('diminishing-hot-spot');
  });

  it('cube: steady stays persistent and growing stays intensifying', () => {
    const r = emergingHotspots(slices, { k: 1, studyCells: STUDY, window: 'cube' });
    expect(r.get(STEADY!)!.pattern).toBe('persistent-hot-spot');
    expect(r.get(GROWING!)!.pattern).toBe('intensifying-hot-spot');
  });
});

describe('EmergingHotspotState (incremental)', () => {
  const index = buildNeighbourIndex(STUDY, 1);
  const align = (slices: Map<string, number>[]) => slices.map((s) => alignValues(index, s).x);

  function expectSame(a: Map<string, ReturnType<EmergingHotspotState['resultAt']>>, b: typeof a) {
    expect(a.size).toBe(b.size);
    for (const [cell, r] of b) {
      const g = a.get(cell)!;
      expect(g.pattern).toBe(r.pattern);
      expect(g.trend.s).toBe(r.trend.s);
      expect(g.lastZ).toBeCloseTo(r.lastZ, 10);
      expect([g.hotSteps, g.coldSteps, g.lastBin]).toEqual([r.hotSteps, r.coldSteps, r.lastBin]);
    }
  }

  it.each([
    [false, 'slice'],
    [true, 'slice'],
    [false, 'cube'],
    [true, 'cube'],
  ] as const)('matches a from-scratch run after random events (fdr: %s, window: %s)', (fdr, window) => {
    const slices = scenario(7, STATIONARY);
    const state = new EmergingHotspotState(index, align(slices), { fdr, window });
    state.results(); // warm the caches, so the events below exercise the stale-slice path
    const rng = seeded(8);
    for (let e = 0; e < 60; e++) {
      const step = rng() < 0.7 ? DAYS - 1 : Math.floor(rng() * DAYS); // mostly today
      const cell = STUDY[Math.floor(rng() * STUDY.length)]!;
      expect(state.add(step, cell, 1)).toBe(true);
      slices[step]!.set(cell, (slices[step]!.get(cell) ?? 0) + 1);
      if (e % 20 === 19) expectSame(state.results(), emergingHotspots(slices, { index, fdr, window }));
    }
  });

  it('rolls the window forward a day', () => {
    const slices = scenario(9, STATIONARY);
    const state = new EmergingHotspotState(index, align(slices));
    state.results();
    state.advance();
    expect(state.add(DAYS - 1, CENTRE, 2)).toBe(true);
    const shifted = [...slices.slice(1), new Map([[CENTRE, 2]])];
    expectSame(state.results(), emergingHotspots(shifted, { index }));
    expect(state.steps).toBe(DAYS);
  });

  it('refuses cells outside the study area and slices that do not exist', () => {
    const state = new EmergingHotspotState(index, align(scenario(1, STATIONARY)));
    expect(state.add(0, latLngToCell(21.3, 105.5, 8), 1)).toBe(false);
    expect(() => state.add(DAYS, CENTRE, 1)).toThrow(RangeError);
    expect(() => new EmergingHotspotState(index, [])).toThrow(RangeError);
  });

  it('resultAt agrees with results', () => {
    const state = new EmergingHotspotState(index, align(scenario(3, STATIONARY)));
    const all = state.results();
    const i = index.position.get(STEADY!)!;
    expect(state.resultAt(i)).toEqual(all.get(STEADY!));
  });
});

describe('the FDR family is one slice, however the data arrived', () => {
  // Ten cells with no neighbours but themselves (w_i = 1), so Gi* is the plain z-score
  // (x_i − x̄)/S: figures a hand can check. With n = 10 and one report in cell a:
  //   Σx = 1, Σx² = 1, V = nΣx² − (Σx)² = 9; z_a = (n·x_a − Σx)/√V = (10 − 1)/3 = 3,
  //   every other z = (0 − 1)/3 = −⅓.
  //   p(z = 3) = 0.0027 (two-sided); p(−⅓) = 0.739.
  //   BH over the slice's 10 cells: p̃_a = 0.0027 · 10/1 = 0.027 ≤ 0.05 → bin +2 (95%).
  //   The 13 days before are empty (V = 0 → z = 0, p = 1). Had all 14 slices been one family
  //   (m = 140), p̃_a = 0.0027 · 140/1 = 0.378 → not significant: the old rebuild said "no
  //   pattern" while the same data reached by a live event said "new hot spot".
  const cells = 'abcdefghij'.split('');
  const isolated: NeighbourIndex = {
    k: 0,
    cells,
    position: new Map(cells.map((c, i) => [c, i])),
    start: Uint32Array.from({ length: cells.length + 1 }, (_, i) => i),
    neighbours: Uint32Array.from(cells, (_, i) => i),
  };
  const empty = () => Array.from({ length: DAYS }, () => new Float64Array(cells.length));

  function expectHandFigures(r: ReturnType<EmergingHotspotState['results']>) {
    const a = r.get('a')!;
    expect(a.lastZ).toBeCloseTo(3, 12);
    expect([a.lastBin, a.hotSteps, a.coldSteps, a.pattern]).toEqual([2, 1, 0, 'new-hot-spot']);
    for (const c of cells.slice(1)) {
      expect(r.get(c)!.lastZ).toBeCloseTo(-1 / 3, 12);
      expect(r.get(c)!.pattern).toBe('no-pattern');
    }
  }

  it('rebuild: the report already in today’s slice', () => {
    const slices = empty();
    slices[DAYS - 1]![0] = 1;
    expectHandFigures(new EmergingHotspotState(isolated, slices, { fdr: true }).results());
  });

  it('live: the same report arriving as an event after the first results', () => {
    const state = new EmergingHotspotState(isolated, empty(), { fdr: true });
    expect(state.results().get('a')!.pattern).toBe('no-pattern');
    state.add(DAYS - 1, 'a', 1);
    expectHandFigures(state.results());
  });
});
