import type { EventRow } from '../../db/types';
import { type Audience, audienceKey, encodeSse, isVisible } from './audience';
import type { LogFollower } from './logFollower';
import { PAGE_EVENTS } from './logFollower';
import type { SseSink } from './sink';
import type { Timers } from './timers';

export interface BroadcasterOptions {
  /** Proxies cut idle streams at 30–60 s; a comment every 15 s keeps them open. */
  heartbeatMs: number;
  /** A client whose unsent bytes pass this is dropped; it resumes with Last-Event-ID. */
  maxClientBufferBytes: number;
  maxClients: number;
}

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
/** Browsers wait this long before reconnecting after a drop. */
const RECONNECT_RETRY_MS = 2_000;

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
  /**
   * Per audience: this batch and every later one up to the queue's end (`to`), as one chunk.
   * The clients a walk reaches after more was read all lack the same run of batches.
   */
  runs: Map<string, { to: number; chunk: Chunk }>;
  delivered: () => void;
}

/**
 * A broadcast in progress: it walks the clients in slices, bringing each live one up to the
 * position read so far, and walks them again if more was read meanwhile.
 */
interface Delivery {
  clients: Iterator<Client>;
  /** The log position when this walk began: once it ends, every live client has everything up to here. */
  from: number;
  done: Promise<void>;
  finish: () => void;
}

export class HubFullError extends Error {}

function encode(rows: EventRow[], audience: Audience): string {
  let out = '';
  for (const e of rows) if (isVisible(e, audience)) out += encodeSse(e, audience);
  return out;
}

/**
 * Fans the log out to SSE clients: each live client has a cursor into the log, batches are
 * encoded once per audience and written in slices of clients, a heartbeat keeps idle streams
 * open, and no client is ever waited on: one that falls behind is dropped so the rest stay live.
 * It is a listener of the follower like any other, and asks it for replays when a client resumes.
 */
export class Broadcaster {
  /** Batches not yet written to every live client, in id order. */
  private queue: Batch[] = [];
  private queuedEvents = 0;
  private delivery: Delivery | null = null;
  private clients = new Set<Client>();
  private heartbeatTimer: unknown = null;
  private unsubscribe: (() => void) | null = null;
  readonly counters = { dropped: 0, delivered: 0 };

  constructor(
    private readonly log: LogFollower,
    private readonly timers: Timers,
    private readonly opts: BroadcasterOptions,
  ) {}

  start(): void {
    this.unsubscribe = this.log.onBatch((rows) => this.broadcast(rows));
    this.heartbeatTimer = this.timers.setInterval(() => this.heartbeat(), this.opts.heartbeatMs);
  }

  /** Call once the follower has stopped: finishes the broadcast under way, then drops every client. */
  async stop(): Promise<void> {
    if (this.heartbeatTimer !== null) this.timers.clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = null;
    this.unsubscribe?.();
    await this.delivery?.done;
    for (const c of this.clients) this.drop(c, false);
  }

  get size(): number {
    return this.clients.size;
  }

  hasRoom(): boolean {
    return this.clients.size < this.opts.maxClients;
  }

  /** Connected clients per audience kind (ops, area, agency, public): /metrics' gauge. */
  countsByAudience(): Record<Audience['kind'], number> {
    const counts = { ops: 0, area: 0, agency: 0, public: 0 };
    for (const c of this.clients) counts[c.audience.kind]++;
    return counts;
  }

  /**
   * Queues the events just read for every live client and starts writing them unless a broadcast
   * is already under way, which then picks them up. Returns a promise (holding the follower from
   * reading further ahead) only when a burst has piled up more than a page of undelivered events.
   */
  private broadcast(rows: EventRow[]): undefined | Promise<void> {
    this.deliver(rows);
    return this.delivery && this.queuedEvents >= MAX_UNDELIVERED_EVENTS ? this.delivery.done : undefined;
  }

  /** Resolves once every live client has `rows` (nothing here waits for that; bench/apiServer.ts times it). */
  private deliver(rows: EventRow[]): Promise<void> {
    if (rows.length === 0 || this.clients.size === 0) return Promise.resolve();
    let delivered!: () => void;
    const done = new Promise<void>((resolve) => (delivered = resolve));
    this.queue.push({ to: this.log.position, rows, chunks: new Map(), runs: new Map(), delivered });
    this.queuedEvents += rows.length;
    if (!this.delivery) {
      let finish!: () => void;
      const all = new Promise<void>((resolve) => (finish = resolve));
      this.delivery = { clients: this.clients.values(), from: this.log.position, done: all, finish };
      // The first slice at once, as a single write used to go: a few hundred clients cost no wait.
      this.writeSlice();
    }
    return done;
  }

