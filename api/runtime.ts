import type { Store } from '../db/store';
import { Analytics, type AnalyticsOptions } from './analytics/analytics';
import { type AreaIndex, buildAreaIndex } from '../geo/areaIndex';
import type { CityPack } from '../core/cityPack';
import { loadCityOverlays } from '../seeds/overlays';
import { loadPoiIndex } from './poi/poiDirectory';
import { type AuthSettings, DEFAULT_AUTH_SETTINGS, createAuth } from './auth/authenticator';
import type { AppDeps, MapSettings } from './context';
import type { EdgeSettings } from './edge/settings';
import { IngestBatcher } from './domain/ingestBatcher';
import type { DueAt, SlaClock } from './domain/lifecycle';
import { dueAtFor } from './domain/sla';
import { type PrivacyOptions, startPrivacy } from './privacy/runtimePrivacy';
import { createWorkingClock } from './domain/workingCalendar';
import { DEFAULT_HUB_OPTIONS, type HubOptions, StreamHub, type Timers } from './stream/hub';
import { describeError } from './errorLog';
import { startAlertExpiry } from './alerts/expiry';

export interface RuntimeOptions {
  store: Store;
  pack: CityPack;
  now?: () => Date;
  timers?: Timers;
  hub?: Partial<HubOptions>;
  /** How often to announce missed deadlines (report.overdue); off when unset (tests drive it). */
  overdueSweepMs?: number;
  /** How often to expire alerts past their time (alert.expired); off when unset (tests drive it). */
  alertExpirySweepMs?: number;
  /** Load the pack's overlay layers too (default true; unchanged layers cost one query). */
  overlays?: boolean;
  map?: MapSettings;
  edge?: EdgeSettings;
  analytics?: AnalyticsOptions;
  /** Session lifetimes (SESSION_IDLE_MIN, SESSION_MAX_HOURS); defaults in api/auth/authenticator.ts. */
  auth?: Partial<AuthSettings>;
  /** PUBLIC_DELAY_MIN, CONTACT_RETENTION_DAYS and the retention job's period (api/privacy/). */
  privacy?: PrivacyOptions;
}

/**
 * Deadlines are counted in working hours, so announcing a miss up to 30 s late changes nothing
 * for an agency, and it matches the wall's 30 s stale-feed watchdog.
 */
export const OVERDUE_SWEEP_MS = 30_000;

/**
 * The pack's district and commune indexes, built once per pack's areas: they never change (lookups
 * only), and the H3 polyfill of Hanoi's areas costs ~0.6 s of CPU, paid per runtime before (a test
 * process starts dozens).
 */
const areaIndexes = new WeakMap<CityPack['areas'], { districts: AreaIndex; communes: AreaIndex }>();

function areaIndexesOf(pack: CityPack): { districts: AreaIndex; communes: AreaIndex } {
  let built = areaIndexes.get(pack.areas);
  if (!built) {
    built = { districts: buildAreaIndex(pack.areas, 'district'), communes: buildAreaIndex(pack.areas, 'commune') };
    areaIndexes.set(pack.areas, built);
  }
  return built;
}

export function slaDueAt(pack: CityPack): DueAt {
  return slaClock(pack).dueAt;
}

export function slaClock(pack: CityPack): SlaClock {
  const clock = createWorkingClock(pack.calendar);
  return { dueAt: (s) => dueAtFor(s, clock, pack.sla), workingHoursBetween: (a, b) => clock.workingHoursBetween(a, b) };
}

/**
 * Wires the parts the routes use, from a store and a city pack. Loads the pack into the store
 * (idempotent) and starts the stream hub; `stop` undoes what it started.
 */
export async function createRuntime(opts: RuntimeOptions): Promise<AppDeps & { stop(): Promise<void> }> {
  const { store, pack } = opts;
  await store.catalog.loadPack(pack);
  if (opts.overlays !== false) await store.layers.load(await loadCityOverlays(pack));
  const poi = await loadPoiIndex(store.layers);
  const sla = slaClock(pack);
  const dueAt = sla.dueAt;
  const hub = new StreamHub(store.events, opts.timers, opts.hub);
  await hub.start();
  const now = opts.now ?? (() => new Date());
  const { districts, communes } = areaIndexesOf(pack);
  const analytics = new Analytics(store, hub.log, pack, { districts, communes }, now, opts.analytics);
  const loading = analytics.start();
  if (opts.analytics?.background) {
    loading.catch((e) => console.error('citydesk: analytics failed to load:', describeError(e)));
  } else {
    await loading;
  }
  const privacy = await startPrivacy({
    store,
    pack,
    now,
    timers: opts.timers ?? (globalThis as unknown as Timers),
    maxClientBufferBytes: { ...DEFAULT_HUB_OPTIONS, ...opts.hub }.maxClientBufferBytes,
    options: opts.privacy,
  });
  const deps: AppDeps = {
    store,
    pack,
    hub,
    dueAt,
    sla,
    analytics,
    now,
    auth: createAuth(store, now, { ...DEFAULT_AUTH_SETTINGS, ...opts.auth }),
    privacy,
    poi,
    map: opts.map,
    edge: opts.edge,
    batcher: new IngestBatcher((items) => store.reports.insert(items)),
    intake: {
      cityName: pack.nameEn,
      categories: new Map(pack.categories.map((c) => [c.code, c])),
      initiativeCategoryCodes: pack.initiativeCategoryCodes,
      districts,
      communes,
      dueAt,
    },
  };
  let sweeping = false;
  const sweep = async () => {
    if (sweeping) return;
    sweeping = true;
    try {
      await store.reports.flagOverdue(deps.now());
    } catch (e) {
      console.error('citydesk: overdue sweep failed:', describeError(e));
    } finally {
      sweeping = false;
    }
  };
  const sweeper = opts.overdueSweepMs ? setInterval(sweep, opts.overdueSweepMs) : null;
  const alertExpiry = startAlertExpiry(store.alerts, deps.now, opts.alertExpirySweepMs);
  return {
    ...deps,
    async stop() {
      if (sweeper) clearInterval(sweeper);
      await alertExpiry.stop();
      while (sweeping) await new Promise((r) => setTimeout(r, 10));
      await privacy.stop();
      await analytics.stop();
      await hub.stop();
    },
  };
}
