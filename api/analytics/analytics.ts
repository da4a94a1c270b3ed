import type { Window } from '../../db/queries/aggregates';
import type { KpiGrouping, KpiTally } from '../../db/queries/kpis';
import type { AsOf, Store } from '../../db/store';
import type { CityPack } from '../../core/cityPack';
import type { IntakeContext } from '../domain/intake';
import { locateAreas } from '../../geo/areaIndex';
import { cellAreasByCentre } from './hotspotModel';
import { HotspotService, type HotspotServiceOptions } from './hotspotService';
import { tallyKpis } from './kpiTally';
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

/** Tries of the mirror before a KPI snapshot falls back to SQL: two, so a single write landing mid-tally costs a retry, not a SQL scan. */
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
    private readonly store: Store,
    feed: EventFeed,
    pack: CityPack,
    intake: Pick<IntakeContext, 'districts' | 'communes'>,
    now: () => Date,
    opts: AnalyticsOptions = {},
  ) {
    this.mirror = new ReportMirror(store, feed, opts.mirror);
    const boundary = pack.boundary.geometry;
    const cellAreas = cellAreasByCentre((lat, lng) => locateAreas(intake.districts, intake.communes, lat, lng));
    const areas = pack.areas.map((a) => ({ code: a.code, level: a.level, parentCode: a.parentCode }));
    this.hotspots = new HotspotService(
      this.mirror,
      store,
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

  /** KPI tallies per group over a window (see db/queries/kpis.ts for the definitions). */
  async kpiTallies(
    w: Window,
    groupBy: KpiGrouping,
    filter: { area?: string; category?: string[] },
  ): Promise<Map<string, KpiTally>> {
    if (!this.mirror.ready) return this.store.kpiTallies(w, groupBy, filter);
    await this.mirror.sync();
    return tallyKpis(this.mirror.cols, {
      since: w.since.getTime(),
      until: w.until.getTime(),
      now: w.now.getTime(),
      groupBy,
      area: filter.area,
      categories: filter.category,
    });
  }

  /**
   * The same tallies with the last event they reflect (a snapshot response's `asOfEventId`). The
   * mirror re-reads rows as they are when it flushes, so its columns may already hold a change
   * whose event it has not applied; they hold exactly the log up to the applied id only if no
   * event was committed after it by the time the tally is taken. Checked after tallying; if
   * writes keep landing, one SQL snapshot answers instead (exact by construction, slower).
   */
  async kpiTalliesAsOf(
    w: Window,
    groupBy: KpiGrouping,
    filter: { area?: string; category?: string[] },
  ): Promise<AsOf<Map<string, KpiTally>>> {
    if (this.mirror.ready) {
      for (let attempt = 0; attempt < MIRROR_TALLY_ATTEMPTS; attempt++) {
        await this.mirror.sync();
        const asOfEventId = this.mirror.appliedEventId;
        const value = tallyKpis(this.mirror.cols, {
          since: w.since.getTime(),
          until: w.until.getTime(),
          now: w.now.getTime(),
          groupBy,
          area: filter.area,
          categories: filter.category,
        });
        if ((await this.store.eventBounds()).maxId === asOfEventId) return { asOfEventId, value };
      }
    }
    return this.store.snapshot((s) => s.kpiTallies(w, groupBy, filter));
  }

  /** Read-your-writes for the hotspot view (which needs the model, so waits for the load). */
  async settle(): Promise<void> {
    await this.start();
    await this.mirror.sync();
    await this.hotspots.settle();
  }
}
