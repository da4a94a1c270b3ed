import { describe, expect, it } from 'vitest';
import { VIRIDIS } from './colour';
import { HEX_ALPHA, ZERO_ALPHA, hexFill, hexScale } from './hexes';

const hexes = [
  { cell: 'a', received: 0, open: 4, overdue: 0 },
  { cell: 'b', received: 50, open: 1, overdue: 3 },
];

describe('hexScale / hexFill', () => {
  it('scales the chosen metric, bright = more on the dark wall', () => {
    const s = hexScale(hexes, 'open', 'dark');
    expect(s.domain).toEqual([1, 4]);
    expect(hexFill(hexes[0], 'open', s)).toEqual([...VIRIDIS[8], HEX_ALPHA]);
  });
  it('reverses on the light desk', () => {
    const s = hexScale(hexes, 'received', 'light');
    expect(hexFill(hexes[1], 'received', s)).toEqual([...VIRIDIS[0], HEX_ALPHA]);
  });
  it('keeps zero cells faint, not gone', () => {
    const s = hexScale(hexes, 'received', 'dark');
    expect(hexFill(hexes[0], 'received', s)[3]).toBe(ZERO_ALPHA);
  });
});
