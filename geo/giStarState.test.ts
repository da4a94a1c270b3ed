import { gridDisk, gridRing, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { poisson, seeded } from './bench/syntheticGrid';
import { GiStarState } from './giStarState';
import { giStarZ } from './hotspots';
import { alignValues, buildNeighbourIndex } from './neighbourIndex';

const CENTRE = latLngToCell(21.0287, 105.8524, 8);

describe('GiStarState', () => {
  it('reproduces the hand-worked centre (19 cells, k = 1) one event at a time', () => {
    // Same grid as hotspots.test.ts: centre 8, ring [4, 2, 0, 0, 0, 2], outer ring empty
    // → Gi*(centre) = 192/√6608 = 2.361926.
    const index = buildNeighbourIndex(gridDisk(CENTRE, 2), 1);
    const state = new GiStarState(index);
    for (let e = 0; e < 8; e++) state.add(CENTRE, 1);
    gridRing(CENTRE, 1).forEach((c, i) => state.add(c, [4, 2, 0, 0, 0, 2][i]!));
    expect(state.zFor(CENTRE)).toBeCloseTo(192 / Math.sqrt(6608), 12);
  });

  it.each([1, 2, 3])('stays equal to a full recomputation under random integer updates (seed %i)', (seed) => {
    const rng = seeded(seed);
    const study = gridDisk(CENTRE, 8);
    const index = buildNeighbourIndex(study, 1 + (seed % 2));
    const x = Float64Array.from(study, () => poisson(0.7, rng));
    const state = new GiStarState(index, x);
    const initial = giStarZ(index, x);
    state.zScores().forEach((z, j) => expect(z).toBeCloseTo(initial[j]!, 10));
    for (let step = 0; step < 300; step++) {
      const i = Math.floor(rng() * study.length);
      const delta = x[i]! > 0 && rng() < 0.4 ? -1 : 1 + Math.floor(rng() * 3); // opens and closes
      x[i]! += delta;
      state.addAt(i, delta);
      if (step % 50 === 0) {
        const expected = giStarZ(index, x);
        state.zScores().forEach((z, j) => expect(z).toBeCloseTo(expected[j]!, 10));
      }
    }
    // Integer data: the sums are exact, so resync changes nothing at all.
    const before = state.zScores();
    state.resync();
    expect(Array.from(state.zScores())).toEqual(Array.from(before));
  });

  it('returns to z = 0 exactly when the data go back to all-equal', () => {
    const index = buildNeighbourIndex(gridDisk(CENTRE, 3), 1);
    const state = new GiStarState(index);
    state.add(CENTRE, 5);
    expect(state.zFor(CENTRE)).toBeGreaterThan(0);
    state.add(CENTRE, -5);
    expect(Array.from(state.zScores()).every((z) => z === 0)).toBe(true);
  });

  it('set() assigns, and cells outside the study area are refused', () => {
    const study = gridDisk(CENTRE, 3);
    const index = buildNeighbourIndex(study, 1);
    const state = new GiStarState(index);
    const far = latLngToCell(21.3, 105.5, 8);
    expect(state.add(far, 1)).toBe(false);
    expect(state.set(far, 1)).toBe(false);
    expect(state.zFor(far)).toBeUndefined();
    expect(state.set(CENTRE, 7)).toBe(true);
    expect(state.valueAt(index.position.get(CENTRE)!)).toBe(7);
    const expected = giStarZ(index, alignValues(index, new Map([[CENTRE, 7]])).x);
    expect(state.zFor(CENTRE)).toBeCloseTo(expected[index.position.get(CENTRE)!]!, 12);
  });

  it('rejects initial values of the wrong length', () => {
    const index = buildNeighbourIndex(gridDisk(CENTRE, 1), 1);
    expect(() => new GiStarState(index, new Float64Array(3))).toThrow(RangeError);
  });
});
