import type { EventRow } from '../../db/types';
import { type Audience, audienceKey, encodeSse, isVisible } from './audience';
import type { SseSink } from './sink';

/** What the hub reads: the events table and the commit signal. Injected so tests can drive it. */
export interface EventSource {
  eventsAfter(afterId: number, upToId: number, limit: number): Promise<EventRow[]>;
  eventBounds(): Promise<{ minId: number; maxId: number }>;
  onEvents(listener: (maxId: number) => void): Promise<() => Promise<void>>;
}

export interface Timers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface HubOptions {
  /** Proxies cut idle streams at 30–60 s; a comment every 15 s keeps them open. */
  heartbeatMs: number;
  /** Recent events kept in memory so most resumes never touch the database. */
  ringEvents: number;
  /** A resume further behind than this gets `reset`: refetching the snapshot is cheaper. */
  maxReplayEvents: number;
  /** A client whose unsent bytes pass this is dropped; it resumes with Last-Event-ID. */
  maxClientBufferBytes: number;
  maxClients: number;
  /** Safety net for a NOTIFY lost while the LISTEN connection reconnects. */
  pollMs: number;
}

export const DEFAULT_HUB_OPTIONS: HubOptions = {
  heartbeatMs: 15_000,
  ringEvents: 20_000,
  maxReplayEvents: 200_000,
  maxClientBufferBytes: 512 * 1024,
  maxClients: 20_000,
  pollMs: 2_000,
};

/** Rows per query while following the log. */
const PAGE_EVENTS = 2_000;
/** Events per write while a resuming client catches up (~300 KB), draining between pages. */
const CATCH_UP_PAGE_EVENTS = 500;
/** The synchronous last step of a catch-up stays well under the slow-client limit. */
const FINAL_STEP_EVENTS = 100;
/** catchUp gives up after this many failed reads, ~2 s apart at worst. */
const CATCH_UP_ATTEMPTS = 50;
const CATCH_UP_RETRY_MS = 40;

const utf8 = new TextEncoder();

/**
 * One encoded batch, shared by every client of an audience. Sinks that take bytes get it encoded
 * once per broadcast, not once per client: a socket write of a string re-encodes it to UTF-8 each
 * time, which costs more than the write itself for batches of a few events.
 */
class Chunk {
  private encoded?: Uint8Array;
  constructor(readonly text: string) {}
  get bytes(): Uint8Array {
    return (this.encoded ??= utf8.encode(this.text));
  }
}

interface Client {
  sink: SseSink;
  audience: Audience;
  key: string;
  live: boolean;
  closed: boolean;
}

export class HubFullError extends Error {}

/**
 * Fans committed events out to SSE clients. Reads the log in id order from one cursor, keeps a
 * ring of recent events for cheap resumes, encodes each event once per audience, and never waits
 * on a client: one that falls behind is dropped so the rest stay live.
 */
export class StreamHub {
  private lastId = 0;
  /** Every event with id > ringFloor is in the ring. */
  private ringFloor = 0;
  private ring: EventRow[] = [];
  private target = 0;
  private following: Promise<void> | null = null;
  private clients = new Set<Client>();
  private timers: unknown[] = [];
  private unsubscribe: (() => Promise<void>) | null = null;
  private counters = { dropped: 0, delivered: 0, readErrors: 0 };
  /** In-process consumers of the log (the analytics), told of every batch in id order. */
  private batchListeners: Array<(rows: EventRow[]) => void> = [];
  private lastError: string | null = null;
  private readonly opts: HubOptions;

  constructor(
    private readonly source: EventSource,
    private readonly timersImpl: Timers = globalThis as unknown as Timers,
    opts: Partial<HubOptions> = {},
  ) {
    this.opts = { ...DEFAULT_HUB_OPTIONS, ...opts };
  }

