import type { EventRow } from '../../db/types';
import type { Timers } from './timers';

/** What the follower reads: the events table and the commit signal. Injected so tests can drive it. */
export interface EventSource {
  eventsAfter(afterId: number, upToId: number, limit: number): Promise<EventRow[]>;
  eventBounds(): Promise<{ minId: number; maxId: number }>;
  onEvents(listener: (maxId: number) => void): Promise<() => Promise<void>>;
  /** Events this process committed, handed over as they return (db/committedEvents.ts). */
  onCommitted?(listener: (rows: EventRow[]) => void): () => void;
  /** Resolves once this process's event writes under way have handed theirs over. */
  localWritesSettled?(): Promise<void>;
}

/**
 * Told of every event read, in id order and exactly once; `to` is the position reached (ids
 * skipped by rolled-back transactions included). It must not throw or block. A returned promise
 * holds the follower from reading further ahead until it settles: how a consumer that writes
 * slowly (the broadcaster in a burst) keeps memory bounded.
 */
export type BatchListener = (rows: EventRow[], to: number) => void | Promise<void>;

export interface FollowerOptions {
  /** Recent events kept in memory so most resumes never touch the database. */
  ringEvents: number;
  /** A resume further behind than this gets `reset`: refetching the snapshot is cheaper. */
  maxReplayEvents: number;
  /** Safety net for a NOTIFY lost while the LISTEN connection reconnects. */
  pollMs: number;
}

/** Rows per query while following the log. */
export const PAGE_EVENTS = 2_000;
/** Events per page while a resuming client catches up (~300 KB), its sink draining between pages. */
const CATCH_UP_PAGE_EVENTS = 500;
/** The synchronous last step of a catch-up stays well under the slow-client limit. */
const FINAL_STEP_EVENTS = 100;
/** catchUp gives up after this many failed reads, ~2 s apart at worst. */
const CATCH_UP_ATTEMPTS = 50;
const CATCH_UP_RETRY_MS = 40;

/**
 * Reads the event log in id order from one cursor after each commit signal (NOTIFY, or the poll),
 * hands every page to its listeners, and keeps a ring of recent events so that most resumes are
 * served from memory. It knows nothing of clients: the broadcaster and the analytics are both
 * listeners.
 */
export class LogFollower {
  private lastId = 0;
  /** Every event with id > ringFloor is in the ring. */
  private ringFloor = 0;
  private ring: EventRow[] = [];
  private target = 0;
  private following: Promise<void> | null = null;
  private listeners: BatchListener[] = [];
  private poll: unknown = null;
  private unsubscribe: (() => Promise<void>) | null = null;
  private unsubscribeLocal: (() => void) | null = null;
  /** A read of the table is under way: events handed over meanwhile are left to it. */
  private reading = false;
  /** Listeners' holds not yet settled: nothing more is handed out until they are. */
  private holding = 0;
  readErrors = 0;
  lastError: string | null = null;
  /** When the follower last had read everything it knew committed (ms since epoch): /readyz. */
  caughtUpAt = 0;

  constructor(
    private readonly source: EventSource,
    private readonly timers: Timers,
    private readonly opts: FollowerOptions,
  ) {}

  async start(): Promise<void> {
    const { maxId } = await this.source.eventBounds();
    this.lastId = this.ringFloor = this.target = maxId;
    this.caughtUpAt = Date.now();
    this.unsubscribeLocal = this.source.onCommitted?.((rows) => this.take(rows)) ?? null;
    this.unsubscribe = await this.source.onEvents((id) => this.signal(id));
    this.poll = this.timers.setInterval(() => {
      this.source.eventBounds().then(
        ({ maxId }) => this.signal(maxId),
        () => {},
      );
    }, this.opts.pollMs);
  }

  /** Stops listening; resolves once no read is under way. */
  async stop(): Promise<void> {
    if (this.poll !== null) this.timers.clearInterval(this.poll);
    this.poll = null;
    this.unsubscribeLocal?.();
    await this.unsubscribe?.();
    // A follow that ends may start another for a signal that came meanwhile.
    while (this.following) await this.following;
  }

  /** The id up to which the log has been read. */
  get position(): number {
    return this.lastId;
  }

  /** The largest id this process has heard committed (NOTIFY or poll), read or not. */
  get knownCommitted(): number {
    return this.target;
  }

