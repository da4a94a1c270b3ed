import type { PublicCountsMessage } from '../../../core/events';

/**
 * The public page's side of the public stream: it carries no event per report, only `public.counts`
 * for each 5-minute window once it is PUBLIC_DELAY_MIN old (api/stream/publicCounts.ts). The
 * public endpoints count exactly up to the newest such window, so the page never adds a window to
 * its figures: when a newer window arrives, it refetches the snapshot, which then ends where that
 * window ends. Nothing is counted twice, and nothing fresher than the delay is ever shown.
 */
export class PublicWindowFollower {
  latest: PublicCountsMessage | null = null;

  /** Takes a window; true if the snapshot should be refetched (a newer window than the last one seen). */
  onCounts(m: PublicCountsMessage): boolean {
    const previous = this.latest;
    if (previous && Date.parse(m.until) <= Date.parse(previous.until)) return false;
    this.latest = m;
    // The first window comes on connecting, just after the first snapshot, which already ends there
    // (or at most one window earlier, to be caught up by the next).
    return previous !== null;
  }
}

/** What the page says of one window: totals of the figures shown (withheld areas count as none). */
export function windowSummary(m: PublicCountsMessage) {
  const sum = (k: 'received' | 'resolved') => m.districts.reduce((s, d) => s + (d[k] ?? 0), 0);
  return {
    since: m.since,
    until: m.until,
    received: sum('received'),
    resolved: sum('resolved'),
    /** Busiest districts shown in the window, most reports first. */
    top: m.districts
      .filter((d) => d.received !== null)
      .sort((a, b) => (b.received ?? 0) - (a.received ?? 0) || a.code.localeCompare(b.code))
      .slice(0, 5),
  };
}
