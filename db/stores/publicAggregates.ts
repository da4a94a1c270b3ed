import type { Db } from '../connect';
import * as pub from '../queries/publicAggregates';
import { publicWindowCounts } from '../queries/publicWindowCounts';

/** Aggregates for the press: counts only, cells under k reports left out (see db/queries/publicAggregates.ts). */
export interface PublicAggregateStore {
  hexes(res: pub.PublicRes, w: pub.PublicWindow): ReturnType<typeof pub.publicHexes>;
  areas(level: 'district' | 'commune', w: pub.PublicWindow): ReturnType<typeof pub.publicAreas>;
  /** Raw per-(district, commune) counts of one stream window; the stream withholds small ones. */
  windowCounts(since: Date, until: Date): ReturnType<typeof publicWindowCounts>;
}

/** `db` may be a snapshot's transaction. */
export function createPublicAggregateStore(db: Db): PublicAggregateStore {
  return {
    hexes: (res, w) => pub.publicHexes(db, res, w),
    areas: (level, w) => pub.publicAreas(db, level, w),
    windowCounts: (since, until) => publicWindowCounts(db, since, until),
  };
}
