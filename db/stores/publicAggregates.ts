import type { Db } from '../connect';
import * as pub from '../queries/publicAggregates';
import { publicWindowCounts } from '../queries/publicWindowCounts';

/**
 * Raw counts for the press's figures, by block of time (see db/queries/publicAggregates.ts); the
 * API withholds small ones block by block before anything is shown (api/privacy/publicBlocks.ts).
 */
export interface PublicAggregateStore {
  cellBlocks(res: pub.PublicRes, w: pub.PublicWindow): Promise<pub.PublicCellBlock[]>;
  areaBlocks(w: pub.PublicWindow): Promise<pub.PublicAreaBlock[]>;
  /** Raw per-(district, commune) counts of one stream window; the stream withholds small ones. */
  windowCounts(since: Date, until: Date): ReturnType<typeof publicWindowCounts>;
}

/** `db` may be a snapshot's transaction; days are the city's local days. */
export function createPublicAggregateStore(db: Db, timezone: string): PublicAggregateStore {
  return {
    cellBlocks: (res, w) => pub.publicCellBlocks(db, res, w, timezone),
    areaBlocks: (w) => pub.publicAreaBlocks(db, w, timezone),
    windowCounts: (since, until) => publicWindowCounts(db, since, until),
  };
}
