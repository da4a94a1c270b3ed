import type { AreaFeature } from '../../core/cityPack';
import type { PublicCountsMessage } from '../../core/events';
import type { WindowCountRow } from '../../db/queries/publicWindowCounts';
import { encodePublicCounts, latestPublicWindow, PUBLIC_WINDOW_MIN, publicCounts } from './publicCounts';
import type { SseSink } from './sink';
import type { Timers } from './timers';

/**
 * How often to look whether a new window has become public. The window itself is 5 min; checking
 * every 10 s sends it at most 10 s late without depending on a timer firing on the minute.
 */
export const PUBLIC_WINDOW_CHECK_MS = 10_000;
/** After a pause (a suspended laptop, a stalled database), at most this many missed windows are sent, oldest first. */
const MAX_CATCH_UP_WINDOWS = 12;

export interface PublicWindowsOptions {
  /** Raw counts of [since, until) (store.publicAggregates.windowCounts). */
  counts(since: Date, until: Date): Promise<WindowCountRow[]>;
  areas: readonly Pick<AreaFeature, 'code' | 'level' | 'parentCode'>[];
  delayMin: number;
  now: () => Date;
  timers: Timers;
  /** A sink whose unsent bytes pass this is dropped, as the hub drops its slow clients. */
  maxClientBufferBytes: number;
  windowMin?: number;
}

/**
 * The public stream's counts: each time a window has been closed for `delayMin`, reads its counts,
 * withholds the small ones (publicCounts) and writes one `public.counts` message to every public
 * client; a client that connects gets the newest window at once. Every API process runs its own,
 * reads the same rows and sends the same bytes, so a client may reconnect to any of them.
 */
export class PublicWindows {
  private sinks = new Set<SseSink>();
  private latest: PublicCountsMessage | null = null;
  private latestText = '';
  private timer: unknown = null;
  private running: Promise<void> | null = null;
  lastError: string | null = null;

  constructor(private readonly opts: PublicWindowsOptions) {}

  /** Reads the newest window, then checks for the next every PUBLIC_WINDOW_CHECK_MS. */
  async start(): Promise<void> {
    await this.tick();
    this.timer = this.opts.timers.setInterval(() => void this.tick(), PUBLIC_WINDOW_CHECK_MS);
  }

  async stop(): Promise<void> {
    if (this.timer !== null) this.opts.timers.clearInterval(this.timer);
    this.timer = null;
    await this.running;
    this.sinks.clear();
  }

  /** The newest window sent (what a connecting client gets first). */
  get current(): PublicCountsMessage | null {
    return this.latest;
  }

  /** A public client: the newest window now, each new one as it becomes public. */
  add(sink: SseSink): void {
    this.sinks.add(sink);
    sink.onClose(() => this.sinks.delete(sink));
    if (this.latestText) this.write(sink, this.latestText);
  }

  /** Sends every window that has become public since the last one sent; resolves when done. */
  tick(): Promise<void> {
    this.running ??= this.advance().finally(() => (this.running = null));
    return this.running;
  }

  private async advance(): Promise<void> {
    const windowMin = this.opts.windowMin ?? PUBLIC_WINDOW_MIN;
    const newest = latestPublicWindow(this.opts.now().getTime(), this.opts.delayMin, windowMin);
    const stepMs = windowMin * 60_000;
    // At start, the newest window only; after a pause, those missed since the last one sent.
    const from = this.latest ? Date.parse(this.latest.until) : newest.since.getTime();
    let since = Math.max(from, newest.since.getTime() - (MAX_CATCH_UP_WINDOWS - 1) * stepMs);
    for (; since < newest.until.getTime(); since += stepMs) {
      const span = { since: new Date(since), until: new Date(since + stepMs) };
      let rows: WindowCountRow[];
      try {
        rows = await this.opts.counts(span.since, span.until);
      } catch (e) {
        // Retried at the next check; clients see the gap close then.
        this.lastError = e instanceof Error ? e.message : String(e);
        return;
      }
      this.latest = publicCounts(rows, this.opts.areas, span, this.opts.delayMin, windowMin);
      this.latestText = encodePublicCounts(this.latest);
      for (const sink of this.sinks) this.write(sink, this.latestText);
    }
  }

  private write(sink: SseSink, text: string) {
    sink.write(text);
    if (sink.bufferedBytes() > this.opts.maxClientBufferBytes) {
      this.sinks.delete(sink);
      sink.destroy();
    }
  }
}
