import { cellToParent, getResolution, gridDistance, isValidCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { H3_RESOLUTIONS, h3CellsFor } from './h3cells';

describe('h3CellsFor', () => {
  it('bins at resolutions 6 to 10', () => {
    expect([...H3_RESOLUTIONS]).toEqual([6, 7, 8, 9, 10]);
  });

  it.each([
    ['Hồ Hoàn Kiếm', 21.0287, 105.8524],
    ['Hương Sơn', 20.618, 105.747],
    ['antimeridian', -16.5, 179.9999],
    ['pole', 90, 0],
  ])("%s: one valid cell per resolution, near the fine cell's ancestor", (_, lat, lng) => {
    const cells = h3CellsFor(lat, lng);
    const byRes = [cells.h3r6, cells.h3r7, cells.h3r8, cells.h3r9, cells.h3r10];
    byRes.forEach((cell, i) => {
      expect(isValidCell(cell)).toBe(true);
      expect(getResolution(cell)).toBe(H3_RESOLUTIONS[i]);
      // H3 children do not tile their parent exactly, so a point's r6 cell can be a neighbour
      // of its r10 cell's r6 ancestor: roll-ups must bin by the stored column, not by parent.
      expect(gridDistance(cellToParent(cells.h3r10, H3_RESOLUTIONS[i]), cell)).toBeLessThanOrEqual(1);
    });
  });

  it('is deterministic', () => {
    expect(h3CellsFor(21.0368, 105.8347)).toEqual(h3CellsFor(21.0368, 105.8347));
  });

  it.each([
    [Number.NaN, 105.85],
    [21.03, Number.NaN],
    [Number.POSITIVE_INFINITY, 105.85],
    [91, 105.85],
    [-90.0001, 0],
    [21.03, 180.5],
    [21.03, -181],
  ])('rejects lat=%s lng=%s with a RangeError', (lat, lng) => {
    expect(() => h3CellsFor(lat, lng)).toThrow(RangeError);
  });
});
