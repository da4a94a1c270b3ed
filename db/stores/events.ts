import type { Connection } from '../connect';
import { type HistoryRow, eventBounds, eventsAfter, eventsOfReport, historyOfReport } from '../queries/events';
import type { EventRow } from '../types';

export type { HistoryRow } from '../queries/events';

/**
 * The event log: what the stream hub follows (its EventSource, api/stream/logFollower.ts) and a
 * report's history. Written only with the changes they record, by the other stores.
 */
export interface EventStore {
  eventsAfter(afterId: number, upToId: number, limit: number): Promise<EventRow[]>;
  eventBounds(): Promise<{ minId: number; maxId: number }>;
  /** The commit signal: `listener` hears the highest committed id; resolves to an unsubscribe. */
  onEvents(listener: (maxId: number) => void): Promise<() => Promise<void>>;
  /** Events this process committed, as the log holds them: its follower need not read them back. */
  onCommitted(listener: (rows: EventRow[]) => void): () => void;
  /** Resolves once this process's event writes under way have told their events. */
  localWritesSettled(): Promise<void>;
  eventsOfReport(reportId: number): Promise<EventRow[]>;
  /** The same events with the name of the staff member behind each (GET /api/reports/:id). */
  historyOfReport(reportId: number): Promise<HistoryRow[]>;
}

export function createEventStore(conn: Connection): EventStore {
  const { db } = conn;
  return {
    eventsAfter: (afterId, upToId, limit) => eventsAfter(db, afterId, upToId, limit),
    eventBounds: () => eventBounds(db),
    onEvents: (listener) => conn.onEvents(listener),
    onCommitted: (listener) => conn.committed.listen(listener),
    localWritesSettled: () => conn.committed.settled(),
    eventsOfReport: (id) => eventsOfReport(db, id),
    historyOfReport: (id) => historyOfReport(db, id),
  };
}
