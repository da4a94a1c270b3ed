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
/**
 * Clients written per turn of the event loop in a broadcast. One socket write costs ~9 µs, so a
 * slice takes ~5 ms: a NOTIFY or the next page of the log waits at most that long, not the
 * ~45 ms of writing to 5,000 clients in one go.
 */
export const BROADCAST_SLICE_CLIENTS = 500;
/**
 * Events read but not yet written to every live client past which the follower stops reading
 * ahead and lets the writing catch up: one page, so memory stays bounded in a burst.
 */
const MAX_UNDELIVERED_EVENTS = PAGE_EVENTS;

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
  /** Once live: every event up to this id has been written to it (or was not for its audience). */
  cursor: number;
}

/** A page of the log on its way to the live clients: the events after the previous batch's `to`. */
interface Batch {
  to: number;
  rows: EventRow[];
  /** Encoded once per audience, shared by its clients. */
  chunks: Map<string, Chunk>;
  delivered: () => void;
}

/**
 * A broadcast in progress: it walks the clients in slices, bringing each live one up to the
 * position read so far, and walks them again if more was read meanwhile.
 */
interface Delivery {
  clients: Iterator<Client>;
  /** lastId when this walk began: once it ends, every live client has everything up to here. */
  from: number;
  done: Promise<void>;
  finish: () => void;
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
  /** Batches not yet written to every live client, in id order. */
  private queue: Batch[] = [];
  private queuedEvents = 0;
  private delivery: Delivery | null = null;
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
        this.source.eventBounds().then(
          ({ maxId }) => this.signal(maxId),
          () => {},
        );
      }, this.opts.pollMs),
    );
  }

  async stop(): Promise<void> {
    for (const t of this.timers) this.timersImpl.clearInterval(t);
    this.timers = [];
    await this.unsubscribe?.();
    // A follow that ends may start another for a signal that came meanwhile.
    while (this.following) await this.following;
    await this.delivery?.done;
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
      if (attempt > CATCH_UP_ATTEMPTS)
        throw new Error(`stream hub stuck at ${this.lastId} < ${id}: ${this.lastError ?? 'no error'}`);
      this.signal(id);
      // A failed read leaves nothing to wait on; the next attempt reads again.
      await (this.following ?? new Promise((r) => setTimeout(r, CATCH_UP_RETRY_MS)));
    }
  }

  /** Events up to maxId have committed. */
  signal(maxId: number): void {
    if (maxId > this.target) this.target = maxId;
    // Also re-entered by the poll after a failed read, with the same target.
    if (this.lastId >= this.target || this.following) return;
    const ended = (read: boolean) => {
      this.following = null;
      // A signal that came while the loop was ending found it still running: follow it now. After
      // a failed read the poll signals again instead, so a database that is down is not hammered.
      if (read) this.signal(this.target);
    };
    this.following = this.follow().then(ended, (e) => {
      this.lastError = e instanceof Error ? e.message : String(e);
      ended(false);
    });
  }

  /** Reads and broadcasts up to the target; false if a read failed. */
  private async follow(): Promise<boolean> {
    while (this.lastId < this.target) {
      // The next page is read while earlier ones are still being written, but not endlessly ahead.
      while (this.delivery && this.queuedEvents >= MAX_UNDELIVERED_EVENTS) await this.delivery.done;
      const upTo = this.target;
      let rows: EventRow[];
      try {
        rows = await this.source.eventsAfter(this.lastId, upTo, PAGE_EVENTS);
      } catch (e) {
        this.counters.readErrors++;
        this.lastError = e instanceof Error ? e.message : String(e);
        return false; // the poll signals again within pollMs
      }
      // Ids skipped by rolled-back transactions never appear; once a page is short we are at upTo.
      const reached = rows.length < PAGE_EVENTS ? upTo : rows[rows.length - 1].id;
      this.append(rows);
      if (rows.length) this.tellListeners(rows);
      this.lastId = reached;
      void this.broadcast(rows);
    }
    return true;
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

  /**
   * Queues the events just read (up to lastId) for every live client and starts writing them
   * unless a broadcast is already under way, which then picks them up. Resolves once every live
   * client has them (nothing here waits for that; bench/apiServer.ts times it).
   */
  private broadcast(rows: EventRow[]): Promise<void> {
    if (rows.length === 0 || this.clients.size === 0) return Promise.resolve();
    let delivered!: () => void;
    const done = new Promise<void>((resolve) => (delivered = resolve));
    this.queue.push({ to: this.lastId, rows, chunks: new Map(), delivered });
    this.queuedEvents += rows.length;
    if (!this.delivery) {
      let finish!: () => void;
      const all = new Promise<void>((resolve) => (finish = resolve));
      this.delivery = { clients: this.clients.values(), from: this.lastId, done: all, finish };
      // The first slice at once, as a single write used to go: a few hundred clients cost no wait.
      this.writeSlice();
    }
    return done;
  }

  /**
   * One slice of a broadcast. A client's events go out in id order because it only ever gets
   * what lies past its cursor, and exactly once because the cursor then moves to lastId; a client
   * joining mid-way starts at lastId, having had the rest from its catch-up. The Set's iterator
   * skips clients removed and reaches those added before it ends.
   */
  private writeSlice = (): void => {
    const d = this.delivery!;
    for (let written = 0; written < BROADCAST_SLICE_CLIENTS; ) {
      const next = d.clients.next();
      if (!next.done) {
        if (this.bringUpToDate(next.value)) written++;
        continue;
      }
      this.settle(d.from);
      if (this.lastId === d.from) {
        // Nothing was read during the walk: every live client is at lastId.
        this.delivery = null;
        d.finish();
        return;
      }
      d.clients = this.clients.values();
      d.from = this.lastId;
    }
    setImmediate(this.writeSlice);
  };

  /** Writes to a live client what it lacks of the queue; true if it wrote anything. */
  private bringUpToDate(c: Client): boolean {
    if (!c.live || c.closed || c.cursor >= this.lastId) return false;
    let wrote = false;
    for (const b of this.queue) {
      if (b.to <= c.cursor) continue;
      let chunk = b.chunks.get(c.key);
      if (chunk === undefined) {
        chunk = new Chunk(this.encode(b.rows, c.audience));
        b.chunks.set(c.key, chunk);
      }
      if (chunk.text) {
        this.send(c, chunk);
        wrote = true;
        if (c.closed) return true;
      }
    }
    c.cursor = this.lastId;
    return wrote;
  }

  /** Every live client has the events up to `upTo`: their batches leave the queue. */
  private settle(upTo: number) {
    while (this.queue.length && this.queue[0].to <= upTo) {
      const b = this.queue.shift()!;
      this.queuedEvents -= b.rows.length;
      b.delivered();
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

  /** In slices too: a comment to every client is as many socket writes as a broadcast. */
  private heartbeat() {
    const beat = new Chunk(`: hb ${Date.now()}\n\n`);
    const clients = [...this.clients];
    const writeSlice = (from: number) => {
      const end = Math.min(from + BROADCAST_SLICE_CLIENTS, clients.length);
      for (let i = from; i < end; i++) this.send(clients[i], beat);
      if (end < clients.length) setImmediate(writeSlice, end);
    };
    writeSlice(0);
  }

  /**
   * Adds a client. With `since` (Last-Event-ID) it first receives every visible event after
   * that id, exactly once and in order, then joins the live feed; a gap too old gets `reset`.
   */
  async attach(sink: SseSink, audience: Audience, since?: number): Promise<void> {
    if (this.clients.size >= this.opts.maxClients) throw new HubFullError('too many stream clients');
    const c: Client = { sink, audience, key: audienceKey(audience), live: false, closed: false, cursor: 0 };
    this.clients.add(c);
    sink.onClose(() => this.drop(c, false));
    // Browsers wait this long before reconnecting after a drop.
    sink.write(`retry: 2000\n: connected ${this.lastId}\n\n`);
    if (since === undefined) return this.goLive(c);
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
    // short tail of the ring; that last step is synchronous and leaves the client at lastId, so
    // no event can slip between the replay and the live feed, nor come twice if a broadcast of
    // events it was just sent is still under way.
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
          return this.goLive(c);
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
    this.goLive(c);
  }

  /** The client has every event up to lastId: broadcasts give it only what comes after. */
  private goLive(c: Client) {
    c.cursor = this.lastId;
    c.live = true;
  }
}
