/** Hex colouring: the chosen metric on a log viridis scale. Pure. */
import { VIRIDIS, logScale, paletteFor, withAlpha, type RGBA, type Scale, type Theme } from './colour';
import type { HexDatum, HexMetric } from './types';

export const HEX_ALPHA = 200;
/** A cell with none of the chosen metric stays faintly visible: it has reports, just not of this kind. */
export const ZERO_ALPHA = 40;

export function hexScale(hexes: readonly HexDatum[], metric: HexMetric, theme: Theme): Scale {
  return logScale(
    hexes.map((h) => h[metric]),
    paletteFor(VIRIDIS, theme),
  );
}

export function hexFill(d: HexDatum, metric: HexMetric, scale: Scale): RGBA {
  const v = d[metric];
  return withAlpha(scale.colour(v), v > 0 ? HEX_ALPHA : ZERO_ALPHA);
}
