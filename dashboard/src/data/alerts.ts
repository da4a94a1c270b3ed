import { type AlertSummary, isInForce, mostSevere, type NewsSummary, severityRank } from '../../../core/alerts';
import type { StreamEvent } from './liveFeed';

/**
 * Alerts and news as a page keeps them: a snapshot from the API joined to the stream's alert and
 * news events (each carries the alert or item as it is after the change), so a publication, an
 * edit, a withdrawal or an expiry shows without a refetch. The join rule is the desk's: an event
 * changes a list only if it is newer than the list's `asOfEventId`; events that arrive before the
 * first snapshot are held and replayed on it. Plain data, tested without a browser.
 */
/** How far ahead of this screen's clock the server's may be for an alert starting "now" to show at once. */
const START_SKEW_MS = 60_000;

/** Events kept to replay on a snapshot that lands after them; alerts change a few times an hour. */
const RECENT_MAX = 500;

export class JoinedList<T extends { id: number }> {
  readonly items = new Map<number, T>();
  private asOf: number | null = null;
  /** The events seen, newest last: replayed on a snapshot older than some of them (or the first). */
  private recent: Array<{ id: number; item: T }> = [];

  get loaded(): boolean {
    return this.asOf !== null;
  }

  loadSnapshot(items: readonly T[], asOfEventId: number): void {
    this.items.clear();
    for (const item of items) this.items.set(item.id, item);
    this.asOf = asOfEventId;
    for (const r of this.recent) if (r.id > this.asOf) this.put(r.id, r.item);
  }

  /** One event's item, by the event's id; false when the list had seen it (or has no snapshot yet). */
  apply(eventId: number, item: T): boolean {
    if (!this.recent.some((r) => r.id === eventId)) {
      this.recent.push({ id: eventId, item });
      if (this.recent.length > RECENT_MAX) this.recent.shift();
    }
    if (this.asOf === null || eventId <= this.asOf) return false;
    this.put(eventId, item);
    return true;
  }

  private put(eventId: number, item: T) {
    this.asOf = eventId;
    this.items.set(item.id, item);
  }

  list(): T[] {
    return [...this.items.values()];
  }
}

export class AlertBoard {
  readonly alerts = new JoinedList<AlertSummary>();
  readonly news = new JoinedList<NewsSummary>();

  /** Applies the alert and news events of a batch; true when either list changed. */
  onEvents(events: readonly StreamEvent[]): boolean {
    let changed = false;
    for (const e of events) {
      if ('alert' in e && e.type.startsWith('alert.')) changed = this.alerts.apply(e.id, e.alert) || changed;
      else if ('news' in e && e.type.startsWith('news.')) changed = this.news.apply(e.id, e.news) || changed;
    }
    return changed;
  }

  /**
   * In force now, most severe first, then newest. One the server started "now" by a clock a little
   * ahead of this screen's counts as started (START_SKEW_MS); its expiry is kept exactly.
   */
  inForce(nowMs: number): AlertSummary[] {
    return sortBySeverity(
      this.alerts
        .list()
        .filter((a) => isInForce(a, nowMs) || (isInForce(a, nowMs + START_SKEW_MS) && Date.parse(a.startsAt) > nowMs)),
    );
  }

  /** Not withdrawn or expired, including those yet to start (the staff panel's list). */
  active(nowMs: number): AlertSummary[] {
    return sortBySeverity(this.alerts.list().filter((a) => a.status === 'active' && Date.parse(a.expiresAt) > nowMs));
  }

  /** The wall's banner. */
  banner(nowMs: number): AlertSummary | null {
    return mostSevere(this.inForce(nowMs));
  }

  /** Published news, newest first. */
  publishedNews(): NewsSummary[] {
    return this.news
      .list()
      .filter((n) => n.status === 'published')
      .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt) || b.id - a.id);
  }
}

function sortBySeverity(alerts: AlertSummary[]): AlertSummary[] {
  return alerts.sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) || b.publishedAt.localeCompare(a.publishedAt) || b.id - a.id,
  );
}
