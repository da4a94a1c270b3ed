import type { FeatureCollection } from 'geojson';
import { type Accessor, createEffect, createMemo, createSignal, on, untrack } from 'solid-js';
import type { AlertSummary } from '../../../core/alerts';
import { type AreaShapes, alertFeatures, shapesByCode } from '../map/alertLayer';
import { fetchAreaShapes } from './api';

/**
 * The map's alert features: drawn polygons as sent, area alerts as their area's outline, fetched
 * (once per level, the browser caches it) when an alert first needs it. The collection changes
 * only when the alerts shown do, so deck.gl re-tessellates only then.
 */
export function useAlertFeatures(
  alerts: Accessor<AlertSummary[]>,
  /** An area code's level, from the city's areas (GET /api/city): codes have no shape of their own. */
  levelOf: (code: string) => 'district' | 'commune' | undefined,
): Accessor<FeatureCollection> {
  const [shapes, setShapes] = createSignal<AreaShapes>(new Map());
  const asked = new Set<string>();
  createEffect(() => {
    for (const a of alerts()) {
      if (!a.areaCode) continue;
      const level = levelOf(a.areaCode);
      if (!level || asked.has(level)) continue;
      asked.add(level);
      fetchAreaShapes(level).then(
        (fc) => setShapes((prev) => new Map([...prev, ...shapesByCode(fc)])),
        () => asked.delete(level),
      );
    }
  });
  const key = createMemo(() =>
    alerts()
      .map((a) => `${a.id}@${a.updatedAt}`)
      .join(','),
  );
  return createMemo(on([key, shapes], () => alertFeatures(untrack(alerts), shapes())));
}
