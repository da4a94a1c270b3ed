import type { Window } from '../../db/queries/aggregates';
import type { KpiGrouping, KpiTally } from '../../db/queries/kpis';
import type { AreaScope, AsOf, Store } from '../../db/store';
import type { CityPack } from '../../core/cityPack';
import type { IntakeContext } from '../domain/intake';
import { locateAreas } from '../../geo/areaIndex';
import { cellAreasByCentre } from './hotspotModel';
import { HotspotService, type HotspotServiceOptions } from './hotspotService';
import { type KpiQuery, tallyKpis } from './kpiTally';
import { type EventFeed, type MirrorOptions, ReportMirror } from './reportMirror';
import { studyCells } from './studyArea';

export interface AnalyticsOptions {
  mirror?: Partial<MirrorOptions>;
  hotspots?: Partial<HotspotServiceOptions>;
  /**
   * Load in the background (the server: a million reports take seconds to read, and the API
   * answers meanwhile, KPIs from SQL); by default createRuntime waits (tests, benchmarks).
   */
  background?: boolean;
}

/**
 * The stores the analytics read: the mirror's source, the hotspot flags it writes, and the SQL
 * KPIs that answer until the mirror has loaded.
 */
export type AnalyticsStores = Pick<Store, 'analytics' | 'hotspots' | 'kpis' | 'snapshot'>;

/** Tallies per KPI answer at most: a write landing mid-tally costs one more (~80–140 ms on a million reports), never more. */
const MIRROR_TALLY_ATTEMPTS = 2;

/**
 * The analytics of one API process: the in-memory report mirror, KPIs over it, and the hotspot
 * service on top. KPI answers are read-your-writes (the mirror first catches up with the log);
 * until the mirror has loaded, KPIs come from the SQL reference instead.
 */
export class Analytics {
  readonly mirror: ReportMirror;
  readonly hotspots: HotspotService;
  private started: Promise<void> | null = null;

  constructor(
    private readonly store: AnalyticsStores,
    feed: EventFeed,
    pack: CityPack,
    intake: Pick<IntakeContext, 'districts' | 'communes'>,
    now: () => Date,
    opts: AnalyticsOptions = {},
  ) {
    this.mirror = new ReportMirror(store.analytics, feed, opts.mirror);
    const boundary = pack.boundary.geometry;
    const cellAreas = cellAreasByCentre((lat, lng) => locateAreas(intake.districts, intake.communes, lat, lng));
    const areas = pack.areas.map((a) => ({ code: a.code, level: a.level, parentCode: a.parentCode }));
    this.hotspots = new HotspotService(
      this.mirror,
      store.hotspots,
      areas,
      studyCells(boundary),
      cellAreas,
      pack.timezone,
      now,
      opts.hotspots,
    );
  }

  /** Loads the mirror, then builds the hotspot model on it; idempotent. */
  start(): Promise<void> {
    this.started ??= (async () => {
      await this.mirror.start();
      await this.hotspots.start();
    })();
    return this.started;
  }

  async stop(): Promise<void> {
    await this.started?.catch(() => {});
    await this.hotspots.stop();
    await this.mirror.stop();
  }

  /**
   * KPI tallies per group over a window (see db/queries/kpis.ts for the definitions), of the
   * reports inside `scope` (a viewer's, api/auth/viewer.ts; none = the whole city).
   */
  async kpiTallies(
    w: Window,
    groupBy: KpiGrouping,
    filter: { area?: string; category?: string[] },
    scope?: AreaScope,
  ): Promise<Map<string, KpiTally>> {
    if (!this.mirror.ready) return this.store.kpis.tallies(w, groupBy, filter, scope);
    await this.mirror.sync();
    return tallyKpis(this.mirror.cols, kpiQuery(w, groupBy, filter, scope));
  }

  /**
   * The same tallies with the last event they reflect (a snapshot response's `asOfEventId`). The
   * mirror re-reads rows as they are when it flushes, so its columns may already hold a move
   * whose event it has not applied; they hold exactly the log up to the applied id when no event
   * was committed after it by the time the tally is taken. Checked after tallying, and tried
   * again once. Under a steady stream of writes the second answer stands even so: a SQL snapshot
   * would be exact but takes seconds on a million reports (bench/results/analytics.json), and a
   * move counts twice on replay only if it landed on a report while the mirror re-read it.
   * Before the mirror has loaded, one SQL snapshot answers (exact by construction).
   */
  async kpiTalliesAsOf(
    w: Window,
    groupBy: KpiGrouping,
    filter: { area?: string; category?: string[] },
    scope?: AreaScope,
  ): Promise<AsOf<Map<string, KpiTally>>> {
    if (!this.mirror.ready) return this.store.snapshot((s) => s.kpis.tallies(w, groupBy, filter, scope));
    let answer: AsOf<Map<string, KpiTally>> | null = null;
    for (let attempt = 0; attempt < MIRROR_TALLY_ATTEMPTS; attempt++) {
      await this.mirror.sync();
      // Read with the tally, in one synchronous step: no batch lands in between.
      const asOfEventId = this.mirror.appliedEventId;
      const value = tallyKpis(this.mirror.cols, kpiQuery(w, groupBy, filter, scope));
      answer = { asOfEventId, value };
      if ((await this.store.analytics.eventBounds()).maxId === asOfEventId) break;
    }
    return answer!;
  }

  /** Read-your-writes for the hotspot view (which needs the model, so waits for the load). */
  async settle(): Promise<void> {
    await this.start();
    await this.mirror.sync();
    await this.hotspots.settle();
  }
}

function kpiQuery(
  w: Window,
  groupBy: KpiGrouping,
  filter: { area?: string; category?: string[] },
  scope: AreaScope | undefined,
): KpiQuery {
  return {
    since: w.since.getTime(),
    until: w.until.getTime(),
    now: w.now.getTime(),
    groupBy,
    area: filter.area,
    categories: filter.category,
    scope: scope?.areaCodes,
    agency: scope?.agencyCode,
  };
}
