import { type Accessor, createResource, onCleanup } from 'solid-js';
import type { HotspotsResponse } from '../../../api/wire';
import { getJson } from './api';

/** What the map and the tables read of GET /api/hotspots: the hot cells and the flagged areas. */
type Hotspots = Pick<HotspotsResponse, 'cells' | 'flags'>;

/** Flags change rarely and arrive as hotspot.* events; a refetch this often covers a missed one. */
const HOTSPOT_REFRESH_MS = 60_000;

const NONE: Hotspots = { cells: [], flags: [] };

/**
 * Hot cells (≥ 95 % hot bins) to outline, and flagged areas for tables and the wall's tour.
 * `asked` false: not fetched at all (an agency: the server's hotspot model is of every agency's
 * backlog together, so GET /api/hotspots refuses it).
 */
export function useHotspots(eventsSeen: Accessor<number>, asked = true) {
  const [data, { refetch }] = createResource(() =>
    asked ? getJson<Hotspots>('/api/hotspots?metric=open').catch((): Hotspots => NONE) : Promise.resolve(NONE),
  );
  let lastSeen = 0;
  const timer = setInterval(() => {
    // Refetch on the timer only if something happened since: an idle wall stays idle.
    if (eventsSeen() !== lastSeen) {
      lastSeen = eventsSeen();
      void refetch();
    }
  }, HOTSPOT_REFRESH_MS);
  onCleanup(() => clearInterval(timer));
  const hotCells = () => (data()?.cells ?? []).filter((c) => c.bin >= 2).map((c) => c.cell);
  const flagged = () => new Set((data()?.flags ?? []).map((f) => f.code));
  return { hotCells, flagged, flags: () => data()?.flags ?? [], refetch };
}
