import type { StreamEvent } from './liveFeed';
import type { DeskModel } from './model';

/**
 * Events kept for replay on top of a snapshot that lands after them. A snapshot takes a few
 * seconds; at 50 events/s that is a few hundred events, so this bound is never the limit in use.
 */
export const RECENT_EVENTS_MAX = 5_000;

/** What the applier needs of the stream: to start it, or take it back to an older id. */
export interface FeedControl {
  readonly started: boolean;
  start(afterId: number): void;
  rewindTo(id: number): void;
}

/**
 * Applies the stream's events to the model, and joins each snapshot (or part) to the stream: the
 * stream resumes from the snapshot's oldest part, events it has already delivered are replayed
 * from a buffer, and the model applies an event to a part only if it is newer than that part's
 * `asOfEventId` (DeskModel.applyEvent), so nothing is lost or counted twice.
 */
export class LiveApplier {
  /** The events the stream delivered, in order, with none missing after `complete`. */
  private recent: StreamEvent[] = [];
  private complete = 0;

  constructor(
    private readonly model: DeskModel,
    private readonly feed: FeedControl,
    private readonly now: () => number,
  ) {}

  /**
   * Applies `events`; true when one of them cannot be applied to the model and only a new
   * snapshot shows it: an import's batch names a range of reports, not each report.
   */
  onEvents(events: readonly StreamEvent[]): boolean {
    const now = this.now();
    let needsSnapshot = false;
    for (const e of events) {
      if (e.type === 'reports.imported') needsSnapshot = true;
      this.model.applyEvent(e, now);
      // A rewound stream brings events the buffer holds already.
      if (e.id > (this.recent.at(-1)?.id ?? this.complete)) this.recent.push(e);
    }
    const over = this.recent.length - RECENT_EVENTS_MAX;
    if (over > 0) this.complete = this.recent.splice(0, over).at(-1)!.id;
    return needsSnapshot;
  }

  /** The stream skipped to `lastId` (the server could not replay the gap): the buffer starts again there. */
  onReset(lastId: number): void {
    this.recent = [];
    this.complete = lastId;
  }

  /** After a whole snapshot: the stream starts from its oldest part, or the parts catch up with it. */
  joinSnapshot(): void {
    if (!this.feed.started) {
      this.recent = [];
      this.complete = this.model.oldestAsOf;
      this.feed.start(this.complete);
      return;
    }
    this.joinPart();
  }

  /**
   * After a part was replaced (the hexes at another zoom): replay to it the events it misses that
   * the stream has delivered; if the buffer does not reach back that far, the stream goes back.
   * Before the stream has started, the first whole snapshot will start it.
   */
  joinPart(): void {
    if (!this.feed.started) return;
    const from = this.model.oldestAsOf;
    if (from < this.complete) {
      this.recent = [];
      this.complete = from;
      this.feed.rewindTo(from);
      return;
    }
    const now = this.now();
    for (const e of this.recent) if (e.id > from) this.model.applyEvent(e, now);
  }
}
