import type { Connection } from '../connect';
import { eventBounds, eventsAfter, eventsOfReport } from '../queries/events';
import type { EventRow } from '../types';

/**
 * The event log: what the stream hub follows (its EventSource, api/stream/logFollower.ts) and a
 * report's history. Written only with the changes they record, by the other stores.
 */
export interface EventStore {
  eventsAfter(afterId: number, upToId: number, limit: number): Promise<EventRow[]>;
  eventBounds(): Promise<{ minId: number; maxId: number }>;
  /** The commit signal: `listener` hears the highest committed id; resolves to an unsubscribe. */
  onEvents(listener: (maxId: number) => void): Promise<() => Promise<void>>;
  eventsOfReport(reportId: number): Promise<EventRow[]>;
}

export function createEventStore(conn: Connection): EventStore {
  const { db } = conn;
  return {
    eventsAfter: (afterId, upToId, limit) => eventsAfter(db, afterId, upToId, limit),
    eventBounds: () => eventBounds(db),
    onEvents: (listener) => conn.onEvents(listener),
    eventsOfReport: (id) => eventsOfReport(db, id),
  };
}
