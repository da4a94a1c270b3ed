import type { EventRow } from './types';

/**
 * Events this process has just committed, as the log would return them, told to in-process
 * listeners as the commit returns. The stream hub's follower appends them without reading them
 * back (api/stream/logFollower.ts): under ingest load that read was one more query per batch, and
 * its rows parsed again, for events the process already had. Other processes' events still come
 * through the commit signal and a read: this only ever spares work, it never replaces the log.
 */
export class CommittedEvents {
  private listeners = new Set<(rows: EventRow[]) => void>();
  private inFlight = new Set<Promise<unknown>>();

  listen(listener: (rows: EventRow[]) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** After commit only, rows in id order. */
  tell(rows: EventRow[]): void {
    if (rows.length === 0) return;
    for (const l of this.listeners) {
      try {
        l(rows);
      } catch {
        // A listener's failure must not fail a write that has committed: the log has the rows.
      }
    }
  }

  /** A write that will `tell` its events (or fail) before `write` settles. */
  track<T>(write: Promise<T>): Promise<T> {
    this.inFlight.add(write);
    const done = () => void this.inFlight.delete(write);
    write.then(done, done);
    return write;
  }

  /**
   * Resolves once the writes under way now have settled, so their events have been told: a
   * commit signal may arrive before the commit's own answer, and reading then would fetch rows
   * about to be handed over anyway.
   */
  async settled(): Promise<void> {
    if (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }
}
