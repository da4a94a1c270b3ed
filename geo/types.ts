// The pack's area format is defined in core; geo works on it.
export type { AreaFeature, AreaLevel } from '../core/cityPack';

/** H3 cells of one point at every resolution the product bins at. */
export interface H3Cells {
  h3r6: string;
  h3r7: string;
  h3r8: string;
  h3r9: string;
  h3r10: string;
}
