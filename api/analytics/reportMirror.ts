import type { AnalyticsRow } from '../../db/queries/analyticsRows';
import type { EventPayloads } from '../../core/events';
import type { EventRow } from '../../db/types';
import { ReportColumns } from './reportColumns';

/** What the mirror reads: pages of narrow report rows, rows by id, and where the log ends. */
export interface MirrorSource {
  analyticsPage(afterId: number, limit: number): Promise<AnalyticsRow[]>;
  analyticsRowsByIds(ids: number[]): Promise<AnalyticsRow[]>;
  eventBounds(): Promise<{ minId: number; maxId: number }>;
}

/** The event log as the stream hub's follower reads it (api/stream/logFollower.ts): this mirror is one of its listeners. */
export interface EventFeed {
  onBatch(listener: (rows: EventRow[]) => void): () => void;
  catchUp(id: number): Promise<void>;
  readonly position: number;
}

export interface MirrorOptions {
  /** Changed reports are re-read at most this often (a KPI request re-reads at once). */
  refreshMs: number;
  /** Rows per query of the initial load. */
  pageRows: number;
}

const DEFAULT_OPTIONS: MirrorOptions = { refreshMs: 250, pageRows: 50_000 };
/** Ids per `where id in (…)`, far below Postgres's 65,535 parameters. */
const IDS_PER_QUERY = 2_000;

/**
 * Every report's analytic columns in this process's memory, kept current from the event log:
 * each event names a report, and the mirror re-reads the rows of the reports a batch named
 * (debounced). Re-reading the row, rather than replaying what the event says, keeps the lifecycle
 * rules in one place (api/domain/lifecycle.ts). Each API process holds its own mirror.
 */
export class ReportMirror {
  readonly cols = new ReportColumns();
  private pending = new Set<number>();
  /** Id ranges [first, last] of imported batches to re-read. */
  private pendingRanges: Array<[number, number]> = [];
  private seenEventId = 0;
  /** Every event up to this id is reflected in the columns. */
  appliedEventId = 0;
  private loaded = false;
  private timer: NodeJS.Timeout | null = null;
  private tail: Promise<void> = Promise.resolve();
  private unsubscribe: (() => void) | null = null;
  private readonly opts: MirrorOptions;
  lastError: string | null = null;

  constructor(
    private readonly source: MirrorSource,
    private readonly feed: EventFeed,
    opts: Partial<MirrorOptions> = {},
  ) {
    this.opts = { ...DEFAULT_OPTIONS, ...opts };
  }

  get ready(): boolean {
    return this.loaded;
  }

  /** Subscribes first, then loads: a report changed during the load is re-read afterwards. */
  async start(): Promise<void> {
    this.unsubscribe = this.feed.onBatch((rows) => this.note(rows));
    const from = this.feed.position;
    let after = 0;
    for (;;) {
      const page = await this.source.analyticsPage(after, this.opts.pageRows);
      for (const row of page) this.cols.upsert(row);
      if (page.length < this.opts.pageRows) break;
      after = page[page.length - 1]!.id;
    }
    this.appliedEventId = Math.max(this.appliedEventId, from);
    this.loaded = true;
    await this.flush();
  }

  stop(): Promise<void> {
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    return this.tail;
  }

  /** Read-your-writes: everything committed before this call is in the columns when it resolves. */
  async sync(): Promise<void> {
    const { maxId } = await this.source.eventBounds();
    await this.feed.catchUp(maxId);
    await this.flush();
  }

  private note(rows: EventRow[]) {
    for (const e of rows) {
      if (e.reportId !== null) this.pending.add(e.reportId);
      // An import names no report: its batch's id range is re-read whole (one event per batch).
      else if (e.type === 'reports.imported') {
        const { firstId, lastId } = e.payload as EventPayloads['reports.imported'];
        this.pendingRanges.push([firstId, lastId]);
      }
    }
    this.seenEventId = Math.max(this.seenEventId, rows[rows.length - 1]!.id);
    if (this.loaded && !this.timer)
      this.timer = setTimeout(() => void this.flush().catch(() => {}), this.opts.refreshMs);
  }

  /** Reads the reports with ids in [first, last] page by page (the start's pages, bounded). */
  private async loadRange(first: number, last: number): Promise<void> {
    let after = first - 1;
    while (after < last) {
      const page = await this.source.analyticsPage(after, this.opts.pageRows);
      for (const row of page) if (row.id <= last) this.cols.upsert(row);
      if (page.length < this.opts.pageRows) break;
      after = page[page.length - 1]!.id;
    }
  }

  /** Re-reads the reports named since the last flush; flushes run one at a time. */
  flush(): Promise<void> {
    const run = this.tail.then(() => this.apply());
    this.tail = run.catch(() => {});
    return run;
  }

  private async apply(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.loaded) return;
    const upTo = this.seenEventId;
    const ids = [...this.pending];
    this.pending.clear();
    const ranges = this.pendingRanges;
    this.pendingRanges = [];
    try {
      for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
        for (const row of await this.source.analyticsRowsByIds(ids.slice(i, i + IDS_PER_QUERY))) this.cols.upsert(row);
      }
      for (const [first, last] of ranges) await this.loadRange(first, last);
    } catch (e) {
      // Keep them for the next flush: the rows are still there to read.
      for (const id of ids) this.pending.add(id);
      this.pendingRanges.push(...ranges);
      this.lastError = e instanceof Error ? e.message : String(e);
      throw e;
    }
    this.appliedEventId = Math.max(this.appliedEventId, upTo);
  }
}
