import { createParser } from 'eventsource-parser';
import type { StreamEvent } from './types';

/** No event and no heartbeat for this long (the server beats every 15 s) → the feed is stale. */
export const STALE_AFTER_MS = 30_000;
/** Waits between reconnect attempts grow to this, so a down server is not hammered. */
const MAX_RETRY_MS = 15_000;
const FIRST_RETRY_MS = 1_000;

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
  /** The server could not replay the gap: refetch the snapshot, then continue from `lastId`. */
  onReset(lastId: number): void;
  onStatus(status: FeedStatus): void;
}

/**
 * The page's one stream connection. Built on fetch rather than EventSource so that heartbeat
 * comments are visible to the stale-feed watchdog and Last-Event-ID is ours to set on every
 * reconnect (resume after a drop loses nothing). Events are delivered in batches per network read.
 */
export class LiveFeed {
  private ctrl: AbortController | null = null;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private retryMs = FIRST_RETRY_MS;
  private stopped = false;
  private status: FeedStatus = { connected: false, lastSeenMs: Date.now(), lastEventMs: null, stale: false };

  constructor(
    private readonly url: string,
    private lastEventId: number,
    private readonly handlers: FeedHandlers,
  ) {}

  start(): void {
    this.stopped = false;
    void this.connect();
    this.watchdog = setInterval(() => this.check(), 1_000);
  }

  stop(): void {
    this.stopped = true;
    if (this.watchdog) clearInterval(this.watchdog);
    this.ctrl?.abort();
  }

  /** After a snapshot refetch, continue from the snapshot's id. */
  resumeFrom(id: number): void {
    this.lastEventId = Math.max(this.lastEventId, id);
  }

  private setStatus(patch: Partial<FeedStatus>) {
    this.status = { ...this.status, ...patch };
    this.handlers.onStatus(this.status);
  }

  private check() {
    const silentMs = Date.now() - this.status.lastSeenMs;
    if (silentMs > STALE_AFTER_MS && !this.status.stale) {
      this.setStatus({ stale: true });
      // Reconnect at once: a half-open TCP connection would otherwise stay silent forever.
      this.ctrl?.abort();
    }
  }

  private seen(event: boolean) {
    const now = Date.now();
    this.setStatus({ lastSeenMs: now, stale: false, connected: true, ...(event ? { lastEventMs: now } : {}) });
  }

  private async connect(): Promise<void> {
    while (!this.stopped) {
      this.ctrl = new AbortController();
      try {
        const res = await fetch(this.url, {
          headers: { Accept: 'text/event-stream', 'Last-Event-ID': String(this.lastEventId) },
          signal: this.ctrl.signal,
          cache: 'no-store',
        });
        if (!res.ok || !res.body) throw new Error(`stream ${res.status}`);
        this.retryMs = FIRST_RETRY_MS;
        this.seen(false);
        await this.read(res.body);
      } catch {
        // fall through to the retry below
      }
      this.setStatus({ connected: false });
      if (this.stopped) return;
      await new Promise((r) => setTimeout(r, this.retryMs));
      this.retryMs = Math.min(MAX_RETRY_MS, this.retryMs * 2);
    }
  }

  private async read(body: ReadableStream<Uint8Array>) {
    let batch: StreamEvent[] = [];
    const parser = createParser({
      onEvent: (m) => {
        if (m.event === 'reset') {
          const { lastId } = JSON.parse(m.data) as { lastId: number };
          this.lastEventId = lastId;
          this.handlers.onReset(lastId);
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
    const decoder = new TextDecoder();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      parser.feed(decoder.decode(value, { stream: true }));
      if (batch.length) {
        const events = batch;
        batch = [];
        this.seen(true);
        this.handlers.onEvents(events);
      }
    }
  }
}
