import { streamCapFor, openFileLimit } from '../edge/fdLimit';
import { Broadcaster, type BroadcasterOptions } from './broadcaster';
import { type EventSource, type FollowerOptions, LogFollower } from './logFollower';
import type { SseSink } from './sink';
import type { Audience } from './audience';
import type { Timers } from './timers';

export { BROADCAST_SLICE_CLIENTS, HubFullError } from './broadcaster';
export type { BatchListener, EventSource } from './logFollower';
export type { Timers } from './timers';

export type HubOptions = FollowerOptions & BroadcasterOptions;

export const DEFAULT_HUB_OPTIONS: HubOptions = {
  heartbeatMs: 15_000,
  ringEvents: 20_000,
  maxReplayEvents: 200_000,
  maxClientBufferBytes: 512 * 1024,
  // Below the process's descriptor limit, so a full stream still answers 503 (api/edge/fdLimit.ts).
  maxClients: streamCapFor(openFileLimit()),
  pollMs: 2_000,
};

/**
 * The live stream of one API process: a log follower (reads the events table after each commit,
 * keeps the replay ring) and a broadcaster (SSE clients) listening to it. In-process consumers
 * such as the analytics listen to `log` the same way the broadcaster does.
 */
export class StreamHub {
  readonly log: LogFollower;
  private readonly clients: Broadcaster;

  constructor(source: EventSource, timers: Timers = globalThis as unknown as Timers, opts: Partial<HubOptions> = {}) {
    const o = { ...DEFAULT_HUB_OPTIONS, ...opts };
    this.log = new LogFollower(source, timers, o);
    this.clients = new Broadcaster(this.log, timers, o);
  }

  async start(): Promise<void> {
    await this.log.start();
    this.clients.start();
  }

  async stop(): Promise<void> {
    await this.log.stop();
    await this.clients.stop();
  }

  hasRoom(): boolean {
    return this.clients.hasRoom();
  }

  clientsByAudience() {
    return this.clients.countsByAudience();
  }

  /** See Broadcaster.attach: the first frame, then the replay from `since`, then the live feed. */
  attach(sink: SseSink, audience: Audience, since?: number): Promise<void> {
    return this.clients.attach(sink, audience, since);
  }

  stats() {
    return {
      clients: this.clients.size,
      lastId: this.log.position,
      ...this.clients.counters,
      readErrors: this.log.readErrors,
      lastError: this.log.lastError,
    };
  }
}
