import { createParser } from 'eventsource-parser';
import type { OpsStreamEvent, PublicStreamEvent } from '../../../api/wire';
import type { PublicCountsMessage } from '../../../core/events';

/** An event as the page's stream carries it: all of it for the operations desk, a projection for the public. */
export type StreamEvent = OpsStreamEvent | PublicStreamEvent;

/** No event and no heartbeat for this long (the server beats every 15 s) → the feed is stale. */
export const STALE_AFTER_MS = 30_000;
/** How often the watchdog looks: well inside STALE_AFTER_MS, so a dead feed is noticed within a second of it. */
const WATCHDOG_MS = 1_000;
/** Waits between reconnect attempts grow to this, so a down server is not hammered. */
export const MAX_RETRY_MS = 15_000;
export const FIRST_RETRY_MS = 1_000;

export interface FeedStatus {
  connected: boolean;
  /** Last time anything (event or heartbeat) arrived, ms since epoch. */
  lastSeenMs: number;
  /** Last time a real event arrived. */
  lastEventMs: number | null;
  stale: boolean;
}

export interface FeedHandlers {
  onEvents(events: StreamEvent[]): void;
  /** The server could not replay the gap: refetch the snapshot; the stream goes on after `lastId`. */
  onReset(lastId: number): void;
  onStatus(status: FeedStatus): void;
  /**
   * The server refused the viewer (401: the session expired or was signed out elsewhere). The feed
   * stops rather than retrying: only signing in again can fix it.
   */
  onUnauthenticated?(): void;
  /** The public stream's counts of one window (no event id: it does not move Last-Event-ID). */
  onCounts?(counts: PublicCountsMessage): void;
}

export interface FeedOptions {
  /**
   * Which cookies go with the request. The server decides who is asking from the session cookie
   * ('same-origin', the desk); 'omit' makes the public map anonymous even in a signed-in browser.
   */
  credentials: RequestCredentials;
}

/** What the feed does to the world, injected so tests run it without a network or real timers. */
export interface FeedEffects {
  fetch: typeof fetch;
  now(): number;
  /** Resolves after `ms`: the wait before a reconnect. */
  sleep(ms: number): Promise<void>;
  /** Calls `fn` every `ms` until the returned function is called. */
  every(ms: number, fn: () => void): () => void;
}

export const browserFeedEffects: FeedEffects = {
  fetch: (input, init) => fetch(input, init),
  now: () => Date.now(),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  every(ms, fn) {
    const t = setInterval(fn, ms);
    return () => clearInterval(t);
  },
};

/**
 * The page's one stream connection. Built on fetch rather than EventSource so that heartbeat
 * comments are visible to the stale-feed watchdog and Last-Event-ID is ours to set on every
 * reconnect (resume after a drop loses nothing). Events are delivered in batches per network read.
 */
export class LiveFeed {
  private ctrl: AbortController | null = null;
  private stopWatchdog: (() => void) | null = null;
  private retryMs = FIRST_RETRY_MS;
  private stopped = true;
  /** Set by `rewindTo`: the connection is dropped on purpose, so reconnect without a wait. */
  private rewound = false;
  private status: FeedStatus;
  private lastEventId = 0;

  constructor(
    private readonly url: string,
    private readonly handlers: FeedHandlers,
    private readonly fx: FeedEffects = browserFeedEffects,
    private readonly opts: FeedOptions = { credentials: 'same-origin' },
  ) {
    this.status = { connected: false, lastSeenMs: fx.now(), lastEventMs: null, stale: false };
  }

  /** The id the stream resumes after on its next connection. */
  get resumeId(): number {
    return this.lastEventId;
  }

  get started(): boolean {
    return !this.stopped;
  }