  /** Every event read from now on, in id order and exactly once (see BatchListener). */
  onBatch(listener: BatchListener): () => void {
    this.listeners.push(listener);
    return () => void (this.listeners = this.listeners.filter((l) => l !== listener));
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
    if (this.lastId >= this.target) this.caughtUpAt = Date.now();
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

  /**
   * Events this process just committed: appended as if read, when they are exactly the next ids
   * and nothing else is under way; otherwise left to the read that their commit signal starts.
   */
  private take(rows: EventRow[]): void {
    if (this.reading || this.holding || rows[0]!.id !== this.lastId + 1) return;
    for (let i = 1; i < rows.length; i++) if (rows[i]!.id !== rows[0]!.id + i) return;
    this.lastId = rows[rows.length - 1]!.id;
    if (this.lastId > this.target) this.target = this.lastId;
    if (this.lastId >= this.target) this.caughtUpAt = Date.now();
    this.append(rows);
    this.tell(rows);
  }

  /** Reads and hands out pages up to the target; false if a read failed. */
  private async follow(): Promise<boolean> {
    let holds: Array<Promise<void>> = [];
    // This process's own commits hand their events over as they return: a signal that arrives
    // first (NOTIFY travels on another connection) need not read them.
    await this.source.localWritesSettled?.();
    while (this.lastId < this.target) {
      // The next page is read while listeners still work on earlier ones, but not endlessly ahead.
      if (holds.length) await Promise.all(holds);
      const upTo = this.target;
      let rows: EventRow[];
      this.reading = true;
      try {
        rows = await this.source.eventsAfter(this.lastId, upTo, PAGE_EVENTS);
      } catch (e) {
        this.readErrors++;
        this.lastError = e instanceof Error ? e.message : String(e);
        return false; // the poll signals again within pollMs
      } finally {
        this.reading = false;
      }
      // Ids skipped by rolled-back transactions never appear; once a page is short we are at upTo.
      this.lastId = rows.length < PAGE_EVENTS ? upTo : rows[rows.length - 1].id;
      this.append(rows);
      holds = rows.length ? this.tell(rows) : [];
    }
    this.caughtUpAt = Date.now();
    return true;
  }

  private tell(rows: EventRow[]): Array<Promise<void>> {
    const holds: Array<Promise<void>> = [];
    for (const l of this.listeners) {
      try {
        const hold = l(rows, this.lastId);
        if (hold) {
          this.holding++;
          holds.push(hold.catch(() => {}).finally(() => this.holding--));
        }
      } catch (e) {
        // A consumer's bug must not stop the stream for every client.
        this.lastError = e instanceof Error ? e.message : String(e);
      }
    }
    return holds;
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
   * Whether a client that has every event up to `since` can be replayed from the log; false
   * means it gets `reset` instead (a gap too old to replay, or an id never issued).
   */
  async canResume(since: number): Promise<boolean> {
    if (since > this.lastId) {
      // Another process may have shown this client an id we have not read yet: catch up first.
      const { maxId } = await this.source.eventBounds();
      this.signal(maxId);
      while (this.following && since > this.lastId) await this.following;
      if (since > this.lastId) return false;
    }
    if (this.lastId - since > this.opts.maxReplayEvents) return false;
    if (since < this.ringFloor) {
      const { minId } = await this.source.eventBounds();
      if (since < minId - 1) return false;
    }
    return true;
  }

  /**
   * The rest of the log after `cursor` if it is a short tail of the ring, else null. Synchronous,
   * so a client sent it can go live in the same turn: no event slips between replay and live feed.
   */
  replayTail(cursor: number): EventRow[] | null {
    if (cursor < this.ringFloor) return null;
    const from = this.ringIndexAfter(cursor);
    return this.ring.length - from <= FINAL_STEP_EVENTS ? this.ring.slice(from) : null;
  }

  /** The next page of a replay after `cursor` (from the table, then the ring) and where it ends. */
  async replayPage(cursor: number): Promise<{ rows: EventRow[]; to: number }> {
    let rows: EventRow[];
    let to = cursor;
    if (cursor < this.ringFloor) {
      const upTo = this.ringFloor;
      rows = await this.source.eventsAfter(cursor, upTo, CATCH_UP_PAGE_EVENTS);
      if (rows.length < CATCH_UP_PAGE_EVENTS) to = upTo;
    } else {
      const from = this.ringIndexAfter(cursor);
      rows = this.ring.slice(from, from + CATCH_UP_PAGE_EVENTS);
    }
    if (rows.length) to = Math.max(to, rows[rows.length - 1].id);
    return { rows, to };
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
}
