/**
 * Tooltip HTML for deck.gl's getTooltip. Every string that came from data is escaped: area names,
 * station names and bus stop names are third-party text (OSM, agencies) and end up in innerHTML.
 */
import type { Feature } from 'geojson';
import { formatDateTime, formatNumber } from '../i18n/format';
import { openPer10k } from './areas';
import { aqiCategory, isIncident, landUseLabel, landUseOf, num, stationAqi } from './overlayStyle';
import { mapText, type Lang } from './text';
import type { AreaDatum, HexDatum, HexMetric, OverlayInfo } from './types';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

type Row = [label: string, value: string, emphasis?: boolean];

/** Title + label/value rows; both already plain text, escaped here. */
export function tooltipHtml(title: string, rows: readonly Row[], subtitle?: string): string {
  const head = `<div class="cd-tt-title">${escapeHtml(title)}</div>`;
  const sub = subtitle ? `<div class="cd-tt-sub">${escapeHtml(subtitle)}</div>` : '';
  const body = rows
    .map(
      ([k, v, em]) =>
        `<div class="cd-tt-row${em ? ' cd-tt-em' : ''}"><span>${escapeHtml(k)}</span><b>${escapeHtml(v)}</b></div>`,
    )
    .join('');
  return head + sub + body;
}

export function hexTooltip(d: HexDatum, metric: HexMetric, lang: Lang): string {
  const t = mapText(lang);
  const rows: Row[] = (['received', 'open', 'overdue'] as const).map((m) => [
    t[m],
    formatNumber(d[m], lang),
    m === metric,
  ]);
  return tooltipHtml(`${t.cell} ${d.cell}`, rows);
}

export function areaTooltip(f: Feature, datum: AreaDatum | undefined, lang: Lang): string {
  const t = mapText(lang);
  const p = (f.properties ?? {}) as Record<string, unknown>;
  const nameVi = String(datum?.nameVi ?? p.nameVi ?? p.name ?? '');
  const nameEn = String(datum?.nameEn ?? p.nameEn ?? nameVi);
  const title = lang === 'vi' ? nameVi : nameEn;
  const other = lang === 'vi' ? nameEn : nameVi;
  const population = datum?.population ?? num(p.population);
  const areaKm2 = num(p.areaKm2);
  const rows: Row[] = [];
  if (datum) {
    const rate = openPer10k(datum);
    rows.push([t.choroplethTitle, rate === null ? t.noData : formatNumber(rate, lang, 1), true]);
    rows.push([t.open, formatNumber(datum.open, lang)]);
    rows.push([t.overdue, formatNumber(datum.overdue, lang)]);
    rows.push([t.received, formatNumber(datum.received, lang)]);
  }
  rows.push([t.population, population === null ? t.noData : formatNumber(population, lang)]);
  if (areaKm2 !== null) rows.push([t.area, `${formatNumber(areaKm2, lang, 1)} ${t.km2}`]);
  return tooltipHtml(title, rows, other && other !== title ? other : undefined);
}

export function overlayTooltip(info: OverlayInfo, f: Feature, lang: Lang): string {
  const t = mapText(lang);
  const p = (f.properties ?? {}) as Record<string, unknown>;
  const layerName = lang === 'vi' ? info.nameVi : info.nameEn;
  const name = typeof p.name === 'string' && p.name ? p.name : layerName;
  const rows: Row[] = [];
  const readingAt = typeof p.readingAt === 'string' && p.readingAt ? p.readingAt : null;
  switch (info.kind) {
    case 'environment': {
      const aqi = stationAqi(p);
      const pm25 = num(p.pm25);
      if (aqi !== null) rows.push([t.aqi, `${formatNumber(aqi, lang)} · ${aqiCategory(aqi)[lang]}`, true]);
      if (pm25 !== null) rows.push([t.pm25, `${formatNumber(pm25, lang, 1)} µg/m³`]);
      if (aqi === null && pm25 === null) rows.push([t.aqi, t.noData]);
      break;
    }
    case 'traffic': {
      if (isIncident(p, f.geometry?.type)) {
        const what = p.incident ?? p.description ?? p.title;
        rows.push([t.incident, typeof what === 'string' ? what : '', true]);
        const severity = num(p.severity);
        if (severity !== null) rows.push([t.severity, formatNumber(severity, lang)]);
      }
      const c = num(p.congestion);
      if (c !== null) rows.push([t.congestion, `${formatNumber(Math.round(c * 100), lang)}%`, true]);
      else if (!isIncident(p, f.geometry?.type)) rows.push([t.congestion, t.noData]);
      break;
    }
    case 'planning': {
      const cls = landUseOf(p);
      if (cls) {
        const declared = info.legend?.classes?.find((c) => c.key === cls);
        const label = declared ? (lang === 'vi' ? declared.nameVi : declared.nameEn) : landUseLabel(cls, lang);
        rows.push([t.landUse, label, true]);
      }
      break;
    }
    case 'transit':
      break;
  }
  if (readingAt) {
    const d = new Date(readingAt);
    rows.push([t.readingAt, Number.isNaN(d.getTime()) ? readingAt : formatDateTime(d, lang)]);
  }
  // The tag, unless the layer's own name already says it ("… (số đo mô phỏng)").
  const tag = info.simulated && !layerName.toLowerCase().includes(t.simulated) ? `(${t.simulated})` : '';
  const subtitle = [name === layerName ? '' : layerName, tag].filter(Boolean).join(' ');
  return tooltipHtml(name, rows, subtitle || undefined);
}
