import type { FeatureCollection } from 'geojson';
import { type Accessor, createEffect, createMemo, createSignal, on, onCleanup } from 'solid-js';
import type { Category } from '../../../api/wire';
import { type Endpoints, fetchAreaShapes, getJson, notifyUnauthenticated } from './api';
import { LiveApplier } from './liveApplier';
import { type FeedStatus, LiveFeed, type StreamEvent } from './liveFeed';
import { DeskModel } from './model';
import { PublicWindowFollower } from './publicWindow';
import { bucketFor, type DeskSettings, statusList, windowSince } from './settings';
import { SnapshotLoader } from './snapshotLoader';
import type { SnapshotQuery } from './snapshotParts';

/** The window slides and overdue counts drift between events: reconcile with the server this often. */
const SNAPSHOT_REFRESH_MS = 5 * 60_000;
/** Public hexes cannot follow events (events carry no cells there): refresh them this often. */
const PUBLIC_HEX_REFRESH_MS = 60_000;
/** Events arriving within this long are shown together (at 50 events/s: ~7 updates a second). */
const BATCH_MS = 150;

export interface DeskOptions {
  endpoints: Endpoints;
  audience: 'ops' | 'public';
  settings: Accessor<DeskSettings>;
  categories: Accessor<Category[]>;
  /**
   * An area view's codes (core/areaScope.ts areaCodesOf): which stream events the model counts. The
   * server already scopes a chief's stream; a city-wide viewer's carries the whole city.
   */
  areas?: ReadonlySet<string>;
  /** `?area=` on the snapshot's queries: a city-wide viewer's area view, or a district chief's commune. */
  areaQuery?: string;
  maxHexRes?: number;
  /** The resolution the map will ask for at its opening zoom, so the first fetch is the right one. */
  initialHexRes?: number;
}

/**
 * One page's live data: a snapshot from the API, kept current by the page's one stream. The model
 * is plain data; `version` ticks once per animation frame in which something changed.
 */
