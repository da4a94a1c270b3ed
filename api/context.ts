import type { Store } from '../db/store';
import type { CityPack } from '../seeds/types';
import type { IngestBatcher } from './domain/ingestBatcher';
import type { IntakeContext } from './domain/intake';
import type { DueAt } from './domain/lifecycle';
import type { StreamHub } from './stream/hub';

/** Everything a route needs, built once by the entry point (or a test) and passed in. */
export interface AppDeps {
  store: Store;
  pack: CityPack;
  hub: StreamHub;
  intake: IntakeContext;
  batcher: IngestBatcher;
  dueAt: DueAt;
  now: () => Date;
  /** The basemap: unset = the offline city-pack style (see api/routes/map.ts). */
  map?: MapSettings;
}

/** From MAP_STYLE_URL and MAP_PMTILES. */
export interface MapSettings {
  styleUrl?: string;
  pmtilesFile?: string;
}
