import { cityClock } from '../../core/cityClock';
import { INITIATIVE_STATUSES } from '../../core/initiatives';
import {
  composeInitiative,
  contentOf,
  createPlaceSampler,
  createRng,
  IHANOI_SHARE,
  type InitiativeState,
  type InitiativeStep,
  intensityPerHour,
  planInitiative,
  type Rng,
} from '../../seeds/simulator';
import type { AppDeps } from '../context';
import { AppError } from '../errors';
import { checkSupportable, decideMove, decidePublish } from '../initiatives/decisions';
import { cachedIdentityKey, identityHash } from '../initiatives/identity';
import { buildNewInitiative } from '../initiatives/intake';
import type { NewInitiativeBody } from '../initiatives/schemas';
import { DEMO_LIVE_REPORTS_PER_DAY, type LiveRate } from './live';

/** A week of initiatives on a first run, 8 a day: fewer than reports, as in iHanoi, and quick to write (one transaction per step). */
const HISTORY_DAYS = 7;
const HISTORY_PER_DAY = 8;
/** Ideas are iHanoi's third group: 8 for every 92 reports, at the live demo's pace. */
const LIVE_SHARE_OF_REPORTS = IHANOI_SHARE.initiative / (IHANOI_SHARE.field + IHANOI_SHARE.procedure);
const TICK_MS = 1_000;
/** Open initiatives taken back into the plan on a restart. */
const MAX_REPLANNED = 2_000;
const DAY_MS = 86_400_000;

interface Planned {
  atMs: number;
  initiativeId: number;
  step: InitiativeStep;
}

/**
 * Citizens propose and support ideas and the city answers them, through the same store paths and
 * rules (api/initiatives/decisions.ts) as the API's callers: a week of history on a first run,
 * then live. The city's moves carry no actor (the system's own, as the report simulator's).
 */
export class InitiativeSimulation {
  private readonly rng: Rng;
  private readonly places;
  private readonly identityKey;
  private plans: Planned[] = [];
  private timer: NodeJS.Timeout | null = null;
  private lastTickMs = 0;
  private busy = false;
  counters = { submitted: 0, steps: 0, skipped: 0 };

  constructor(
    private readonly deps: AppDeps,
    private readonly rate: LiveRate,
    seed = Date.now(),
  ) {
    this.rng = createRng(seed);
    this.places = createPlaceSampler(deps.pack);
    this.identityKey = cachedIdentityKey(deps.store.initiatives);
  }

  /** History on an empty database, else the open initiatives' next steps; then ticks. */
  async start(): Promise<void> {
    const now = this.deps.now();
    const { value } = await this.deps.store.initiatives.list({}, { limit: 1 });
    if (value.items.length === 0) await this.backfill(now);
    else await this.replan(now);
    this.lastTickMs = now.getTime();
    this.timer = setInterval(() => void this.tick(), TICK_MS);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    while (this.busy) await new Promise((r) => setTimeout(r, 20));
  }

  /** A week of ideas, each with the steps of its life that fell before `now`, applied in time order. */
  async backfill(now: Date): Promise<number> {
    const from = now.getTime() - HISTORY_DAYS * DAY_MS;
    const n = Math.round(HISTORY_DAYS * HISTORY_PER_DAY);
    const times = Array.from({ length: n }, () => from + this.rng.uniform(0, HISTORY_DAYS * DAY_MS)).sort(
      (a, b) => a - b,
    );
    for (const t of times) await this.submit(new Date(t));
    await this.applyDue(now.getTime());
    return n;
  }

  private async replan(now: Date): Promise<void> {
    const open = INITIATIVE_STATUSES.filter((s) => s === 'submitted' || s === 'under_review' || s === 'accepted');
    const { value } = await this.deps.store.initiatives.list({ status: open }, { limit: MAX_REPLANNED });
    for (const r of value.items) {
      const state = { status: r.status, published: r.publishedAt !== null } as InitiativeState;
      this.plan(r.id, planInitiative(state, now, this.rng));
    }
  }

  private perSecond(at: Date): number {
    if (this.rate.mode === 'rate') return this.rate.perSecond * LIVE_SHARE_OF_REPORTS;
    const perDay = DEMO_LIVE_REPORTS_PER_DAY * LIVE_SHARE_OF_REPORTS;
    return intensityPerHour(at, perDay, cityClock(this.deps.pack.timezone)) / 3_600;
  }

  private async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const now = this.deps.now();
      const dt = (now.getTime() - this.lastTickMs) / 1_000;
      this.lastTickMs = now.getTime();
      // Rare enough that one Bernoulli draw per tick is a fine Poisson.
      if (this.rng.chance(Math.min(1, this.perSecond(now) * dt))) await this.submit(now);
      await this.applyDue(now.getTime());
    } catch (e) {
      console.error('citydesk initiative simulator:', e instanceof Error ? e.message : e);
    } finally {
      this.busy = false;
    }
  }

  private async submit(at: Date): Promise<void> {
    const place = this.places.sample('initiative', this.rng);
    const idea = composeInitiative(place, this.rng, contentOf(this.deps.pack));
    const body: NewInitiativeBody = { title: idea.title, text: idea.text, topic: idea.topic, ...idea.place };
    try {
      const item = buildNewInitiative(body, this.deps.intake, this.deps.pack, at, 'simulator', null);
      const { row } = await this.deps.store.initiatives.submit(item);
      this.counters.submitted++;
      this.plan(row.id, planInitiative({ status: 'submitted', published: false }, at, this.rng));
    } catch (e) {
      // A point on a commune's edge that no area covers: skipped, as the API would refuse it.
      if (!(e instanceof AppError)) throw e;
      this.counters.skipped++;
    }
  }

  private plan(initiativeId: number, steps: InitiativeStep[]): void {
    for (const step of steps) this.plans.push({ atMs: step.at.getTime(), initiativeId, step });
    this.plans.sort((a, b) => a.atMs - b.atMs);
  }

  private async applyDue(nowMs: number): Promise<void> {
    let due = 0;
    while (due < this.plans.length && this.plans[due]!.atMs <= nowMs) due++;
    const ready = this.plans.splice(0, due);
    for (const p of ready) await this.apply(p);
  }

  private async apply({ initiativeId: id, step }: Planned): Promise<void> {
    const store = this.deps.store.initiatives;
    try {
      if (step.kind === 'move') await store.move(id, decideMove(step.to, step.answer, step.at), null);
      else if (step.kind === 'publish') await store.publish(id, decidePublish(step.at), null);
      else
        await store.support(
          id,
          identityHash({ phone: step.phone }, await this.identityKey()),
          step.at,
          checkSupportable(String(id)),
        );
      this.counters.steps++;
    } catch (e) {
      // An operator got there first (it moved on, or closed): the rest of this plan no longer applies.
      if (!(e instanceof AppError)) throw e;
      this.counters.skipped++;
    }
  }
}