  /** Connects, asking for the events after `afterId` (a snapshot's), never from 0: that would replay history. */
  start(afterId: number): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.lastEventId = afterId;
    void this.connect();
    this.stopWatchdog = this.fx.every(WATCHDOG_MS, () => this.check());
  }

  stop(): void {
    this.stopped = true;
    this.stopWatchdog?.();
    this.stopWatchdog = null;
    this.ctrl?.abort();
  }

  /**
   * Goes back to just after `id` and reconnects at once: a snapshot older than what the stream has
   * already delivered, with the events in between no longer at hand, is brought up to date so.
   */
  rewindTo(id: number): void {
    if (id >= this.lastEventId) return;
    this.lastEventId = id;
    if (this.stopped) return;
    this.rewound = true;
    this.ctrl?.abort();
  }

  private setStatus(patch: Partial<FeedStatus>) {
    this.status = { ...this.status, ...patch };
    this.handlers.onStatus(this.status);
  }

  private check() {
    const silentMs = this.fx.now() - this.status.lastSeenMs;
    if (silentMs > STALE_AFTER_MS && !this.status.stale) {
      this.setStatus({ stale: true });
      // Reconnect at once: a half-open TCP connection would otherwise stay silent forever.
      this.ctrl?.abort();
    }
  }

  private seen(event: boolean) {
    const now = this.fx.now();
    this.setStatus({ lastSeenMs: now, stale: false, connected: true, ...(event ? { lastEventMs: now } : {}) });
  }

  private async connect(): Promise<void> {
    while (!this.stopped) {
      const ctrl = new AbortController();
      this.ctrl = ctrl;
      try {
        const res = await this.fx.fetch(this.url, {
          headers: { Accept: 'text/event-stream', 'Last-Event-ID': String(this.lastEventId) },
          signal: ctrl.signal,
          cache: 'no-store',
          credentials: this.opts.credentials,
        });
        if (res.status === 401) {
          void res.body?.cancel().catch(() => {});
          this.stop();
          this.setStatus({ connected: false });
          this.handlers.onUnauthenticated?.();
          return;
        }
        if (!res.ok || !res.body) throw new Error(`stream ${res.status}`);
        this.retryMs = FIRST_RETRY_MS;
        this.seen(false);
        await this.read(res.body, ctrl.signal);
      } catch {
        // fall through to the retry below
      }
      this.setStatus({ connected: false });
      if (this.stopped) return;
      if (this.rewound) {
        this.rewound = false;
        continue;
      }
      await this.fx.sleep(this.retryMs);
      this.retryMs = Math.min(MAX_RETRY_MS, this.retryMs * 2);
    }
  }

  private async read(body: ReadableStream<Uint8Array>, signal: AbortSignal) {
    let batch: StreamEvent[] = [];
    const parser = createParser({
      onEvent: (m) => {
        if (m.event === 'reset') {
          const { lastId } = JSON.parse(m.data) as { lastId: number };
          this.lastEventId = lastId;
          // Events parsed before the reset in this read are still news; deliver them first.
          if (batch.length) this.deliver(batch.splice(0));
          this.handlers.onReset(lastId);
          return;
        }
        if (m.event === 'public.counts') {
          this.seen(true);
          this.handlers.onCounts?.(JSON.parse(m.data) as PublicCountsMessage);
          return;
        }
        const e = JSON.parse(m.data) as StreamEvent;
        if (e.id <= this.lastEventId) return;
        this.lastEventId = e.id;
        batch.push(e);
      },
      onComment: () => this.seen(false),
    });
    const reader = body.getReader();
    // A body that ignores the abort signal (a test's, a proxy's) is cancelled here instead.
    const cancel = () => void reader.cancel().catch(() => {});
    signal.addEventListener('abort', cancel);
    try {
      const decoder = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read();
        if (done || signal.aborted) return;
        parser.feed(decoder.decode(value, { stream: true }));
        if (batch.length) {
          const events = batch;
          batch = [];
          this.deliver(events);
        }
      }
    } finally {
      signal.removeEventListener('abort', cancel);
    }
  }

  private deliver(events: StreamEvent[]) {
    this.seen(true);
    this.handlers.onEvents(events);
  }
}
