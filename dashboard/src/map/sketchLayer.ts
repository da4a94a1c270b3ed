/**
 * The sketch a panel draws on the map (mapCapture.ts): the shape so far — a line from two corners,
 * a translucent polygon from three — and a dot on every corner, the first one larger (the ring
 * closes back to it). One GeoJsonLayer (deck's PolygonLayer, PathLayer and ScatterplotLayer
 * underneath); its features are a plain function of the sketch.
 */
import { GeoJsonLayer } from '@deck.gl/layers';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { type RGB, withAlpha } from './colour';
import type { MapSketch } from './mapCapture';

export const SKETCH_LAYER_ID = 'map-sketch';

const FIRST_CORNER_RADIUS_PX = 7;
const CORNER_RADIUS_PX = 5;

type SketchProps = {
  role: 'shape' | 'corner';
  first?: boolean;
};

export function sketchFeatures(s: MapSketch | null): FeatureCollection {
  const features: Array<Feature<Geometry, SketchProps>> = [];
  const corners = (s?.corners ?? []).map(([lng, lat]) => [lng, lat]);
  if (corners.length >= 3)
    features.push({
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [[...corners, corners[0]!]] },
      properties: { role: 'shape' },
    });
  else if (corners.length === 2)
    features.push({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: corners },
      properties: { role: 'shape' },
    });
  corners.forEach((c, i) =>
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: c },
      properties: { role: 'corner', first: i === 0 },
    }),
  );
  return { type: 'FeatureCollection', features };
}

export function sketchLayer(s: MapSketch | null) {
  const data = sketchFeatures(s);
  const colour: RGB = s?.colour ?? [0, 0, 0];
  const props = (f: Feature) => f.properties as SketchProps;
  return new GeoJsonLayer({
    id: SKETCH_LAYER_ID,
    data,
    visible: data.features.length > 0,
    pickable: false,
    filled: true,
    stroked: true,
    pointType: 'circle',
    pointRadiusUnits: 'pixels',
    lineWidthUnits: 'pixels',
    // Open: a light fill, the shape being made; closed: as the alert will be drawn (alertLayer.ts).
    getFillColor: (f: Feature) =>
      props(f).role === 'corner' ? [255, 255, 255, 255] : withAlpha(colour, s?.closed ? 45 : 25),
    getLineColor: withAlpha(colour, 230),
    getLineWidth: (f: Feature) => (props(f).role === 'corner' ? 2 : 3),
    getPointRadius: (f: Feature) => (props(f).first ? FIRST_CORNER_RADIUS_PX : CORNER_RADIUS_PX),
    updateTriggers: { getFillColor: [colour.join(','), s?.closed], getLineColor: colour.join(',') },
  });
}
