import { cityClock } from '../../core/cityClock';
import { OPEN_STATUS_LIST } from '../../core/statuses';
import type { ReportRow } from '../../db/types';
import {
  type LifecycleState,
  type Rng,
  createReportMaker,
  createRng,
  intensityPerHour,
  planLifecycle,
} from '../../seeds/simulator';
import type { AppDeps } from '../context';
import { buildNewReport } from '../domain/intake';
import { decideTransition } from '../domain/lifecycle';
import { createWorkingClock } from '../domain/workingCalendar';
import { AppError } from '../errors';
import { ChatSimulation } from './chat';
import { type Planned, Timeline } from './timeline';

/**
 * The live demo runs faster than history (a report every ~6 s on average, on the same daily
 * shape) so that something visibly happens on a screen; `SIMULATE=600/day` gives the true rate.
 */
export const DEMO_LIVE_REPORTS_PER_DAY = 14_400;
/** How often arrivals are drawn and due transitions applied. */
const TICK_MS = 250;
/** Non-terminal reports taken back into the plan on start (newest first). */
const MAX_REPLANNED_REPORTS = 50_000;

export type LiveRate = { mode: 'on' } | { mode: 'rate'; perSecond: number };

/** Draws a Poisson count: Knuth for small means, a rounded normal above (rates up to thousands/s). */
function poisson(mean: number, rng: Rng): number {
  if (mean <= 0) return 0;
  if (mean > 30) return Math.max(0, Math.round(rng.normal(mean, Math.sqrt(mean))));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}

function stateOf(r: ReportRow): LifecycleState {
  return {
    status: r.status as LifecycleState['status'],
    severity: r.severity,
    createdAt: r.createdAt,
    acceptedAt: r.clockStartedAt ?? r.acceptedAt,
    statusSince: r.updatedAt,
    reopenedCount: r.reopenedCount,
  };
}

/** Citizens file reports and agencies work them, in real time, through the same paths as people. */
export class LiveSimulation {
  private timeline = new Timeline();
  private timer: NodeJS.Timeout | null = null;
  private lastTickMs = 0;
  private busy = false;
  private readonly rng: Rng;
  private readonly clock;
  private readonly make;
  /** Citizens writing on some reports, staff answering (Hanoi Chat); only where the pack has chat content. */
  private readonly chat: ChatSimulation | null;
  counters = { filed: 0, transitions: 0, skipped: 0, chatSteps: 0 };

  constructor(
    private readonly deps: AppDeps,
    private readonly rate: LiveRate,
    seed = Date.now(),
  ) {
    this.rng = createRng(seed);
    this.clock = createWorkingClock(deps.pack.calendar);
    this.make = createReportMaker({ pack: deps.pack, clock: this.clock, dueAt: deps.dueAt });
    // Its own stream of draws, so chats never shift the reports' and agencies' sequence.
    this.chat = deps.pack.simulator.extras.includes('chat')
      ? new ChatSimulation(deps, createRng(`chat:${seed}`))
      : null;
  }

  /** Plans what is left of every unfinished report, then starts ticking. */
  async start(): Promise<void> {
    const now = this.deps.now();
    const { items } = await this.deps.store.reports.list(
      // Open, and resolved: a citizen may still close or reopen it.
      { status: [...OPEN_STATUS_LIST, 'resolved'] },
      { limit: MAX_REPLANNED_REPORTS },
    );
    for (const r of items)
      this.plan(r.id, planLifecycle(stateOf(r), { now, clock: this.clock, dueAt: this.deps.dueAt }, this.rng));
    await this.chat?.start(now);
    this.lastTickMs = now.getTime();
    this.timer = setInterval(() => void this.tick(), TICK_MS);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    while (this.busy) await new Promise((r) => setTimeout(r, 20));
  }

  get planned(): number {
    return this.timeline.size;
  }

  private plan(reportId: number, steps: Array<{ action: Planned['action']; at: Date; rating?: number }>) {
    for (const s of steps) this.timeline.push({ atMs: s.at.getTime(), reportId, action: s.action, rating: s.rating });
  }

  private perSecond(at: Date): number {
    if (this.rate.mode === 'rate') return this.rate.perSecond;
    return intensityPerHour(at, DEMO_LIVE_REPORTS_PER_DAY, cityClock(this.deps.pack.timezone)) / 3_600;
  }

  private async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const now = this.deps.now();
      const dtSeconds = (now.getTime() - this.lastTickMs) / 1_000;
      this.lastTickMs = now.getTime();
      const arrivals = poisson(this.perSecond(now) * dtSeconds, this.rng);
      await Promise.all(Array.from({ length: arrivals }, () => this.file(now)));
      for (const p of this.timeline.popDue(now.getTime())) await this.apply(p, now);
      if (this.chat) this.counters.chatSteps += await this.chat.tick(now);
    } catch (e) {
      console.error('citydesk simulator:', e instanceof Error ? e.message : e);
    } finally {
      this.busy = false;
    }
  }

  private async file(now: Date) {
    const sim = this.make(now, this.rng);
    try {
      const row = await this.deps.batcher.submit(buildNewReport(sim.input, this.deps.intake, now, 'simulator'));
      this.counters.filed++;
      // Plans are timed from filing; a fast demo rate files faster, agencies keep human pace.
      this.plan(row.id, sim.pending);
      this.chat?.onFiled(row, now);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      this.counters.skipped++;
    }
  }

  private async apply(p: Planned, now: Date) {
    try {
      const done = await this.deps.store.reports.applyTransition(p.reportId, (current) =>
        decideTransition(current, { action: p.action, at: now, rating: p.rating }, this.deps.sla),
      );
      if (done) this.counters.transitions++;
    } catch (e) {
      // An operator got there first (the report moved on): the rest of this plan no longer applies.
      if (!(e instanceof AppError)) throw e;
      this.counters.skipped++;
    }
  }
}