  async start(): Promise<void> {
    const { maxId } = await this.source.eventBounds();
    this.lastId = this.ringFloor = this.target = maxId;
    this.unsubscribe = await this.source.onEvents((id) => this.signal(id));
    this.timers.push(this.timersImpl.setInterval(() => this.heartbeat(), this.opts.heartbeatMs));
    this.timers.push(
      this.timersImpl.setInterval(() => {
        this.source.eventBounds().then(({ maxId }) => this.signal(maxId), () => {});
      }, this.opts.pollMs),
    );
  }

  async stop(): Promise<void> {
    for (const t of this.timers) this.timersImpl.clearInterval(t);
    this.timers = [];
    await this.unsubscribe?.();
    await this.following;
    for (const c of this.clients) this.drop(c, false);
  }

  hasRoom(): boolean {
    return this.clients.size < this.opts.maxClients;
  }

  stats() {
    return { clients: this.clients.size, lastId: this.lastId, ...this.counters, lastError: this.lastError };
  }

  /**
   * Every event the hub reads from now on, in id order and exactly once, before any client gets
   * it. The listener must not throw or block (the broadcast waits for it).
   */
  onBatch(listener: (rows: EventRow[]) => void): () => void {
    this.batchListeners.push(listener);
    return () => void (this.batchListeners = this.batchListeners.filter((l) => l !== listener));
  }

  /** The id up to which the log has been read. */
  get position(): number {
    return this.lastId;
  }

  /** Resolves once the log has been read up to `id` (read-your-writes for in-process consumers). */
  async catchUp(id: number): Promise<void> {
    for (let attempt = 0; this.lastId < id; attempt++) {
      if (attempt > CATCH_UP_ATTEMPTS) throw new Error(`stream hub stuck at ${this.lastId} < ${id}: ${this.lastError ?? 'no error'}`);
      this.signal(id);
      // A failed read leaves nothing to wait on; the next attempt reads again.
      await (this.following ?? new Promise((r) => setTimeout(r, CATCH_UP_RETRY_MS)));
    }
  }

  /** Events up to maxId have committed. */
  signal(maxId: number): void {
    if (maxId > this.target) this.target = maxId;
    // Also re-entered by the poll after a failed read, with the same target.
    if (this.lastId < this.target) this.following ??= this.follow().finally(() => (this.following = null));
  }

  private async follow(): Promise<void> {
    while (this.lastId < this.target) {
      const upTo = this.target;
      let rows: EventRow[];
      try {
        rows = await this.source.eventsAfter(this.lastId, upTo, PAGE_EVENTS);
      } catch (e) {
        this.counters.readErrors++;
        this.lastError = e instanceof Error ? e.message : String(e);
        return; // the poll signals again within pollMs
      }
      // Ids skipped by rolled-back transactions never appear; once a page is short we are at upTo.
      const reached = rows.length < PAGE_EVENTS ? upTo : rows[rows.length - 1].id;
      this.append(rows);
      if (rows.length) this.tellListeners(rows);
      this.broadcast(rows);
      this.lastId = reached;
    }
  }

  private tellListeners(rows: EventRow[]) {
    for (const l of this.batchListeners) {
      try {
        l(rows);
      } catch (e) {
        // A consumer's bug must not stop the stream for every client.
        this.lastError = e instanceof Error ? e.message : String(e);
      }
    }
  }

  private append(rows: EventRow[]) {
    this.ring.push(...rows);
    const excess = this.ring.length - this.opts.ringEvents;
    if (excess > 0) {
      this.ringFloor = this.ring[excess - 1].id;
      this.ring.splice(0, excess);
    }
  }

  private broadcast(rows: EventRow[]) {
    if (rows.length === 0 || this.clients.size === 0) return;
    const chunks = new Map<string, Chunk>();
    for (const c of this.clients) {
      if (!c.live) continue;
      let chunk = chunks.get(c.key);
      if (chunk === undefined) {
        chunk = new Chunk(this.encode(rows, c.audience));
        chunks.set(c.key, chunk);
      }
      if (chunk.text) this.send(c, chunk);
    }
  }

