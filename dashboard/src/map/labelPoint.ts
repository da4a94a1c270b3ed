/**
 * A label point for an area: the pole of inaccessibility of its largest ring (after Mapbox's polylabel),
 * which, unlike a centroid, always lies inside, even for a crescent-shaped commune. Pure.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';

type Ring = Position[];

/** Shoelace area of a ring, in squared degrees (only compared, never shown). */
export function ringArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  }
  return Math.abs(sum) / 2;
}

/** The polygon (outer ring + holes) with the largest outer ring. */
export function largestPolygon(geometry: Polygon | MultiPolygon): Ring[] {
  if (geometry.type === 'Polygon') return geometry.coordinates;
  let best: Ring[] = geometry.coordinates[0] ?? [];
  let bestArea = -1;
  for (const poly of geometry.coordinates) {
    const a = poly[0] ? ringArea(poly[0]) : 0;
    if (a > bestArea) {
      bestArea = a;
      best = poly;
    }
  }
  return best;
}

/** Signed distance from (x, y) to the polygon's outline: positive inside, negative outside. */
function signedDistance(x: number, y: number, polygon: Ring[]): number {
  let inside = false;
  let minSq = Infinity;
  for (const ring of polygon) {
    for (let i = 0, len = ring.length, j = len - 1; i < len; j = i++) {
      const a = ring[i];
      const b = ring[j];
      if (a[1] > y !== b[1] > y && x < ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
      minSq = Math.min(minSq, segmentDistanceSq(x, y, a, b));
    }
  }
  return (inside ? 1 : -1) * Math.sqrt(minSq);
}

function segmentDistanceSq(px: number, py: number, a: Position, b: Position): number {
  let x = a[0];
  let y = a[1];
  let dx = b[0] - x;
  let dy = b[1] - y;
  if (dx !== 0 || dy !== 0) {
    const t = ((px - x) * dx + (py - y) * dy) / (dx * dx + dy * dy);
    if (t > 1) {
      x = b[0];
      y = b[1];
    } else if (t > 0) {
      x += dx * t;
      y += dy * t;
    }
  }
  dx = px - x;
  dy = py - y;
  return dx * dx + dy * dy;
}

interface Cell {
  x: number;
  y: number;
  h: number;
  d: number;
  max: number;
}

function cell(x: number, y: number, h: number, polygon: Ring[]): Cell {
  const d = signedDistance(x, y, polygon);
  return { x, y, h, d, max: d + h * Math.SQRT2 };
}

/** The centroid of a ring (area-weighted), a good first guess. */
function centroidCell(polygon: Ring[]): Cell {
  const ring = polygon[0];
  let area = 0;
  let x = 0;
  let y = 0;
  for (let i = 0, len = ring.length, j = len - 1; i < len; j = i++) {
    const a = ring[i];
    const b = ring[j];
    const f = a[0] * b[1] - b[0] * a[1];
    x += (a[0] + b[0]) * f;
    y += (a[1] + b[1]) * f;
    area += f * 3;
  }
  if (area === 0) return cell(ring[0][0], ring[0][1], 0, polygon);
  return cell(x / area, y / area, 0, polygon);
}

/**
 * The point inside `polygon` farthest from its outline, to within `precision` (degrees; 0.0005° ≈ 50 m).
 * Quadtree search, best-first: a cell is split only while it could hold a better point.
 */
export function poleOfInaccessibility(polygon: Ring[], precision = 0.0005): [number, number] {
  const outer = polygon[0];
  if (!outer || outer.length === 0) return [NaN, NaN];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of outer) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  const width = maxX - minX;
  const height = maxY - minY;
  const size = Math.min(width, height);
  if (size === 0) return [minX, minY];
  let h = size / 2;

  const queue: Cell[] = [];
  for (let x = minX; x < maxX; x += size) {
    for (let y = minY; y < maxY; y += size) queue.push(cell(x + h, y + h, h, polygon));
  }
  let best = centroidCell(polygon);
  const bboxCentre = cell(minX + width / 2, minY + height / 2, 0, polygon);
  if (bboxCentre.d > best.d) best = bboxCentre;

  while (queue.length) {
    // Pop the cell with the highest potential; a linear scan is fine for ~100 polygons.
    let k = 0;
    for (let i = 1; i < queue.length; i++) if (queue[i].max > queue[k].max) k = i;
    const c = queue[k];
    queue[k] = queue[queue.length - 1];
    queue.pop();

    if (c.d > best.d) best = c;
    if (c.max - best.d <= precision) continue;
    h = c.h / 2;
    queue.push(cell(c.x - h, c.y - h, h, polygon), cell(c.x + h, c.y - h, h, polygon));
    queue.push(cell(c.x - h, c.y + h, h, polygon), cell(c.x + h, c.y + h, h, polygon));
  }
  return [best.x, best.y];
}

/** Where to write an area's name: inside its largest part, away from its edges. */
export function labelPoint(geometry: Polygon | MultiPolygon, precision?: number): [number, number] {
  return poleOfInaccessibility(largestPolygon(geometry), precision);
}

/** Is (x, y) inside the polygon (outer ring minus holes)? Exposed for tests. */
export function insidePolygon(x: number, y: number, polygon: Ring[]): boolean {
  return signedDistance(x, y, polygon) > 0;
}
