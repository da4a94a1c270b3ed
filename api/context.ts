import type { Store } from '../db/store';
import type { Analytics } from './analytics/analytics';
import type { Auth } from './auth/authenticator';
import type { CityPack } from '../core/cityPack';
import type { IngestBatcher } from './domain/ingestBatcher';
import type { IntakeContext } from './domain/intake';
import type { DueAt, SlaClock } from './domain/lifecycle';
import type { PrivacyRuntime } from './privacy/runtimePrivacy';
import type { PoiIndex } from './poi/searchIndex';
import type { EdgeSettings } from './edge/settings';
import type { StreamHub } from './stream/hub';

/** Everything a route needs, built once by the entry point (or a test) and passed in. */
export interface AppDeps {
  store: Store;
  pack: CityPack;
  hub: StreamHub;
  /** In-memory KPIs and hotspots of this process (api/analytics/). */
  analytics: Analytics;
  intake: IntakeContext;
  batcher: IngestBatcher;
  dueAt: DueAt;
  /** The deadline rule plus the working-hours measure transitions need (pauses, KPIs). */
  sla: SlaClock;
  now: () => Date;
  /** Who is asking (api/auth/): sessions, tokens, sign-in. */
  auth: Auth;
  /** The public delay and windows, contact retention (api/privacy/). */
  privacy: PrivacyRuntime;
  /** The points of interest of the stored POI layers, searchable by name (api/poi/). */
  poi: PoiIndex;
  /** The basemap: unset = the offline city-pack style (see api/routes/map.ts). */
  map?: MapSettings;
  /** Trusted proxies and per-client limits (api/edge/); unset = none of either. */
  edge?: EdgeSettings;
}

/** From MAP_STYLE_URL and MAP_PMTILES. */
export interface MapSettings {
  styleUrl?: string;
  pmtilesFile?: string;
}