export function createDesk(opts: DeskOptions) {
  const s = opts.settings;
  const filterFor = (settings: DeskSettings) => ({
    categories:
      settings.group === ''
        ? null
        : new Set(
            opts
              .categories()
              .filter((c) => c.group === settings.group)
              .map((c) => c.code),
          ),
    statuses: statusList(settings.status) ? new Set(statusList(settings.status)!.split(',')) : null,
    areas: opts.areas ?? null,
    level: settings.level,
  });
  const model = new DeskModel(filterFor(s()));
  const [version, setVersion] = createSignal(0);
  const [loading, setLoading] = createSignal(true);
  const [error, setError] = createSignal<string | null>(null);
  const [feed, setFeed] = createSignal<FeedStatus>({
    connected: false,
    lastSeenMs: Date.now(),
    lastEventMs: null,
    stale: false,
  });
  const [shapes, setShapes] = createSignal<FeatureCollection | null>(null);
  const [hexRes, setHexRes] = createSignal(Math.min(opts.initialHexRes ?? 8, opts.maxHexRes ?? 10));
  const [eventsSeen, setEventsSeen] = createSignal(0);

  // Coalesce a burst of events into one update, without waiting for an animation frame: on a
  // software-rendered wall a frame can take most of a second, and the ticker must not wait for it.
  let pending: ReturnType<typeof setTimeout> | 0 = 0;
  const bump = () => {
    if (pending) return;
    pending = setTimeout(() => {
      pending = 0;
      setVersion((v) => v + 1);
    }, BATCH_MS);
  };

  const snapshotQuery = (): SnapshotQuery => {
    const settings = s();
    const categories = filterFor(settings).categories;
    return {
      since: windowSince(settings.window, Date.now()).toISOString(),
      res: hexRes(),
      level: settings.level,
      bucket: bucketFor(settings.window),
      category: categories ? [...categories].join(',') : undefined,
      status: statusList(settings.status),
      area: opts.areaQuery,
    };
  };

  // Panels that follow the stream beside the model (a report's conversation in the drawer).
  const streamListeners = new Set<(events: readonly StreamEvent[]) => void>();
  const windows = new PublicWindowFollower();
  const [publicWindow, setPublicWindow] = createSignal(windows.latest);
  const live = new LiveFeed(
    opts.endpoints.stream,
    {
      onEvents(events) {
        const needsSnapshot = applier.onEvents(events);
        for (const l of streamListeners) l(events);
        setEventsSeen((n) => n + events.length);
        bump();
        if (needsSnapshot) void loadSnapshot();
      },
      onReset(lastId) {
        applier.onReset(lastId);
        void loadSnapshot();
      },
      onStatus: setFeed,
      onCounts(m) {
        if (windows.onCounts(m)) void loadSnapshot();
        setPublicWindow(windows.latest);
      },
      onUnauthenticated: notifyUnauthenticated,
    },
    undefined,
    { credentials: opts.endpoints.streamCredentials },
  );
  const applier = new LiveApplier(model, live, Date.now);
  const loader = new SnapshotLoader({
    get: getJson,
    endpoints: opts.endpoints,
    model,
    applier,
    currentRes: hexRes,
    changed: bump,
  });

  let loads = 0;
  async function loadSnapshot(): Promise<void> {
    const n = ++loads;
    setLoading(true);
    const q = snapshotQuery();
    try {
      if (!(await loader.load(q, filterFor(s())))) return;
      setError(null);
      // The map may have moved to another resolution while this loaded: follow it.
      if (q.res !== hexRes()) void reloadHexes();
    } catch (e) {
      if (n === loads) setError(e instanceof Error ? e.message : String(e));
    } finally {
      if (n === loads) setLoading(false);
      bump();
    }
  }

  async function reloadHexes(): Promise<void> {
    try {
      await loader.loadHexes(snapshotQuery());
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  // Filters, window and level change the snapshot; the resolution only the hexes. Memos keep the
  // keys equal-checked: panning the map rewrites the settings object many times a second.
  const snapshotKey = createMemo(() => {
    const x = s();
    // Categories matter only to a group filter: without one, their arrival must not reload the
    // snapshot that is already on its way (it did, costing a second round of every query).
    return [x.window, x.group, x.status, x.level, x.group ? opts.categories().length : 0].join('|');
  });
  const level = createMemo(() => s().level);
  createEffect(on(snapshotKey, () => void loadSnapshot()));
  createEffect(on(hexRes, () => void reloadHexes(), { defer: true }));
  createEffect(
    on(level, (lvl) => {
      setShapes(null);
      fetchAreaShapes(lvl).then(setShapes, (e) => setError(String(e)));
    }),
  );

  const refresh = setInterval(() => void loadSnapshot(), SNAPSHOT_REFRESH_MS);
  const hexRefresh = opts.audience === 'public' ? setInterval(() => void reloadHexes(), PUBLIC_HEX_REFRESH_MS) : null;
  onCleanup(() => {
    live.stop();
    loader.stop();
    clearInterval(refresh);
    if (hexRefresh) clearInterval(hexRefresh);
    if (pending) clearTimeout(pending);
  });

  return {
    model,
    version,
    loading,
    error,
    feed,
    shapes,
    hexRes,
    eventsSeen,
    /** The public stream's newest window (delay, counts); null on the desk's stream. */
    publicWindow,
    /** Hears every batch of stream events after the model has; returns the unsubscribe. */
    subscribe(listener: (events: readonly StreamEvent[]) => void): () => void {
      streamListeners.add(listener);
      return () => streamListeners.delete(listener);
    },
    setHexRes: (res: number) => setHexRes(Math.min(res, opts.maxHexRes ?? 10)),
    /** The filter the snapshot is asked with now (the window ending now): what an export holds. */
    query: snapshotQuery,
    reload: loadSnapshot,
    bump,
  };
}

export type Desk = ReturnType<typeof createDesk>;
