/** Colours of the points of interest, one per category (layer). Pure. */
import { isPoiCategory, type PoiCategory } from '../../../core/poi';
import type { RGB, Theme } from './colour';

/**
 * Okabe–Ito hues where they fit (readable with the common colour-vision deficiencies), none of them a
 * hex or choropleth scale's: the legend names each layer beside its swatch anyway.
 */
const LIGHT: Record<PoiCategory, RGB> = {
  education: [230, 159, 0],
  health: [200, 30, 45],
  market: [0, 158, 115],
  police: [40, 70, 190],
  community_house: [204, 121, 167],
};
const DARK: Record<PoiCategory, RGB> = {
  education: [255, 190, 60],
  health: [255, 95, 105],
  market: [60, 220, 170],
  police: [120, 150, 255],
  community_house: [240, 160, 205],
};

export function poiColour(category: unknown, theme: Theme): RGB {
  const c = isPoiCategory(category) ? category : 'education';
  return (theme === 'dark' ? DARK : LIGHT)[c];
}

/** The ring around the point a search or click picked. */
export function poiMarkerColour(theme: Theme): RGB {
  return theme === 'dark' ? [255, 255, 255] : [15, 23, 42];
}
