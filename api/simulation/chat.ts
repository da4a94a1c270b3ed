import type { ChatSide, ChatThreadRef } from '../../core/chat';
import type { ChatActor } from '../../db/stores/chat';
import type { ReportRow } from '../../db/types';
import { CHAT_SHARE, type ChatStepPlan, planChat, type Rng } from '../../seeds/simulator';
import { viewerOfUser } from '../auth/users';
import { inScope, scopeOf } from '../auth/viewer';
import { reportPlace, staffActor } from '../chat/caller';
import type { AppDeps } from '../context';

/** Conversations under way at once: a fast load rate (SIMULATE=2/s …) must not turn into a chat flood. */
const MAX_ACTIVE_CHATS = 200;
/** Recent open reports given a conversation when the demo starts, so the desk shows some at once. */
const CHATS_ON_START = 12;

interface Conversation {
  place: ReturnType<typeof reportPlace>;
  /** Who answers: a staff member whose scope holds the report (the agency or area chief first). */
  staff: ChatActor | null;
  thread: ChatThreadRef | null;
  lastId: Record<ChatSide, number>;
  steps: ChatStepPlan[];
}

/**
 * The demo's chats (seeds/simulator/chat.ts plans them): some citizens ask about their report,
 * a staff member in its scope reads and answers, the citizen reads. Written through the chat store
 * as the routes write, each with its event, so the desk's drawer and stream show them alive. Staff
 * messages need a real account as their actor; with none in scope the citizen's question waits
 * unanswered, as it would.
 */
export class ChatSimulation {
  private readonly active: Conversation[] = [];
  private staff: Array<{ actor: ChatActor; scope: ReturnType<typeof scopeOf>; cityWide: boolean }> = [];

  constructor(
    private readonly deps: AppDeps,
    private readonly rng: Rng,
  ) {}

  async start(now: Date): Promise<void> {
    const { store, pack } = this.deps;
    this.staff = (await store.users.list()).flatMap((u) => {
      const viewer = u.disabledAt ? null : viewerOfUser(u, 'session');
      if (!viewer) return [];
      return [
        {
          actor: staffActor(viewer),
          scope: scopeOf(viewer, pack),
          cityWide: u.role === 'admin' || u.role === 'operator',
        },
      ];
    });
    const { items } = await store.reports.list({ status: ['received', 'accepted', 'in_progress'] }, { limit: 50 });
    for (const r of items) {
      if (this.active.length >= CHATS_ON_START) break;
      if (this.rng.chance(0.3)) this.begin(r, now);
    }
  }

  /** A report just filed: its citizen may write on it. */
  onFiled(report: ReportRow, now: Date): void {
    if (this.active.length < MAX_ACTIVE_CHATS && this.rng.chance(CHAT_SHARE)) this.begin(report, now);
  }

  private begin(report: ReportRow, from: Date) {
    const place = reportPlace(report);
    const inIt = this.staff.filter((s) => inScope(s.scope, place));
    // The handling side answers: the agency or the area's chief before the operations centre.
    const near = inIt.filter((s) => !s.cityWide);
    const pool = near.length ? near : inIt;
    const staff = pool.length ? this.rng.pick(pool).actor : null;
    const steps = planChat(this.rng, from, staff !== null);
    this.active.push({ place, staff, thread: null, lastId: { citizen: 0, staff: 0 }, steps });
  }

  /** Carries out every step due by `now`; a conversation with none left is done. */
  async tick(now: Date): Promise<number> {
    let done = 0;
    for (const c of [...this.active]) {
      while (c.steps.length && c.steps[0]!.at.getTime() <= now.getTime()) {
        const step = c.steps.shift()!;
        await this.apply(c, step, now);
        done++;
      }
      if (!c.steps.length) this.active.splice(this.active.indexOf(c), 1);
    }
    return done;
  }

  private async apply(c: Conversation, step: ChatStepPlan, now: Date) {
    const { chat } = this.deps.store;
    const actor = step.side === 'staff' ? c.staff : null;
    if (step.kind === 'message') {
      const posted = await chat.postOnReport(c.place, { side: step.side, actor, text: step.text, images: [], at: now });
      c.thread = posted.thread;
      c.lastId[step.side] = posted.message.id;
      return;
    }
    const other: ChatSide = step.side === 'staff' ? 'citizen' : 'staff';
    if (c.thread && c.lastId[other]) await chat.markRead(c.thread, step.side, c.lastId[other], actor, now);
  }

  get conversations(): number {
    return this.active.length;
  }
}
