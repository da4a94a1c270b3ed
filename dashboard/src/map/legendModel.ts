/** What the legend shows, as plain data (Legend.tsx only draws it). Pure. */
import type { FeatureCollection } from 'geojson';
import { formatDateTime, formatNumber } from '../i18n/format';
import { legendStops, toCss, type QuantileScale, type Scale, type Theme } from './colour';
import {
  AQI_CATEGORIES,
  CONGESTION_STOPS,
  INCIDENT_FILL,
  busStopColour,
  landUseClasses,
  landUseColour,
  landUseLabel,
} from './overlayStyle';
import { NO_DATA_COLOUR, hotspotColour, pulseColour } from './palette';
import { POI_CATEGORIES, POI_CATEGORY_INFO, POI_KIND_CATEGORY, POI_KINDS } from '../../../core/poi';
import { poiKindName } from '../poi/poiView';
import { poiColour } from './poiStyle';
import { mapText, type Lang } from './text';
import type { HexMetric, OverlayInfo } from './types';

export interface LegendItem {
  /** CSS colour */
  colour: string;
  shape: 'fill' | 'outline' | 'dot' | 'ring';
  label: string;
}

export interface LegendSection {
  id: string;
  title: string;
  /** A continuous bar: CSS colours left to right, with the end labels. */
  ramp?: { colours: string[]; min: string; max: string };
  items: LegendItem[];
  /** Source and date line, and whether the data is simulated. */
  source?: string;
  simulated?: boolean;
}

export interface LegendInput {
  lang: Lang;
  theme: Theme;
  showHexes: boolean;
  hexCount: number;
  metric: HexMetric;
  hexScale: Scale;
  showChoropleth: boolean;
  choroplethScale: QuantileScale | null;
  hotCells: number;
  /** The view pulses each new report (not the public map, which gets no per-report events). */
  livePulses: boolean;
  overlays: readonly OverlayInfo[];
  enabledOverlays: ReadonlySet<string>;
  overlayData: ReadonlyMap<string, FeatureCollection>;
}

export function legendSections(input: LegendInput): LegendSection[] {
  const { lang, theme } = input;
  const t = mapText(lang);
  const out: LegendSection[] = [];

  if (input.showHexes && input.hexCount > 0) {
    const stops = legendStops(input.hexScale, 5);
    out.push({
      id: 'hexes',
      title: t.metricTitle[input.metric],
      ramp: {
        colours: stops.map((s) => toCss(s.colour)),
        min: formatNumber(stops[0].value, lang),
        max: formatNumber(stops[stops.length - 1].value, lang),
      },
      items: [],
    });
  }

  if (input.showChoropleth && input.choroplethScale) {
    const stops = legendStops(input.choroplethScale);
    const items: LegendItem[] = [];
    const classes = stops.length > 1 ? stops.slice(0, -1) : stops;
    classes.forEach((s, i) => {
      const hi = stops[i + 1]?.value;
      const label =
        hi === undefined
          ? formatNumber(s.value, lang, 1)
          : `${formatNumber(s.value, lang, 1)} – ${formatNumber(hi, lang, 1)}`;
      items.push({ colour: toCss(s.colour), shape: 'fill', label });
    });
    items.push({ colour: toCss(NO_DATA_COLOUR), shape: 'fill', label: t.noData });
    out.push({ id: 'choropleth', title: t.choroplethTitle, items });
  }

  if (input.hotCells > 0) {
    out.push({
      id: 'hotspots',
      title: t.hotspots,
      items: [{ colour: toCss(hotspotColour(theme)), shape: 'outline', label: t.hotspot }],
    });
  }

  if (input.livePulses) {
    out.push({
      id: 'pulses',
      title: '',
      items: [{ colour: toCss(pulseColour(theme)), shape: 'ring', label: t.newReport }],
    });
  }

  for (const o of input.overlays) {
    if (!input.enabledOverlays.has(o.code)) continue;
    const section: LegendSection = {
      id: `overlay-${o.code}`,
      title: lang === 'vi' ? o.nameVi : o.nameEn,
      items: [],
      source: sourceLine(o, lang),
      simulated: o.simulated,
    };
    switch (o.kind) {
      case 'environment':
        section.items = AQI_CATEGORIES.map((k) => ({ colour: toCss(k.colour), shape: 'dot' as const, label: k[lang] }));
        break;
      case 'traffic': {
        const { congestion, incidents } = trafficParts(o);
        if (congestion) {
          section.ramp = {
            colours: CONGESTION_STOPS.map(([, c]) => toCss(c)),
            min: t.congestionFree,
            max: t.congestionJammed,
          };
        }
        if (incidents) section.items = [{ colour: toCss(INCIDENT_FILL), shape: 'ring', label: t.incident }];
        break;
      }
      case 'planning': {
        // The layer's declared classes (with their names), else the classes found in its data.
        const declared = o.legend?.classes;
        section.items = declared?.length
          ? declared.map((c) => ({
              colour: toCss(landUseColour(c.key)),
              shape: 'fill' as const,
              label: (lang === 'vi' ? c.nameVi : c.nameEn) || landUseLabel(c.key, lang),
            }))
          : landUseClasses(input.overlayData.get(o.code)?.features ?? []).map((c) => ({
              colour: toCss(landUseColour(c)),
              shape: 'fill' as const,
              label: landUseLabel(c, lang),
            }));
        break;
      }
      case 'transit':
        section.items = [{ colour: toCss(busStopColour(theme)), shape: 'dot', label: t.busStop }];
        break;
      case 'amenity': {
        // One colour per category layer; its kinds (kindergarten … university) share it.
        const category = POI_CATEGORIES.find((c) => POI_CATEGORY_INFO[c].layerCode === o.code);
        const kinds = POI_KINDS.filter((k) => POI_KIND_CATEGORY[k] === category);
        section.items = [
          {
            colour: toCss(poiColour(category, theme)),
            shape: 'dot',
            label: kinds.length ? kinds.map((k) => poiKindName(k, lang)).join(', ') : section.title,
          },
        ];
        break;
      }
    }
    out.push(section);
  }
  return out;
}

/**
 * Which parts of the traffic legend a layer needs: a congestion ramp, incident markers, or both when
 * the layer does not say (by its metrics, or an "incident" in its code).
 */
export function trafficParts(o: OverlayInfo): { congestion: boolean; incidents: boolean } {
  const keys = (o.legend?.metrics ?? []).map((m) => m.key);
  const congestion = keys.includes('congestion');
  const incidents = keys.includes('severity') || /incident/i.test(o.code);
  return congestion || incidents ? { congestion, incidents } : { congestion: true, incidents: true };
}

/** "Source: X · 12/05/2025" — the date as given when it is not a timestamp. */
export function sourceLine(o: OverlayInfo, lang: Lang): string {
  const t = mapText(lang);
  const parts = [`${t.source}: ${o.source}`];
  if (o.licence) parts.push(o.licence);
  if (o.dataDate) {
    const d = new Date(o.dataDate);
    parts.push(/T\d/.test(o.dataDate) && !Number.isNaN(d.getTime()) ? formatDateTime(d, lang) : o.dataDate);
  }
  return parts.join(' · ');
}
