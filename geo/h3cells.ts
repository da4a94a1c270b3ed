import { latLngToCell } from 'h3-js';
import type { H3Cells } from './types';

/**
 * Resolutions the product bins reports at: r6 (~36 km², city-wide heat) down to
 * r10 (~0.015 km², a street corner). The public view never goes finer than it is allowed to.
 */
export const H3_RESOLUTIONS = [6, 7, 8, 9, 10] as const;
export type H3Resolution = (typeof H3_RESOLUTIONS)[number];

/** The finest cells the public ever sees (r8, ~0.74 km²): a finer place would point at a house. */
export const PUBLIC_FINEST_H3_RES = 8;

/** Where a public item (an initiative) lies, as its r8 cell: never the point the citizen gave. */
export function publicCellOf(lat: number | null, lng: number | null): string | null {
  if (lat === null || lng === null || !isValidLatLng(lat, lng)) return null;
  return latLngToCell(lat, lng, PUBLIC_FINEST_H3_RES);
}

export function isValidLatLng(lat: number, lng: number): boolean {
  return Number.isFinite(lat) && Number.isFinite(lng) && Math.abs(lat) <= 90 && Math.abs(lng) <= 180;
}

/** The cell of one point at every binning resolution. Throws RangeError on invalid coordinates. */
export function h3CellsFor(lat: number, lng: number): H3Cells {
  // h3-js would quietly wrap lng = 200 or clamp lat = 95; a report there is a bug upstream, so say so.
  if (!isValidLatLng(lat, lng)) {
    throw new RangeError(`invalid coordinates: lat=${lat}, lng=${lng}`);
  }
  return {
    h3r6: latLngToCell(lat, lng, 6),
    h3r7: latLngToCell(lat, lng, 7),
    h3r8: latLngToCell(lat, lng, 8),
    h3r9: latLngToCell(lat, lng, 9),
    h3r10: latLngToCell(lat, lng, 10),
  };
}
