/** What the pointer shows over the map: tooltips (HTML built from escaped strings, see tooltip.ts) and the cursor. */
import type { PickingInfo } from '@deck.gl/core';
import type { Feature } from 'geojson';
import { ALERTS_LAYER_ID, alertTooltip } from './alertLayer';
import { areaCode } from './areas';
import { INITIATIVES_LAYER_ID, initiativeTooltip } from './initiativeLayer';
import { LAYER_IDS, overlayLayerId } from './layers';
import { tooltipStyle } from './palette';
import { poiTooltip } from './poiTooltip';
import { areaTooltip, hexTooltip, overlayTooltip } from './tooltip';
import type { MapViewProps } from './types';

export type MapTooltip = ReturnType<typeof createMapTooltip>;

export const DRAWING_CURSOR = 'crosshair';

export function createMapTooltip(props: MapViewProps) {
  const getTooltip = (info: PickingInfo) => {
    const { object, layer } = info;
    // Drawing on the map (mapCapture.ts): a box under the pointer would hide where the next corner goes.
    if (!object || !layer || props.capture?.active()) return null;
    const lang = props.lang();
    let html: string | null = null;
    if (layer.id === LAYER_IDS.hexes) html = hexTooltip(object, props.metric(), lang);
    else if (layer.id === ALERTS_LAYER_ID) html = alertTooltip(object as Feature, lang);
    else if (layer.id === INITIATIVES_LAYER_ID) html = initiativeTooltip(object as Feature, lang);
    else if (layer.id === LAYER_IDS.areas) {
      const code = areaCode(object as Feature);
      html = areaTooltip(object as Feature, code ? props.areaValues().get(code) : undefined, lang);
    } else {
      const o = props.overlays().find((x) => overlayLayerId(x.code) === layer.id);
      if (o)
        html = o.kind === 'amenity' ? poiTooltip(object as Feature, lang) : overlayTooltip(o, object as Feature, lang);
    }
    return html ? { html, style: tooltipStyle(props.theme) } : null;
  };

  /** A pointer over what a click opens (a hex, an area) when the view handles that click; a cross while drawing. */
  const cursor = (info: PickingInfo): string => {
    if (props.capture?.active()) return DRAWING_CURSOR;
    const id = info.layer?.id;
    const clickable =
      (id === LAYER_IDS.hexes && props.onHexClick) ||
      (id === LAYER_IDS.areas && props.onAreaClick) ||
      (props.onPoiClick && props.overlays().some((o) => o.kind === 'amenity' && overlayLayerId(o.code) === id));
    return info.object && clickable ? 'pointer' : '';
  };

  return { getTooltip, cursor };
}
