/** The legend over the map: its sections follow what is drawn (layers on, their scales, overlay data). */
import type { FeatureCollection } from 'geojson';
import { createMemo } from 'solid-js';
import type { LayerStack } from './layerStack';
import { Legend } from './Legend';
import { legendSections } from './legendModel';
import type { MapViewProps } from './types';

export function MapLegend(props: { map: MapViewProps; stack: LayerStack }) {
  const sections = createMemo(() => {
    const p = props.map;
    const data = new Map<string, FeatureCollection>();
    for (const [code, l] of props.stack.overlayData()) data.set(code, l.data);
    return legendSections({
      lang: p.lang(),
      theme: p.theme,
      showHexes: p.showHexes(),
      hexCount: p.hexes().length,
      metric: p.metric(),
      hexScale: props.stack.hexScale(),
      showChoropleth: p.showChoropleth() && p.areaShapes() !== null,
      choroplethScale: props.stack.choroScale(),
      hotCells: p.hotCells().length,
      livePulses: p.livePulses,
      overlays: p.overlays(),
      enabledOverlays: p.enabledOverlays(),
      overlayData: data,
    });
  });
  return <Legend sections={sections()} lang={props.map.lang()} />;
}
