/**
 * The area-name layers: district names below COMMUNE_LABEL_ZOOM, commune names from it. The level the
 * parent holds comes through areaShapes; the other is fetched here, once, when first needed.
 */
import type { FeatureCollection } from 'geojson';
import { createEffect, createMemo, createSignal, onCleanup, type Accessor } from 'solid-js';
import { areaLabels, labelLevelForZoom, thinLabels, type AreaLabel } from './areas';
import type { Theme } from './colour';
import type { FetchJson } from './config';
import { LAYER_IDS, labelLayer } from './layers';
import type { Lang } from './text';

type Level = 'district' | 'commune';

export function createAreaLabels(opts: {
  zoom: Accessor<number>;
  lang: Accessor<Lang>;
  theme: Accessor<Theme>;
  areaLevel: Accessor<Level>;
  areaShapes: Accessor<FeatureCollection | null>;
  get: FetchJson;
}) {
  const [fetched, setFetched] = createSignal<Record<Level, FeatureCollection | null>>({
    district: null,
    commune: null,
  });
  const sizePx = () => (opts.theme() === 'dark' ? 16 : 13);
  const level = createMemo(() => labelLevelForZoom(opts.zoom()));
  // Labels are re-thinned per half zoom step, not per frame.
  const zoomStep = createMemo(() => Math.round(opts.zoom() * 2) / 2);
  const shapesFor = (l: Level) => (opts.areaLevel() === l ? opts.areaShapes() : fetched()[l]);

  const requested = new Set<Level>();
  const abort = new AbortController();
  onCleanup(() => abort.abort());
  createEffect(() => {
    const l = level();
    if (opts.areaLevel() === l || fetched()[l] || requested.has(l)) return;
    requested.add(l);
    opts
      .get(`/api/areas/geojson?level=${l}`, { signal: abort.signal })
      .then((fc) => setFetched((s) => ({ ...s, [l]: fc as FeatureCollection })))
      .catch((e: Error) => {
        requested.delete(l);
        if (!abort.signal.aborted) console.warn(`citydesk map: ${l} names: ${e.message}`);
      });
  });

  const layerFor = (l: Level, id: string, sizeDelta: number) => {
    const all = createMemo(() => areaLabels(shapesFor(l)));
    // Thinned only while on show; hidden, it keeps its last data (and its GPU buffers).
    const shown = createMemo<AreaLabel[]>(
      (prev) => (level() === l ? thinLabels(all(), zoomStep(), opts.lang(), sizePx()) : prev),
      [],
    );
    return createMemo(() =>
      labelLayer({
        id,
        data: shown(),
        lang: opts.lang(),
        theme: opts.theme(),
        visible: level() === l,
        sizePx: sizePx() + sizeDelta,
      }),
    );
  };
  return {
    district: layerFor('district', LAYER_IDS.labelsDistrict, 0),
    commune: layerFor('commune', LAYER_IDS.labelsCommune, -1),
  };
}
