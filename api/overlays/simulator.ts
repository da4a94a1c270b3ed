import { cityClock } from '../../core/cityClock';
import { cellToLatLng } from 'h3-js';
import type { LayerStore, LayerTick } from '../../db/layerStore';
import { LIVE_LAYER_CODES } from '../../core/overlayLayers';
import type { Timers } from '../stream/hub';
import { airQualityReadings } from './airQuality';
import { type CongestionCell, congestionAt } from './congestion';
import { type IncidentCell, activeIncidents, incidentFeature, incidentsBetween } from './incidents';
import { describeError } from '../errorLog';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

export interface OverlaySimulatorOptions {
  seed: number;
  /** [lng, lat] of the city centre: congestion is heavier near it. */
  center: [number, number];
  /** The city's IANA zone (from the pack): traffic and air follow the local hour and month. */
  timezone: string;
  /** History written on start so charts and legends have data at once. */
  backfillMs: number;
  /** Readings older than this are pruned. */
  retainMs: number;
  /** How often the clock is checked; ticks themselves fall on whole minutes. */
  pollMs: number;
  pruneEveryMs: number;
}

export const DEFAULT_OVERLAY_OPTIONS: Omit<OverlaySimulatorOptions, 'center' | 'timezone'> = {
  seed: 2026,
  backfillMs: 24 * HOUR_MS,
  retainMs: 48 * HOUR_MS,
  pollMs: 10_000,
  pruneEveryMs: 10 * MINUTE_MS,
};

/** One live layer: its cadence and what it writes for the slots (lastMs, atMs]. */
interface Stream {
  code: string;
  stepMs: number;
  lastMs: number;
  tick(fromMs: number, toMs: number): Omit<LayerTick, 'layer' | 'at'>;
}

const KM_PER_DEG = 111.32;
function centreKm([lng, lat]: [number, number], center: [number, number]): number {
  return Math.hypot((lng - center[0]) * KM_PER_DEG * Math.cos((lat * Math.PI) / 180), (lat - center[1]) * KM_PER_DEG);
}

/** Slot instants in (fromMs, toMs], on multiples of stepMs. */
function slots(fromMs: number, toMs: number, stepMs: number): number[] {
  const out: number[] = [];
  for (let t = Math.floor(fromMs / stepMs) * stepMs + stepMs; t <= toMs; t += stepMs) out.push(t);
  return out;
}

/**
 * Drives the simulated live layers: air-quality readings every minute, congestion every 5 minutes,
 * incidents as they appear and clear. Values are pure functions of (seed, feature, time), so a
 * restart rewrites nothing and a gap is filled with exactly what would have been written. Each
 * tick's newest slot is one `layer.readings` event through the outbox; catch-up slots write rows only.
 */
export class OverlaySimulator {
  private streams: Stream[] = [];
  private timer: unknown = null;
  private busy: Promise<void> | null = null;
  private lastPruneMs = 0;
  private readonly opts: OverlaySimulatorOptions;
  counters = { events: 0, readings: 0, errors: 0 };

  constructor(
    private readonly layerStore: LayerStore,
    private readonly now: () => Date,
    opts: Partial<OverlaySimulatorOptions> & Pick<OverlaySimulatorOptions, 'center' | 'timezone'>,
    private readonly timers: Timers = globalThis as unknown as Timers,
  ) {
    this.opts = { ...DEFAULT_OVERLAY_OPTIONS, ...opts };
  }

  /** Reads the live layers' features, backfills, then follows the clock. */
  async start(): Promise<void> {
    await this.prepare();
    await this.backfill();
    this.timer = this.timers.setInterval(() => void this.poll(), this.opts.pollMs);
  }

  async stop(): Promise<void> {
    if (this.timer !== null) this.timers.clearInterval(this.timer);
    this.timer = null;
    await this.busy;
  }

  get layers(): string[] {
    return this.streams.map((s) => s.code);
  }

  private poll(): Promise<void> {
    this.busy ??= this.advanceTo(this.now())
      .catch((e) => {
        this.counters.errors++;
        console.error('citydesk overlays:', describeError(e));
      })
      .finally(() => (this.busy = null));
    return this.busy;
  }

