import type { Connection } from '../connect';
import { type DesiredFlag, type FlagRow, listHotspotFlags, syncHotspotFlags } from '../queries/hotspotFlags';

export type { DesiredFlag, FlagRow } from '../queries/hotspotFlags';

/**
 * Areas flagged as backlog hotspots, and the one way to change them (announcing each change):
 * the hotspot service's FlagStore (api/analytics/hotspotService.ts).
 */
export interface HotspotFlagStore {
  hotspotFlags(): Promise<FlagRow[]>;
  syncHotspotFlags(
    desired: DesiredFlag[],
    asOfEventId: number,
    at: Date,
    parents: ReadonlyMap<string, string | null>,
  ): ReturnType<typeof syncHotspotFlags>;
}

export function createHotspotFlagStore(conn: Connection): HotspotFlagStore {
  return {
    hotspotFlags: () => listHotspotFlags(conn.db),
    syncHotspotFlags: (desired, asOf, at, parents) => syncHotspotFlags(conn, desired, asOf, at, parents),
  };
}
