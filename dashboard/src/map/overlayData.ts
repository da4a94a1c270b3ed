/** Which overlay GeoJSON to (re)fetch, decided purely; the fetching itself is injected. */
import type { FeatureCollection } from 'geojson';
import type { FetchJson } from './config';
import type { OverlayInfo } from './types';

export interface Loaded {
  data: FeatureCollection;
  /** overlayVersion when it was fetched. */
  version: number;
}

/** Readings change (air quality, traffic); a plan or a bus network does not. */
export function isLive(info: OverlayInfo): boolean {
  return info.live ?? (info.kind === 'environment' || info.kind === 'traffic');
}

/**
 * The enabled overlays that need a fetch: never loaded, or live and loaded at an older version.
 * Ones already in flight are skipped. A disabled overlay keeps its data (its layer is only hidden).
 */
export function overlaysToFetch(
  overlays: readonly OverlayInfo[],
  enabled: ReadonlySet<string>,
  loaded: ReadonlyMap<string, Loaded>,
  inFlight: ReadonlySet<string>,
  version: number,
): OverlayInfo[] {
  return overlays.filter((o) => {
    if (!enabled.has(o.code) || inFlight.has(o.code)) return false;
    const l = loaded.get(o.code);
    return !l || (isLive(o) && l.version < version);
  });
}

export function overlayUrl(code: string): string {
  return `/api/layers/${encodeURIComponent(code)}/geojson`;
}

export const EMPTY_COLLECTION: FeatureCollection = Object.freeze({
  type: 'FeatureCollection',
  features: [],
}) as FeatureCollection;

export function asFeatureCollection(raw: unknown): FeatureCollection {
  const o = raw as Partial<FeatureCollection> | null;
  if (o && o.type === 'FeatureCollection' && Array.isArray(o.features)) return o as FeatureCollection;
  throw new Error('not a GeoJSON FeatureCollection');
}

/**
 * A live overlay is refetched at most this often, however often overlayVersion moves: the desk bumps it
 * per batch of report events (every few seconds), and readings change on a scale of minutes.
 */
export const LIVE_REFETCH_MIN_MS = 20_000;

export interface LoaderOptions {
  minIntervalMs?: number;
  now?: () => number;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

/**
 * Keeps overlay data, one fetch per code at a time. `onChange` receives a new Map whenever a fetch
 * lands, so a Solid signal holding it changes reference; each FeatureCollection keeps its own
 * reference until it is refetched (deck.gl re-uploads only that layer).
 */
export function createOverlayLoader(
  get: FetchJson,
  onChange: (loaded: ReadonlyMap<string, Loaded>) => void,
  opts: LoaderOptions = {},
) {
  const minInterval = opts.minIntervalMs ?? LIVE_REFETCH_MIN_MS;
  const now = opts.now ?? Date.now;
  const later = opts.setTimeout ?? ((fn, ms) => globalThis.setTimeout(fn, ms));
  const cancel = opts.clearTimeout ?? ((h) => globalThis.clearTimeout(h as ReturnType<typeof globalThis.setTimeout>));
  let loaded = new Map<string, Loaded>();
  const inFlight = new Set<string>();
  const fetchedAt = new Map<string, number>();
  const controller = new AbortController();
  let latest: [readonly OverlayInfo[], ReadonlySet<string>, number] | null = null;
  let timer: unknown = null;

  const catchUp = (ms: number) => {
    if (timer !== null || controller.signal.aborted) return;
    timer = later(() => {
      timer = null;
      if (latest) void loader.sync(...latest);
    }, ms);
  };

  const loader = {
    sync(overlays: readonly OverlayInfo[], enabled: ReadonlySet<string>, version: number): Promise<void> {
      latest = [overlays, enabled, version];
      const t = now();
      const todo = overlaysToFetch(overlays, enabled, loaded, inFlight, version).filter((o) => {
        const wait = loaded.has(o.code) ? (fetchedAt.get(o.code) ?? -Infinity) + minInterval - t : 0;
        if (wait > 0) catchUp(wait);
        return wait <= 0;
      });
      return Promise.all(
        todo.map(async (o) => {
          inFlight.add(o.code);
          fetchedAt.set(o.code, t);
          try {
            const data = asFeatureCollection(await get(overlayUrl(o.code), { signal: controller.signal }));
            if (controller.signal.aborted) return;
            loaded = new Map(loaded).set(o.code, { data, version });
            onChange(loaded);
          } catch (e) {
            fetchedAt.delete(o.code);
            if (!controller.signal.aborted) console.warn(`citydesk map: overlay ${o.code}: ${(e as Error).message}`);
          } finally {
            inFlight.delete(o.code);
          }
          // A version bump that arrived while this fetch was in flight was skipped: catch up (rate-limited).
          if (latest && latest[2] > version && !controller.signal.aborted) await loader.sync(...latest);
        }),
      ).then(() => undefined);
    },
    dispose() {
      controller.abort();
      if (timer !== null) cancel(timer);
      timer = null;
    },
  };
  return loader;
}
