import { query } from './api';
import type { SnapshotQuery } from './snapshotParts';

export type ExportFormat = 'csv' | 'geojson';
/** [minLng, minLat, maxLng, maxLat] */
export type Bbox = [number, number, number, number];

/** Five decimals (~1 m), rounded outwards so the exported box still covers what the map shows. */
const STEP = 1e5;
const clamp = (x: number, lim: number) => Math.min(lim, Math.max(-lim, x));

/** A map's bounds as the API's `bbox`: minLng,minLat,maxLng,maxLat, inside the world's limits. */
export function bboxParam([minLng, minLat, maxLng, maxLat]: Bbox): string {
  return [
    clamp(Math.floor(minLng * STEP) / STEP, 180),
    clamp(Math.floor(minLat * STEP) / STEP, 90),
    clamp(Math.ceil(maxLng * STEP) / STEP, 180),
    clamp(Math.ceil(maxLat * STEP) / STEP, 90),
  ].join(',');
}

/**
 * The desk's export link: exactly the filter its snapshot is asked with (the window's start, the
 * group's categories, the statuses, an area view's area) and, when asked for, the map's bounds. The
 * server scopes it to the viewer, as it does the snapshot.
 */
export function reportExportUrl(
  format: ExportFormat,
  q: Pick<SnapshotQuery, 'since' | 'category' | 'status' | 'area'>,
  bbox?: Bbox | null,
): string {
  const { since, category, status, area } = q;
  return `/api/reports/export.${format}${query({ since, category, status, area, bbox: bbox ? bboxParam(bbox) : undefined })}`;
}

/** What the public page exports: its hexes at the resolution drawn, or its areas at the level shown. */
export type PublicExportKind = { kind: 'hexes'; res: number } | { kind: 'areas'; level: 'district' | 'commune' };

/** The public page's export link: the public aggregates of its window and categories (no status: the public has none). */
export function publicExportUrl(
  format: ExportFormat,
  q: Pick<SnapshotQuery, 'since' | 'category'>,
  what: PublicExportKind,
): string {
  const shape = what.kind === 'hexes' ? { kind: 'hexes', res: what.res } : { kind: 'areas', level: what.level };
  return `/api/public/export.${format}${query({ since: q.since, category: q.category, ...shape })}`;
}
