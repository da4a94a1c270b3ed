import { gridDisk, gridDistance, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { alignValues, buildNeighbourIndex, type NeighbourIndex } from './neighbourIndex';

const CENTRE = latLngToCell(21.0287, 105.8524, 8);

function neighboursOf(index: NeighbourIndex, cell: string): string[] {
  const i = index.position.get(cell)!;
  return Array.from(index.neighbours.subarray(index.start[i], index.start[i + 1]), (j) => index.cells[j]!);
}

describe('buildNeighbourIndex', () => {
  it('keeps each k-ring inside the study area, self included', () => {
    // 7 cells, k = 1: the centre sees all 7; a ring cell sees itself, the centre and its two
    // ring neighbours (its other three neighbours are outside the study area, w = 0).
    const index = buildNeighbourIndex(gridDisk(CENTRE, 1), 1);
    expect(neighboursOf(index, CENTRE).sort()).toEqual(gridDisk(CENTRE, 1).sort());
    for (const cell of index.cells) {
      if (cell === CENTRE) continue;
      const nb = neighboursOf(index, cell);
      expect(nb).toHaveLength(4);
      expect(nb).toContain(cell);
      expect(nb).toContain(CENTRE);
    }
  });

  it.each([0, 1, 2, 3])('is symmetric at k = %i (j ∈ N(i) ⇔ i ∈ N(j))', (k) => {
    const index = buildNeighbourIndex(gridDisk(CENTRE, 5), k);
    const pairs = new Set<string>();
    let farthest = 0;
    for (const cell of index.cells) {
      for (const nb of neighboursOf(index, cell)) {
        farthest = Math.max(farthest, gridDistance(cell, nb));
        pairs.add(`${cell}>${nb}`);
      }
    }
    expect(farthest).toBe(k);
    for (const pair of pairs) expect(pairs.has(pair.split('>').reverse().join('>'))).toBe(true);
    // A cell deep inside has the full ring: 1 + 3k(k+1).
    expect(neighboursOf(index, CENTRE)).toHaveLength(1 + 3 * k * (k + 1));
  });

  it('ignores duplicates, keeping the first position', () => {
    const cells = gridDisk(CENTRE, 1);
    const index = buildNeighbourIndex([...cells, cells[0]!, CENTRE], 1);
    expect(index.cells).toEqual(cells);
  });

  it('handles the empty study area', () => {
    const index = buildNeighbourIndex([], 1);
    expect(index.cells).toEqual([]);
    expect(Array.from(index.start)).toEqual([0]);
  });

  it.each([-1, 1.5, Number.NaN])('rejects k = %s', (k) => {
    expect(() => buildNeighbourIndex([CENTRE], k)).toThrow(RangeError);
  });

  it('rejects mixed resolutions and non-cells', () => {
    expect(() => buildNeighbourIndex([CENTRE, latLngToCell(21.0287, 105.8524, 9)], 1)).toThrow(RangeError);
    expect(() => buildNeighbourIndex([CENTRE, 'not-a-cell'], 1)).toThrow(RangeError);
  });
});

describe('alignValues', () => {
  it('lays values out by position, zeros elsewhere, and counts cells outside', () => {
    const index = buildNeighbourIndex(gridDisk(CENTRE, 1), 1);
    const far = latLngToCell(20.6, 105.7, 8);
    const { x, outside } = alignValues(
      index,
      new Map([
        [CENTRE, 5],
        [index.cells[3]!, 2],
        [far, 9],
      ]),
    );
    const expected = [0, 0, 0, 2, 0, 0, 0];
    expected[index.position.get(CENTRE)!] = 5;
    expect(Array.from(x)).toEqual(expected);
    expect(outside).toBe(1);
  });
});