  private encode(rows: EventRow[], audience: Audience): string {
    let out = '';
    for (const e of rows) if (isVisible(e, audience)) out += encodeSse(e, audience);
    return out;
  }

  private send(c: Client, chunk: string | Chunk) {
    if (c.closed) return;
    if (typeof chunk === 'string') c.sink.write(chunk);
    else if (c.sink.writeBytes) c.sink.writeBytes(chunk.bytes);
    else c.sink.write(chunk.text);
    this.counters.delivered++;
    if (c.sink.bufferedBytes() > this.opts.maxClientBufferBytes) this.drop(c, true);
  }

  private drop(c: Client, slow: boolean) {
    if (c.closed) return;
    c.closed = true;
    this.clients.delete(c);
    if (slow) this.counters.dropped++;
    c.sink.destroy();
  }

  private heartbeat() {
    const beat = new Chunk(`: hb ${Date.now()}\n\n`);
    for (const c of this.clients) this.send(c, beat);
  }

  /**
   * Adds a client. With `since` (Last-Event-ID) it first receives every visible event after
   * that id, exactly once and in order, then joins the live feed; a gap too old gets `reset`.
   */
  async attach(sink: SseSink, audience: Audience, since?: number): Promise<void> {
    if (this.clients.size >= this.opts.maxClients) throw new HubFullError('too many stream clients');
    const c: Client = { sink, audience, key: audienceKey(audience), live: false, closed: false };
    this.clients.add(c);
    sink.onClose(() => this.drop(c, false));
    // Browsers wait this long before reconnecting after a drop.
    sink.write(`retry: 2000\n: connected ${this.lastId}\n\n`);
    if (since === undefined) return void (c.live = true);
    let cursor = since;
    if (cursor > this.lastId) {
      // Another process may have shown this client an id we have not read yet: catch up first.
      const { maxId } = await this.source.eventBounds();
      this.signal(maxId);
      while (this.following && cursor > this.lastId) await this.following;
      if (cursor > this.lastId) return this.reset(c);
    }
    if (this.lastId - cursor > this.opts.maxReplayEvents) return this.reset(c);
    if (cursor < this.ringFloor) {
      const { minId } = await this.source.eventBounds();
      if (cursor < minId - 1) return this.reset(c);
    }
    // Catch up in pages, waiting for the client to drain between them, until what is left is a
    // short tail of the ring; that last step is synchronous, so no event can slip between the
    // replay and the live feed.
    while (!c.closed) {
      let rows: EventRow[];
      if (cursor < this.ringFloor) {
        const upTo = this.ringFloor;
        rows = await this.source.eventsAfter(cursor, upTo, CATCH_UP_PAGE_EVENTS);
        if (rows.length < CATCH_UP_PAGE_EVENTS) cursor = upTo;
      } else {
        const from = this.ringIndexAfter(cursor);
        if (this.ring.length - from <= FINAL_STEP_EVENTS) {
          const chunk = this.encode(this.ring.slice(from), audience);
          if (chunk) this.send(c, chunk);
          c.live = true;
          return;
        }
        rows = this.ring.slice(from, from + CATCH_UP_PAGE_EVENTS);
      }
      if (rows.length) cursor = Math.max(cursor, rows[rows.length - 1].id);
      const chunk = this.encode(rows, audience);
      if (chunk) {
        sink.write(chunk);
        await sink.drained();
      }
    }
  }

  /** Index of the first ring event with id > cursor (ids ascend, so binary search). */
  private ringIndexAfter(cursor: number): number {
    let lo = 0;
    let hi = this.ring.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ring[mid].id <= cursor) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private reset(c: Client) {
    this.send(c, `id: ${this.lastId}\nevent: reset\ndata: ${JSON.stringify({ lastId: this.lastId })}\n\n`);
    c.live = true;
  }
}
