import { latLngToCell, polygonToCellsExperimental, POLYGON_TO_CELLS_FLAGS } from 'h3-js';
import type { Position } from 'geojson';
import { isValidLatLng } from './h3cells';
import { pointInAny, preparePolygons, type PreparedPolygon } from './pointInPolygon';
import type { AreaFeature, AreaLevel } from './types';

/**
 * ~0.74 km² cells (edge ~460 m): a Hanoi ward spans tens of them, so most points land in a
 * cell wholly inside one area and never reach the polygon test. Finer cells would cut the
 * boundary share further but multiply build time and memory by ~7 per step.
 */
export const INDEX_RES = 8;

export interface AreaIndexOptions {
  /** H3 resolution of the index (default INDEX_RES). */
  res?: number;
}

export interface AreaIndexStats {
  areas: number;
  /** Cells wholly inside exactly one area: answered without a polygon test. */
  interiorCells: number;
  /** Cells crossed by a border: answered by an exact test over their candidates. */
  boundaryCells: number;
  maxCandidates: number;
}

export interface AreaIndex {
  level: AreaLevel;
  res: number;
  /**
   * Code of the area holding the point, or null (outside every area, or invalid input). `known`:
   * the point's cell as the caller already computed it; used when it is at this index's resolution.
   */
  lookup(lat: number, lng: number, known?: KnownCell): string | null;
  /** The pack's parent of an area of this level (a commune's pre-2025 district), or null. */
  parentOf(code: string): string | null;
  stats: AreaIndexStats;
}

/** A point's H3 cell at some resolution, computed by the caller (latLngToCell is ~1.5 µs a call). */
export interface KnownCell {
  res: number;
  cell: string;
}

interface Candidate {
  code: string;
  polys: PreparedPolygon[];
}

/**
 * Point → area lookup backed by an H3 polyfill. Pure: takes the areas, does no IO.
 * Areas are assumed not to overlap (true of both Hanoi layers); if they do, a boundary
 * cell answers with the first candidate in input order.
 */
export function buildAreaIndex(areas: AreaFeature[], level: AreaLevel, opts: AreaIndexOptions = {}): AreaIndex {
  const res = opts.res ?? INDEX_RES;
  const chosen = areas.filter((a) => a.level === level);
  const interior = new Map<string, string>();
  const boundary = new Map<string, Candidate[]>();
  const byCode = new Map<string, Candidate>();
  const parents = new Map(chosen.map((a) => [a.code, a.parentCode]));

  for (const area of chosen) {
    const candidate: Candidate = { code: area.code, polys: preparePolygons(area.geometry) };
    byCode.set(area.code, candidate);
    for (const rings of polygonsOf(area)) {
      const full = new Set(cellsOf(rings, res, POLYGON_TO_CELLS_FLAGS.containmentFull));
      for (const cell of full) {
        const other = interior.get(cell);
        if (other === undefined) interior.set(cell, area.code);
        else if (other !== area.code) addBoundary(boundary, cell, candidate);
      }
      for (const cell of cellsOf(rings, res, POLYGON_TO_CELLS_FLAGS.containmentOverlapping)) {
        if (!full.has(cell)) addBoundary(boundary, cell, candidate);
      }
    }
  }

  // A cell fully inside one polygon of A but touched by the border of another area
  // (or another polygon of A) must be decided exactly.
  for (const [cell, candidates] of boundary) {
    const owner = interior.get(cell);
    if (owner === undefined) continue;
    interior.delete(cell);
    if (!candidates.some((c) => c.code === owner)) candidates.unshift(byCode.get(owner)!);
  }

  let maxCandidates = 0;
  for (const c of boundary.values()) maxCandidates = Math.max(maxCandidates, c.length);

  return {
    level,
    res,
    stats: {
      areas: chosen.length,
      interiorCells: interior.size,
      boundaryCells: boundary.size,
      maxCandidates,
    },
    lookup(lat, lng, known) {
      if (!isValidLatLng(lat, lng)) return null;
      const cell = known?.res === res ? known.cell : latLngToCell(lat, lng, res);
      const code = interior.get(cell);
      if (code !== undefined) return code;
      const candidates = boundary.get(cell);
      if (candidates === undefined) return null;
      for (const c of candidates) if (pointInAny(c.polys, lng, lat)) return c.code;
      return null;
    },
    parentOf: (code) => parents.get(code) ?? null,
  };
}

export interface PointAreas {
  districtCode: string | null;
  communeCode: string | null;
}

/**
 * A point's district and commune: the one point → area lookup (a report at intake, a hotspot cell
 * by its centre). The 2025 communes and the pre-2025 district polygons come from different
 * surveys and do not nest: a point can lie in a commune but outside every district polygon (30
 * reports of a 30-day Hanoi demo, on river banks and the city's edge). Such a point takes the
 * district the pack assigns to its commune (its parent), so no point in the city lacks a district.
 * `known`: the point's cell where the caller has it already (its r8, from h3CellsFor), so that it
 * is not computed twice more; it must be latLngToCell's own answer for the point (a parent of a
 * finer cell is not: it differs for points near the cell's edge).
 */
export function locateAreas(
  districts: AreaIndex,
  communes: AreaIndex,
  lat: number,
  lng: number,
  known?: KnownCell,
): PointAreas {
  const communeCode = communes.lookup(lat, lng, known);
  const districtCode =
    districts.lookup(lat, lng, known) ?? (communeCode === null ? null : communes.parentOf(communeCode));
  return { districtCode, communeCode };
}

function polygonsOf(area: AreaFeature): Position[][][] {
  return area.geometry.type === 'Polygon' ? [area.geometry.coordinates] : area.geometry.coordinates;
}

function cellsOf(rings: Position[][], res: number, flag: string): string[] {
  return polygonToCellsExperimental(rings as number[][][], res, flag, true);
}

function addBoundary(boundary: Map<string, Candidate[]>, cell: string, c: Candidate): void {
  const list = boundary.get(cell);
  if (list === undefined) boundary.set(cell, [c]);
  else if (!list.some((x) => x.code === c.code)) list.push(c);
}
