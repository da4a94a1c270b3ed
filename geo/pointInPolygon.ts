import type { MultiPolygon, Polygon, Position } from 'geojson';

/** [minLng, minLat, maxLng, maxLat] */
export type BBox = [number, number, number, number];

/**
 * One polygon prepared for repeated point tests: rings flattened into a Float64Array
 * ([lng0, lat0, lng1, lat1, …] per ring) so the hot loop touches no objects.
 */
export interface PreparedPolygon {
  bbox: BBox;
  rings: Float64Array[];
}

export function preparePolygons(geometry: Polygon | MultiPolygon): PreparedPolygon[] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.map(preparePolygon);
}

function preparePolygon(rings: Position[][]): PreparedPolygon {
  const bbox: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  const flat = rings.map((ring) => {
    const out = new Float64Array(ring.length * 2);
    ring.forEach(([lng, lat], i) => {
      out[2 * i] = lng;
      out[2 * i + 1] = lat;
      if (lng < bbox[0]) bbox[0] = lng;
      if (lat < bbox[1]) bbox[1] = lat;
      if (lng > bbox[2]) bbox[2] = lng;
      if (lat > bbox[3]) bbox[3] = lat;
    });
    return out;
  });
  return { bbox, rings: flat };
}

/**
 * Even–odd ray cast over all rings at once, so holes need no special case: a point in a
 * hole crosses the outer ring and the hole's ring, an even count. Planar in lng/lat, as
 * GeoJSON and the source data are; at city scale the error is far below the data's own.
 */
export function pointInPrepared(p: PreparedPolygon, lng: number, lat: number): boolean {
  const b = p.bbox;
  if (lng < b[0] || lng > b[2] || lat < b[1] || lat > b[3]) return false;
  let inside = false;
  for (const r of p.rings) {
    const n = r.length;
    for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
      const yi = r[i + 1];
      const yj = r[j + 1];
      // Half-open rule (yi > lat) !== (yj > lat): a vertex exactly on the ray counts once.
      if (yi > lat !== yj > lat) {
        const xi = r[i];
        const x = xi + ((lat - yi) * (r[j] - xi)) / (yj - yi);
        if (lng < x) inside = !inside;
      }
    }
  }
  return inside;
}

export function pointInAny(polys: PreparedPolygon[], lng: number, lat: number): boolean {
  for (const p of polys) if (pointInPrepared(p, lng, lat)) return true;
  return false;
}

export function bboxOf(polys: PreparedPolygon[]): BBox {
  const out: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const { bbox } of polys) {
    out[0] = Math.min(out[0], bbox[0]);
    out[1] = Math.min(out[1], bbox[1]);
    out[2] = Math.max(out[2], bbox[2]);
    out[3] = Math.max(out[3], bbox[3]);
  }
  return out;
}