  /**
   * One slice of a broadcast. A client's events go out in id order because it only ever gets
   * what lies past its cursor, and exactly once because the cursor then moves to the log's
   * position; a client joining mid-way starts there, having had the rest from its catch-up. The
   * Set's iterator skips clients removed and reaches those added before it ends.
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
      if (this.log.position === d.from) {
        // Nothing was read during the walk: every live client is at the log's position.
        this.delivery = null;
        d.finish();
        return;
      }
      d.clients = this.clients.values();
      d.from = this.log.position;
    }
    setImmediate(this.writeSlice);
  };

  /**
   * Writes to a live client what it lacks of the queue, in one write however many batches that
   * is: a socket write is what a broadcast costs, so a walk overtaken by new events must not
   * double it for the clients it has yet to reach. True if it wrote anything.
   */
  private bringUpToDate(c: Client): boolean {
    const position = this.log.position;
    if (!c.live || c.closed || c.cursor >= position) return false;
    const first = this.queue.findIndex((b) => b.to > c.cursor);
    c.cursor = position;
    if (first < 0) return false;
    const chunk = this.runFrom(first, c);
    if (!chunk.text) return false;
    this.send(c, chunk);
    return true;
  }

  /** Batches queue[first..] for the client's audience as one chunk, built once per audience. */
  private runFrom(first: number, c: Client): Chunk {
    const last = this.queue.length - 1;
    if (first === last) return this.chunkOf(this.queue[last], c);
    const head = this.queue[first];
    const to = this.queue[last].to;
    const cached = head.runs.get(c.key);
    if (cached?.to === to) return cached.chunk;
    let text = '';
    for (let i = first; i <= last; i++) text += this.chunkOf(this.queue[i], c).text;
    const chunk = new Chunk(text);
    head.runs.set(c.key, { to, chunk });
    return chunk;
  }

  private chunkOf(b: Batch, c: Client): Chunk {
    let chunk = b.chunks.get(c.key);
    if (chunk === undefined) {
      chunk = new Chunk(encode(b.rows, c.audience));
      b.chunks.set(c.key, chunk);
    }
    return chunk;
  }

  /** Every live client has the events up to `upTo`: their batches leave the queue. */
  private settle(upTo: number) {
    while (this.queue.length && this.queue[0].to <= upTo) {
      const b = this.queue.shift()!;
      this.queuedEvents -= b.rows.length;
      b.delivered();
    }
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
   * Adds a client. Its first frame, at once, is `retry:` and the comment `: connected ID` (the
   * log position it joins at): a client can wait for it to know it is subscribed. With `since`
   * (Last-Event-ID) it then receives every visible event after that id, exactly once and in
   * order, before joining the live feed; a gap too old gets `reset`.
   */
  async attach(sink: SseSink, audience: Audience, since?: number): Promise<void> {
    if (this.clients.size >= this.opts.maxClients) throw new HubFullError('too many stream clients');
    const c: Client = { sink, audience, key: audienceKey(audience), live: false, closed: false, cursor: 0 };
    this.clients.add(c);
    sink.onClose(() => this.drop(c, false));
    sink.write(`retry: ${RECONNECT_RETRY_MS}\n: connected ${this.log.position}\n\n`);
    if (since === undefined) return this.goLive(c);
    if (!(await this.log.canResume(since))) return this.reset(c);
    // Catch up in pages, waiting for the client to drain between them, until what is left is a
    // short tail of the ring; that last step is synchronous and leaves the client at the log's
    // position, so no event can slip between the replay and the live feed, nor come twice if a
    // broadcast of events it was just sent is still under way.
    let cursor = since;
    while (!c.closed) {
      const tail = this.log.replayTail(cursor);
      if (tail) {
        const chunk = encode(tail, audience);
        if (chunk) this.send(c, chunk);
        return this.goLive(c);
      }
      const page = await this.log.replayPage(cursor);
      cursor = page.to;
      const chunk = encode(page.rows, audience);
      if (chunk) {
        sink.write(chunk);
        await sink.drained();
      }
    }
  }

  private reset(c: Client) {
    const lastId = this.log.position;
    this.send(c, `id: ${lastId}\nevent: reset\ndata: ${JSON.stringify({ lastId })}\n\n`);
    this.goLive(c);
  }

  /** The client has every event up to the log's position: broadcasts give it only what comes after. */
  private goLive(c: Client) {
    c.cursor = this.log.position;
    c.live = true;
  }
}
