import type { DesiredFlag, FlagRow } from '../../db/store';
import type { AreaFlag } from './areaFlags';
import { type CellAreas, HotspotModel, type HotspotModelOptions } from './hotspotModel';
import { localDayEnds } from './localDays';
import type { ReportMirror } from './reportMirror';
import { describeError } from '../errorLog';

export interface HotspotServiceOptions extends HotspotModelOptions {
  /** Flags are re-derived at most this often after a change (the model itself is always current). */
  flagDebounceMs: number;
  /** Full rebuild from the report columns this often, as a guard against drift; and on a new day. */
  resyncMs: number;
  /** How often to look for a new local day (and a due resync). */
  tickMs: number;
}

export const DEFAULT_SERVICE_OPTIONS = { flagDebounceMs: 2_000, resyncMs: 10 * 60_000, tickMs: 60_000 };

export interface FlagStore {
  hotspotFlags(): Promise<FlagRow[]>;
  syncHotspotFlags(
    desired: DesiredFlag[],
    asOfEventId: number,
    at: Date,
    parents: ReadonlyMap<string, string | null>,
  ): Promise<{ flags: FlagRow[] }>;
}

export interface AreaInfo {
  code: string;
  level: 'district' | 'commune';
  parentCode: string | null;
}

/**
 * The hotspot model of this API process, fed by the report mirror's changes, and the one writer of
 * its flags: after a change it re-derives the flags (debounced) and, when the set of flagged areas
 * or their evidence changed, stores them through the outbox so `hotspot.flagged` / `.cleared`
 * reach the stream once, whichever process saw the change first.
 */
export class HotspotService {
  readonly model: HotspotModel;
  private readonly opts: HotspotServiceOptions;
  private timer: NodeJS.Timeout | null = null;
  private ticker: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private unsubscribe: (() => void) | null = null;
  private lastSignature: string | null = null;
  private lastRebuildMs = 0;
  private readonly parents: Map<string, string | null>;
  lastError: string | null = null;

  constructor(
    private readonly mirror: ReportMirror,
    private readonly store: FlagStore,
    areas: AreaInfo[],
    studyCells: readonly string[],
    cellAreas: CellAreas,
    private readonly timezone: string,
    private readonly now: () => Date,
    opts: Partial<HotspotServiceOptions> = {},
  ) {
    this.opts = { ...DEFAULT_SERVICE_OPTIONS, ...opts } as HotspotServiceOptions;
    this.model = new HotspotModel(mirror.cols, studyCells, cellAreas, areas, opts);
    this.parents = new Map(areas.map((a) => [a.code, a.parentCode]));
  }

  /** Builds the model from the (loaded) mirror, follows its changes, and derives the first flags. */
  async start(): Promise<void> {
    // Build and subscribe in one synchronous step, so no change can fall between them.
    this.rebuild();
    this.unsubscribe = this.mirror.cols.onChange((_pos, before, after) => {
      this.model.apply(before, after);
      this.schedule();
    });
    this.ticker = setInterval(() => this.tick(), this.opts.tickMs);
    await this.settle();
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    if (this.ticker) clearInterval(this.ticker);
    this.timer = this.ticker = null;
    await this.running;
  }

  /** Runs a pending re-derivation now and waits for it (GET /api/hotspots, tests). */
  settle(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    return this.enqueue();
  }

  private schedule() {
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.enqueue();
    }, this.opts.flagDebounceMs);
  }

  private tick() {
    const { day } = localDayEnds(this.now().getTime(), 1, this.timezone);
    if (day !== this.model.builtForDay || Date.now() - this.lastRebuildMs >= this.opts.resyncMs) {
      this.rebuild();
      this.schedule();
    }
  }

  private rebuild() {
    const { ends, day } = localDayEnds(this.now().getTime(), this.model.opts.days, this.timezone);
    this.model.rebuild(ends, day);
    this.lastRebuildMs = Date.now();
  }

  private enqueue(): Promise<void> {
    this.running = this.running
      .then(() => this.derive())
      .catch((e) => {
        // Its kind, not a failed query's values (api/errorLog.ts): lastError shows on /healthz too.
        this.lastError = describeError(e).split('\n')[0];
        console.error('citydesk: hotspot flags failed:', this.lastError);
      });
    return this.running;
  }

  private async derive(): Promise<void> {
    const flags = this.model.flags();
    const signature = signatureOf(flags);
    // z and p move with every report; the stored flags change only when the evidence does.
    if (signature === this.lastSignature) return;
    await this.store.syncHotspotFlags(
      flags.map((f) => ({ code: f.code, level: f.level, reasons: f.reasons, trend: f.trend })),
      this.mirror.appliedEventId,
      this.now(),
      this.parents,
    );
    this.lastSignature = signature;
  }
}

/** Which areas, by which tests, on which cells: what a flag says, without the numbers. */
function signatureOf(flags: AreaFlag[]): string {
  return JSON.stringify(
    flags.map((f) => [
      f.code,
      f.reasons.map((r) => (r.test === 'hot-cell' ? [r.test, r.cells.map((c) => c.cell)] : [r.test])),
      f.trend?.pattern ?? null,
    ]),
  );
}
