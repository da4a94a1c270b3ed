import type { EventRow } from '../../db/types';

/**
 * Who is listening decides what an event may say. Scoping is this one filter: a chief's stream
 * is `area`, the press's is `public`, the operations centre's is `ops`.
 */
export type Audience = { kind: 'ops' } | { kind: 'public' } | { kind: 'area'; code: string };

export function audienceKey(a: Audience): string {
  return a.kind === 'area' ? `area:${a.code}` : a.kind;
}

/** Overlay events (`layer.*`) describe the city, not a report: no area owns them, every audience gets them. */
export function isLayerEvent(e: EventRow): boolean {
  return e.type.startsWith('layer.');
}

/**
 * Hotspot flags (`hotspot.flagged` / `hotspot.cleared`) are about an area, not a report: they carry
 * the area's code (a commune's also its district's), so a chief hears of their own area's, and the
 * operations centre of all.
 */
export function isHotspotEvent(e: EventRow): boolean {
  return e.type.startsWith('hotspot.');
}

export function isVisible(e: EventRow, a: Audience): boolean {
  if (a.kind !== 'area' || isLayerEvent(e)) return true;
  return e.districtCode === a.code || e.communeCode === a.code;
}

/**
 * Report fields the public may see: no text, no point and no cell. Even a coarse cell per report
 * would undo the public map's rule that cells with fewer than 3 reports stay hidden, so the public
 * map refreshes its hexes from the k-anonymous endpoint and uses events only for counts.
 */
const PUBLIC_REPORT_FIELDS = ['category', 'severity', 'status', 'districtCode', 'communeCode', 'createdAt'];

export function project(e: EventRow, a: Audience): Record<string, unknown> {
  const payload = e.payload as Record<string, unknown>;
  const base = { id: e.id, type: e.type, at: e.at.toISOString() };
  // Overlay payloads hold sensor readings and traffic incidents, nothing about a person or a report.
  if (a.kind !== 'public' || isLayerEvent(e)) return { ...base, ...payload };
  // The press learns which area is flagged and by which test, not which cells: a hot cell can
  // hold fewer reports than the public map is allowed to show.
  if (isHotspotEvent(e)) {
    const reasons = (payload.reasons as Array<{ test: string }> | undefined) ?? [];
    return { ...base, area: payload.area, tests: reasons.map((r) => r.test) };
  }
  const report = payload.report as Record<string, unknown> | undefined;
  return {
    ...base,
    ...(payload.from ? { from: payload.from, to: payload.to } : {}),
    ...(report ? { report: Object.fromEntries(PUBLIC_REPORT_FIELDS.map((k) => [k, report[k] ?? null])) } : {}),
  };
}

/** One SSE message; `data` is a single line because JSON.stringify never emits raw newlines. */
export function encodeSse(e: EventRow, a: Audience): string {
  return `id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify(project(e, a))}\n\n`;
}