  /** Builds the streams for whichever live layers the database holds. */
  async prepare(): Promise<void> {
    const { seed, center } = this.opts;
    const clock = cityClock(this.opts.timezone);
    const [stations, cells] = await Promise.all([
      this.layerStore.featureList(LIVE_LAYER_CODES.airQuality),
      this.layerStore.featureList(LIVE_LAYER_CODES.congestion),
    ]);
    const congestionCells: Array<CongestionCell & IncidentCell> = cells.map((c) => {
      const [lat, lng] = cellToLatLng(c.key);
      return { key: c.key, lng, lat, centreKm: centreKm([lng, lat], center) };
    });
    this.streams = [];
    if (stations.length) {
      this.streams.push({
        code: LIVE_LAYER_CODES.airQuality,
        stepMs: MINUTE_MS,
        lastMs: 0,
        tick: (from, to) => ({
          readings: slots(from, to, MINUTE_MS).flatMap((t) =>
            stations.flatMap((s) =>
              airQualityReadings(seed, s.key, new Date(t), clock).map((r) => ({ key: s.key, ...r, at: new Date(t) })),
            ),
          ),
        }),
      });
    }
    if (congestionCells.length) {
      this.streams.push({
        code: LIVE_LAYER_CODES.congestion,
        stepMs: 5 * MINUTE_MS,
        lastMs: 0,
        tick: (from, to) => ({
          readings: slots(from, to, 5 * MINUTE_MS).flatMap((t) => {
            const severities = new Map<string, number[]>();
            for (const inc of activeIncidents(seed, congestionCells, t, clock))
              severities.set(inc.cell, [...(severities.get(inc.cell) ?? []), inc.severity]);
            const at = new Date(t);
            return congestionCells.map((c) => ({
              key: c.key,
              metric: 'congestion',
              value: congestionAt(seed, c, at, clock, severities.get(c.key)),
              at,
            }));
          }),
        }),
      });
      this.streams.push({
        code: LIVE_LAYER_CODES.incidents,
        stepMs: MINUTE_MS,
        lastMs: 0,
        tick: (from, to) => {
          const changed = incidentsBetween(seed, congestionCells, from, to + 1, clock).filter(
            (i) => (i.startMs > from && i.startMs <= to) || (i.endMs > from && i.endMs <= to),
          );
          return {
            features: changed.map((i) => incidentFeature(i, to)),
            readings: changed.flatMap((i) => [
              ...(i.startMs > from
                ? [{ key: i.key, metric: 'severity', value: i.severity, at: new Date(i.startMs) }]
                : []),
              ...(i.endMs <= to ? [{ key: i.key, metric: 'severity', value: 0, at: new Date(i.endMs) }] : []),
            ]),
          };
        },
      });
    }
  }

  /** Writes the last `backfillMs` that is missing (no events: clients load history by snapshot). */
  async backfill(): Promise<void> {
    const nowMs = this.now().getTime();
    const summaries = new Map((await this.layerStore.list(new Date(nowMs))).map((l) => [l.code, l]));
    for (const s of this.streams) {
      const to = Math.floor(nowMs / s.stepMs) * s.stepMs;
      const latest = summaries.get(s.code)?.latestReadingAt?.getTime() ?? 0;
      // Incidents are re-derived over the whole window: a quiet spell leaves no reading to resume from.
      const resumeFrom = s.code === LIVE_LAYER_CODES.incidents ? 0 : latest;
      const from = Math.max(to - this.opts.backfillMs, resumeFrom);
      await this.write(s, from, to, false);
    }
  }

  /** Writes every slot due up to `at`; the newest slot of each stream becomes one event. */
  async advanceTo(at: Date): Promise<void> {
    const nowMs = at.getTime();
    for (const s of this.streams) {
      const to = Math.floor(nowMs / s.stepMs) * s.stepMs;
      if (to <= s.lastMs) continue;
      const from = Math.max(s.lastMs, to - this.opts.backfillMs);
      if (to - s.stepMs > from) await this.write(s, from, to - s.stepMs, false);
      await this.write(s, to - s.stepMs, to, true);
    }
    if (nowMs - this.lastPruneMs >= this.opts.pruneEveryMs) {
      await this.layerStore.prune(new Date(nowMs - this.opts.retainMs));
      this.lastPruneMs = nowMs;
    }
  }

  private async write(s: Stream, fromMs: number, toMs: number, event: boolean): Promise<void> {
    const tick = s.tick(fromMs, toMs);
    // A tick with nothing in it (no incident changed) makes no event.
    if (tick.readings.length || tick.features?.length) {
      const res = await this.layerStore.writeTick({ layer: s.code, at: new Date(toMs), ...tick }, event);
      this.counters.readings += res.stored;
      if (res.eventId !== null) this.counters.events++;
    }
    // Only once written: a failed write is retried by the next poll.
    s.lastMs = Math.max(s.lastMs, toMs);
  }
}
