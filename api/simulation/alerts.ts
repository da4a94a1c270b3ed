import type { AlertFields } from '../../db/stores/alerts';
import {
  DEMO_ALERTS_PER_DAY,
  DEMO_NEWS_PER_DAY,
  createAlertMaker,
  createRng,
  type Rng,
  type SimAlert,
} from '../../seeds/simulator';
import { type PlaceContext, touchedAreas } from '../alerts/place';
import type { AppDeps } from '../context';
import { describeError } from '../errorLog';

/** Alerts come a few an hour at most: a draw a minute is fine-grained enough. */
const TICK_MS = 60_000;
const DAY_MS = 86_400_000;
/** Draws tried for the opening pair (one drawn, one over an area) before giving up on the other. */
const OPENING_TRIES = 50;

/**
 * The demo's alerts and news, published through the store as an operator's are (each with its
 * event, so every page hears it); no actor: the simulator is nobody. They expire by themselves
 * through the runtime's sweeper, as every alert does.
 */
export class AlertSimulation {
  private timer: NodeJS.Timeout | null = null;
  private lastTickMs = 0;
  private busy = false;
  private readonly rng: Rng;
  private readonly make;
  private readonly ctx: PlaceContext;
  counters = { alerts: 0, news: 0 };

  constructor(
    private readonly deps: Pick<AppDeps, 'store' | 'pack' | 'intake' | 'now'>,
    seed = Date.now(),
  ) {
    this.rng = createRng(`alerts-${seed}`);
    this.make = createAlertMaker(deps.pack);
    this.ctx = { pack: deps.pack, districts: deps.intake.districts, communes: deps.intake.communes };
  }

  async start(): Promise<void> {
    const now = this.deps.now();
    const inForce = await this.deps.store.alerts.list({ inForceAt: now, limit: 1 });
    if (inForce.value.length === 0) {
      // One drawn and one over an area, whatever the draw says: the demo shows both at once.
      let drawn = false;
      let area = false;
      for (let tries = 0; tries < OPENING_TRIES && !(drawn && area); tries++) {
        const a = this.make.alert(now, this.rng);
        if (a.place.geometry ? drawn : area) continue;
        await this.publish(a);
        if (a.place.geometry) drawn = true;
        else area = true;
      }
    }
    const news = await this.deps.store.news.list({ publishedOnly: true, limit: 1 });
    if (news.value.length === 0) await this.publishNews(now);
    this.lastTickMs = now.getTime();
    this.timer = setInterval(() => void this.tick(), TICK_MS);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    while (this.busy) await new Promise((r) => setTimeout(r, 20));
  }

  /** Publishes one drawn alert (tests; the opening). */
  async publish(a: SimAlert) {
    const fields: AlertFields = {
      kind: a.kind,
      severity: a.severity,
      titleVi: a.titleVi,
      titleEn: a.titleEn,
      bodyVi: a.bodyVi,
      bodyEn: a.bodyEn,
      ...a.place,
      areaCodes: touchedAreas(a.place, this.ctx),
      startsAt: a.startsAt,
      expiresAt: a.expiresAt,
    };
    const { alert } = await this.deps.store.alerts.publish(fields, null, a.startsAt);
    this.counters.alerts++;
    return alert;
  }

  private async publishNews(at: Date) {
    await this.deps.store.news.publish(this.make.news(this.rng), null, at);
    this.counters.news++;
  }

  private async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const now = this.deps.now();
      const days = (now.getTime() - this.lastTickMs) / DAY_MS;
      this.lastTickMs = now.getTime();
      if (this.rng.chance(Math.min(1, DEMO_ALERTS_PER_DAY * days))) await this.publish(this.make.alert(now, this.rng));
      if (this.rng.chance(Math.min(1, DEMO_NEWS_PER_DAY * days))) await this.publishNews(now);
    } catch (e) {
      console.error('citydesk alert simulator:', describeError(e));
    } finally {
      this.busy = false;
    }
  }
}
