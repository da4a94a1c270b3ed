import { gridDisk, gridDistance, gridRing, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { naiveGiStar } from './bench/naiveGiStar';
import { seeded, poisson } from './bench/syntheticGrid';
import { binOfP, binOfZ, Z_90, Z_95, Z_99 } from './confidence';
import { getisOrdGiStar, giStarZ } from './hotspots';
import { alignValues, buildNeighbourIndex } from './neighbourIndex';

const CENTRE = latLngToCell(21.0287, 105.8524, 8);
/** The centre's ring in walking order: consecutive cells (and last → first) are neighbours. */
const RING = gridRing(CENTRE, 1);

/**
 * The hand-worked grid: centre 8, ring [4, 2, 0, 0, 0, 2] in ring order.
 *   7 cells: Σx = 16, Σx² = 64 + 16 + 4 + 4 = 88
 */
function handGrid(): Map<string, number> {
  return new Map([[CENTRE, 8], ...RING.map((c, i) => [c, [4, 2, 0, 0, 0, 2][i]!] as [string, number])]);
}

describe('Getis-Ord Gi* worked by hand', () => {
  it('walks the ring in order (the premise of the hand arithmetic)', () => {
    expect(RING).toHaveLength(6);
    RING.forEach((c, i) => expect(gridDistance(c, RING[(i + 1) % 6]!)).toBe(1));
  });

  it('centre of a 19-cell study area (centre + 2 rings, outer ring empty), k = 1', () => {
    // n = 19, Σx = 16, Σx² = 88
    //   x̄ = 16/19 = 0.842105
    //   S = √(88/19 − (16/19)²) = √(1416/361) = 1.980514
    // The centre's 1-ring is the centre + ring 1: w = 7, Σ_j w x_j = 16.
    //   numerator   = 16 − 0.842105·7 = 192/19 = 10.105263
    //   denominator = S·√((19·7 − 7²)/18) = 1.980514·√(84/18) = 1.980514·2.160247 = 4.278401
    //   Gi* = 10.105263 / 4.278401 = 2.361926 → 95% hot spot (1.96 ≤ z < 2.576), p = 0.01818
    const r = getisOrdGiStar(handGrid(), { k: 1, studyCells: gridDisk(CENTRE, 2) });
    expect(r.size).toBe(19);
    const c = r.get(CENTRE)!;
    expect(c.z).toBeCloseTo(192 / Math.sqrt(6608), 12);
    expect(c.z).toBeCloseTo(2.361926, 6);
    expect(c.p).toBeCloseTo(0.01818029, 7);
    expect(c.bin).toBe(2);
  });

  it('a ring cell of the 7-cell study area, k = 1', () => {
    // n = 7: x̄ = 16/7 = 2.285714, S = √(88/7 − (16/7)²) = √(360/49) = 2.710524
    // Ring cell r0 (value 4) sees itself, the centre (8) and ring neighbours r1 (2), r5 (2):
    //   w = 4, Σ_j w x_j = 16
    //   numerator   = 16 − 4·16/7 = 48/7 = 6.857143
    //   denominator = S·√((7·4 − 4²)/6) = 2.710524·√2 = 3.833259
    //   Gi* = 6.857143 / 3.833259 = 1.788854 (= 4/√5) → 90% hot spot, p = 0.07364
    const r = getisOrdGiStar(handGrid(), { k: 1 });
    const r0 = r.get(RING[0]!)!;
    expect(r0.z).toBeCloseTo(4 / Math.sqrt(5), 12);
    expect(r0.p).toBeCloseTo(0.07363827, 7);
    expect(r0.bin).toBe(1);
    // The centre's ring is the whole study area (w = n): the denominator is 0 and no local
    // contrast exists, so z = 0 by convention.
    expect(r.get(CENTRE)!.z).toBe(0);
  });

  it('k = 0 reduces to the plain standard score (x_i − x̄)/S', () => {
    // w = 1: denominator S·√((n − 1)/(n − 1)) = S. Centre: (8 − 16/7)/2.710524 = 2.108185.
    const r = getisOrdGiStar(handGrid(), { k: 0 });
    expect(r.get(CENTRE)!.z).toBeCloseTo(2.1081851067789197, 12);
  });

  it.each([
    ['all zero', 0],
    ['all equal', 3],
  ])('gives z = 0 everywhere when S = 0 (%s)', (_, v) => {
    const cells = gridDisk(CENTRE, 2);
    const r = getisOrdGiStar(new Map(cells.map((c) => [c, v])), { k: 1 });
    for (const { z, p, bin } of r.values()) expect([z, p, bin]).toEqual([0, 1, 0]);
  });

  it('gives z = 0 for a study area of one cell', () => {
    expect(getisOrdGiStar(new Map([[CENTRE, 4]]), { k: 1 }).get(CENTRE)!.z).toBe(0);
  });
});

describe('study area', () => {
  it('counts study cells without a value as zeros and adds value cells outside studyCells', () => {
    const far = latLngToCell(21.2, 105.6, 8);
    const r = getisOrdGiStar(
      new Map([
        [CENTRE, 3],
        [far, 1],
      ]),
      { k: 1, studyCells: gridDisk(CENTRE, 1) },
    );
    expect(r.size).toBe(8);
    expect(r.has(far)).toBe(true);
  });

  it('with a prebuilt index, ignores values outside it', () => {
    const index = buildNeighbourIndex(gridDisk(CENTRE, 2), 1);
    const far = latLngToCell(21.2, 105.6, 8);
    const withFar = new Map(handGrid()).set(far, 100);
    const a = getisOrdGiStar(withFar, { index });
    const b = getisOrdGiStar(handGrid(), { k: 1, studyCells: gridDisk(CENTRE, 2) });
    expect(a.has(far)).toBe(false);
    expect(a.get(CENTRE)!.z).toBe(b.get(CENTRE)!.z);
  });
});

/** A seeded random study area: a 6-ring disk minus a few holes, Poisson counts with a bump. */
function randomGrid(seed: number) {
  const rng = seeded(seed);
  const study = gridDisk(CENTRE, 6).filter(() => rng() > 0.1);
  const values = new Map<string, number>();
  study.forEach((c, i) => values.set(c, poisson(i % 17 === 0 ? 6 : 0.8, rng)));
  return { study, values };
}

describe('properties (seeded random grids)', () => {
  it.each([1, 2, 3, 4, 5])('is invariant to adding a constant to every cell (seed %i)', (seed) => {
    const { study, values } = randomGrid(seed);
    const index = buildNeighbourIndex(study, 1);
    const base = giStarZ(index, alignValues(index, values).x);
    for (const shift of [1, 17.25, 1e6]) {
      const shifted = new Map(study.map((c) => [c, (values.get(c) ?? 0) + shift]));
      const z = giStarZ(index, alignValues(index, shifted).x);
      z.forEach((zi, i) => expect(Math.abs(zi - base[i]!)).toBeLessThan(1e-9));
    }
  });

  it.each([1, 2, 3])('is invariant to scaling by a positive constant (seed %i)', (seed) => {
    const { study, values } = randomGrid(seed);
    const index = buildNeighbourIndex(study, 2);
    const base = giStarZ(index, alignValues(index, values).x);
    const scaled = new Map([...values].map(([c, v]) => [c, v * 3.7]));
    giStarZ(index, alignValues(index, scaled).x).forEach((zi, i) => expect(zi).toBeCloseTo(base[i]!, 10));
  });

  it.each([
    [11, 1],
    [12, 2],
    [13, 3],
  ])('matches the textbook formula walked with gridDisk (seed %i, k = %i)', (seed, k) => {
    const { study, values } = randomGrid(seed);
    const expected = naiveGiStar(values, study, k);
    const got = getisOrdGiStar(values, { k, studyCells: study });
    expect(got.size).toBe(expected.size);
    for (const [cell, z] of expected) expect(got.get(cell)!.z).toBeCloseTo(z, 10);
  });
});

describe('confidence bins', () => {
  it.each([
    [0, 0],
    [1.6, 0],
    [Z_90, 1],
    [1.9, 1],
    [Z_95, 2],
    [2.5, 2],
    [Z_99, 3],
    [7, 3],
    [-1.7, -1],
    [-2, -2],
    [-3, -3],
  ])('z = %s → bin %s', (z, bin) => {
    expect(binOfZ(z)).toBe(bin);
  });

  it.each([
    [2, 0.2, 0],
    [2, 0.1, 1],
    [-2, 0.04, -2],
    [3, 0.01, 3],
  ])('z = %s, p = %s → bin %s', (z, p, bin) => {
    expect(binOfP(z, p)).toBe(bin);
  });
});

describe('false-discovery-rate correction', () => {
  it('keeps a strong cluster significant and drops chance hits', () => {
    // 331 cells (10-ring); the centre's 2-ring (19 cells) draws Poisson(6), the rest Poisson(0.5).
    const rng = seeded(21);
    const study = gridDisk(CENTRE, 10);
    const cluster = new Set(gridDisk(CENTRE, 2));
    const values = new Map(study.map((c) => [c, poisson(cluster.has(c) ? 6 : 0.5, rng)]));
    const r = getisOrdGiStar(values, { k: 1, studyCells: study, fdr: true });
    let raw = 0;
    let kept = 0;
    for (const c of r.values()) {
      expect(c.pFdr).toBeGreaterThanOrEqual(c.p);
      // Correction only ever weakens a bin, never flips or strengthens it.
      expect(Math.abs(c.binFdr!)).toBeLessThanOrEqual(Math.abs(c.bin));
      if (c.binFdr !== 0) expect(Math.sign(c.binFdr!)).toBe(Math.sign(c.bin));
      if (c.bin !== 0) raw++;
      if (c.binFdr !== 0) kept++;
    }
    expect(raw).toBeGreaterThan(0);
    expect(kept).toBeLessThan(raw);
    expect(r.get(CENTRE)!.binFdr).toBe(3);
  });

  it('leaves the fields out unless asked', () => {
    const c = getisOrdGiStar(handGrid(), { k: 1 }).get(CENTRE)!;
    expect(c.pFdr).toBeUndefined();
    expect(c.binFdr).toBeUndefined();
  });
});
