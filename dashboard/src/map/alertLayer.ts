/**
 * Alerts on the map: each alert in force as its area's outline or its drawn polygon, filled and
 * outlined in its severity's colour, with a tooltip in the page's language (the other language's
 * title beneath). Shapes, colours and tooltip text are plain functions; the layer is one
 * GeoJsonLayer whose data changes only when the alerts do.
 */
import { GeoJsonLayer } from '@deck.gl/layers';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { ALERT_KIND_NAMES, ALERT_SEVERITY_NAMES, type AlertSeverity, type AlertSummary } from '../../../core/alerts';
import { formatDateTime } from '../i18n/format';
import type { RGB } from './colour';
import { withAlpha } from './colour';
import { escapeHtml, tooltipHtml } from './tooltip';
import type { Lang } from './text';

export const ALERTS_LAYER_ID = 'alerts';

/** Blue, amber, red: the colours people read as notice, caution and danger, outside the data scales' ramps. */
export const SEVERITY_COLOURS: Record<AlertSeverity, RGB> = {
  info: [37, 99, 235],
  warning: [245, 158, 11],
  danger: [220, 38, 38],
};

export interface AlertFeatureProps {
  alert: AlertSummary;
}

/** Area outlines by code, from the district and commune collections (GET /api/areas/geojson). */
export type AreaShapes = ReadonlyMap<string, Polygon | MultiPolygon>;

export function shapesByCode(...collections: Array<FeatureCollection | null | undefined>): AreaShapes {
  const map = new Map<string, Polygon | MultiPolygon>();
  for (const fc of collections)
    for (const f of fc?.features ?? []) {
      const code = f.properties?.code;
      if (typeof code === 'string' && (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon'))
        map.set(code, f.geometry);
    }
  return map;
}

/** One feature per alert that has a shape to draw (an area alert whose outline is not loaded yet waits). */
export function alertFeatures(alerts: readonly AlertSummary[], shapes: AreaShapes): FeatureCollection {
  const features: Array<Feature<Polygon | MultiPolygon, AlertFeatureProps>> = [];
  // Least severe first, so the most severe is drawn on top.
  for (const alert of [...alerts].reverse()) {
    const geometry = alert.geometry ?? (alert.areaCode ? shapes.get(alert.areaCode) : undefined);
    if (geometry) features.push({ type: 'Feature', geometry, properties: { alert } });
  }
  return { type: 'FeatureCollection', features };
}

export function alertLayer(p: { data: FeatureCollection; visible: boolean }) {
  const colour = (f: Feature) => SEVERITY_COLOURS[(f.properties as AlertFeatureProps).alert.severity];
  return new GeoJsonLayer({
    id: ALERTS_LAYER_ID,
    data: p.data,
    visible: p.visible && p.data.features.length > 0,
    filled: true,
    stroked: true,
    pickable: true,
    lineWidthUnits: 'pixels',
    getLineWidth: 3,
    getFillColor: (f: Feature) => withAlpha(colour(f), 45),
    getLineColor: (f: Feature) => withAlpha(colour(f), 230),
  });
}

/** The tooltip: severity and kind, the title in the page's language and the other's, the text, the window. */
export function alertTooltip(f: Feature, lang: Lang): string {
  const a = (f.properties as AlertFeatureProps).alert;
  const other: Lang = lang === 'vi' ? 'en' : 'vi';
  const title = lang === 'vi' ? a.titleVi : a.titleEn;
  const otherTitle = other === 'vi' ? a.titleVi : a.titleEn;
  const body = lang === 'vi' ? a.bodyVi : a.bodyEn;
  const label = lang === 'vi' ? { until: 'Đến', from: 'Từ' } : { until: 'Until', from: 'From' };
  const head = `${ALERT_SEVERITY_NAMES[a.severity][lang]} · ${ALERT_KIND_NAMES[a.kind][lang]}`;
  return (
    tooltipHtml(
      title,
      [
        [label.from, formatDateTime(a.startsAt, lang)],
        [label.until, formatDateTime(a.expiresAt, lang)],
      ],
      otherTitle,
    ) + `<div class="cd-tt-sub">${escapeHtml(head)}</div><div class="cd-tt-body">${escapeHtml(body)}</div>`
  );
}
