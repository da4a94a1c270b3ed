/**
 * Initiatives on the map: each located one as a point coloured by its status, with a tooltip of
 * its title, status and supports. Points and colours are plain data; the layer is one GeoJsonLayer
 * whose data changes only when the list does.
 */
import { GeoJsonLayer } from '@deck.gl/layers';
import type { Feature, FeatureCollection } from 'geojson';
import { INITIATIVE_STATUS_NAMES, type InitiativeStatus } from '../../../core/initiatives';
import type { InitiativePointProps } from '../data/initiatives';
import { formatNumber } from '../i18n/format';
import type { RGB, Theme } from './colour';
import { labelColours } from './palette';
import type { Lang } from './text';
import { tooltipHtml } from './tooltip';

export const INITIATIVES_LAYER_ID = 'initiatives';

/** Violet for ideas (apart from the data ramps and the alerts' severities), green once taken up, grey when declined. */
export const INITIATIVE_COLOURS: Record<InitiativeStatus, RGB> = {
  submitted: [124, 58, 237],
  under_review: [124, 58, 237],
  accepted: [22, 163, 74],
  implemented: [21, 128, 61],
  declined: [148, 163, 184],
};

export function initiativeLayer(p: { data: FeatureCollection; visible: boolean; theme: Theme }) {
  const { halo } = labelColours(p.theme);
  return new GeoJsonLayer({
    id: INITIATIVES_LAYER_ID,
    data: p.data,
    visible: p.visible && p.data.features.length > 0,
    pickable: true,
    autoHighlight: true,
    pointType: 'circle',
    filled: true,
    stroked: true,
    pointRadiusUnits: 'pixels',
    getPointRadius: 7,
    pointRadiusMinPixels: 4,
    getFillColor: (f: Feature) => [...INITIATIVE_COLOURS[(f.properties as InitiativePointProps).status], 230],
    getLineColor: [...halo, 255],
    lineWidthUnits: 'pixels',
    getLineWidth: 1.5,
  });
}

const SUPPORTS = { vi: 'Lượt ủng hộ', en: 'Supports' };
const STATUS = { vi: 'Trạng thái', en: 'Status' };

export function initiativeTooltip(f: Feature, lang: Lang): string {
  const p = f.properties as InitiativePointProps;
  return tooltipHtml(
    p.title,
    [
      [STATUS[lang], INITIATIVE_STATUS_NAMES[p.status][lang]],
      [SUPPORTS[lang], formatNumber(p.supportCount, lang)],
    ],
    p.publicId,
  );
}
