/** deck.gl layers of the points of interest: one per category layer, and the ring of the picked point. */
import type { PickingInfo } from '@deck.gl/core';
import { GeoJsonLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Feature, FeatureCollection } from 'geojson';
import { withAlpha, type Theme } from './colour';
import { labelColours } from './palette';
import { poiColour, poiMarkerColour } from './poiStyle';

export const POI_MARKER_LAYER_ID = 'poi-marker';

export function poiLayer(p: {
  id: string;
  data: FeatureCollection;
  visible: boolean;
  theme: Theme;
  onClick?: (f: Feature) => void;
}) {
  const { halo } = labelColours(p.theme);
  return new GeoJsonLayer({
    id: p.id,
    data: p.data,
    visible: p.visible,
    pickable: true,
    autoHighlight: true,
    pointType: 'circle',
    filled: true,
    stroked: true,
    pointRadiusUnits: 'pixels',
    getPointRadius: 5,
    // A point of a few pixels is hard to hit: picking takes a few more around it.
    pointRadiusMinPixels: 3,
    getFillColor: (f: Feature) => withAlpha(poiColour(f.properties?.category, p.theme), 235),
    getLineColor: [...halo, 255],
    lineWidthUnits: 'pixels',
    getLineWidth: 1.25,
    onClick: (info: PickingInfo) => {
      if (!info.object || !p.onClick) return false;
      p.onClick(info.object as Feature);
      return true;
    },
    updateTriggers: { getFillColor: p.theme, getLineColor: p.theme },
  });
}

/** A ring around the picked point, drawn above everything else so it shows whatever layer is on. */
export function poiMarkerLayer(p: { point: { lng: number; lat: number } | null; theme: Theme }) {
  return new ScatterplotLayer<{ lng: number; lat: number }>({
    id: POI_MARKER_LAYER_ID,
    data: p.point ? [p.point] : [],
    visible: p.point !== null,
    pickable: false,
    stroked: true,
    filled: false,
    radiusUnits: 'pixels',
    getRadius: 11,
    lineWidthUnits: 'pixels',
    getLineWidth: 3,
    getPosition: (d) => [d.lng, d.lat],
    getLineColor: [...poiMarkerColour(p.theme), 255],
    updateTriggers: { getLineColor: p.theme },
  });
}
