/**
 * How an agency and a citizen move a report through its lifecycle, as a plan of future
 * transitions. Pure: the working-hours clock and the due-date rule are injected, so the same
 * plan logic serves the history generator, the live demo and the tests without importing api/.
 *
 * Delays of agency actions are counted in working hours (offices act in office time, so the
 * timestamps land inside 8:00–12:00 / 13:30–17:30 on working days); citizen actions (rating,
 * reopening) are counted in wall-clock hours. Service times are log-normal: most reports are
 * quick, a long right tail is slow — the shape observed in public-service queues.
 *
 * Calibration target (a 30-day history viewed at its end, iHanoi's published mix): about
 * 70–83% handled, 5–29% still open, ~6% rejected, 1–2% overdue. See history.test.ts.
 */
import { type Action, statusAfter, TRANSITIONS } from '../../core/lifecycle';
import type { ReportStatus } from '../../core/statuses';
import type { Severity } from '../../core/cityPack';
import type { Rng } from './random';

export type { ReportStatus };

/** The moves an agency or a citizen makes here; their legality comes from core's table. */
export type LifecycleAction = Extract<Action, 'accept' | 'start' | 'resolve' | 'close' | 'reject' | 'reopen'>;

export type Rating = 1 | 2 | 3 | 4 | 5;

export interface PlannedTransition {
  action: LifecycleAction;
  at: Date;
  /** Citizen satisfaction, only on a `close` the citizen rated (an auto-close carries none). */
  rating?: Rating;
}

/** Status after `action`, or null when core's transition table forbids it from `status`. */
export const nextStatus = (status: ReportStatus, action: LifecycleAction): ReportStatus | null =>
  statusAfter(status, action);

/**
 * What a due-date rule needs to know. Same shape as api/domain/lifecycle's `DueAt` argument,
 * so the lead can inject the very function the API uses.
 */
export interface DueInput {
  status: ReportStatus;
  severity: Severity;
  createdAt: Date;
  /**
   * Start of the resolution clock: the acceptance, or the latest reopen after one
   * (the agency owes a fresh resolution from a reopen).
   */
  acceptedAt: Date | null;
  /** The instant the state was entered. */
  at: Date;
}

/** The deadline currently running for a report, or null when none runs (e.g. resolved). */
export type DueAtFn = (report: DueInput) => Date | null;

export interface WorkingHoursClock {
  addWorkingHours(start: Date, hours: number): Date;
  /** Optional: lets agencies that race a deadline finish inside it in office time. */
  workingHoursBetween?(a: Date, b: Date): number;
}

export interface LifecycleState {
  status: ReportStatus;
  severity: Severity;
  createdAt: Date;
  acceptedAt?: Date | null;
  reopenedAt?: Date | null;
  /** When the report entered its current status; defaults to the latest timestamp known. */
  statusSince?: Date | null;
  reopenedCount?: number;
}

export interface LifecycleContext {
  /** Nothing is planned before this instant (replanning a stale report starts from now). */
  now: Date;
  clock: WorkingHoursClock;
  /** Enables the deadline effect; without it agencies ignore deadlines. */
  dueAt?: DueAtFn;
}

// ---- Acceptance -------------------------------------------------------------------------
// SLA: accept within 8 working hours. With median 2 WH and σ 0.85, ~5% of acceptances are late.
export const MEDIAN_ACCEPT_DELAY_WORKING_H: Record<Severity, number> = { urgent: 0.5, normal: 2, complex: 2.5 };
export const ACCEPT_DELAY_SIGMA = 0.85;
/** Share turned down at acceptance (out of scope, duplicate, not enough information). */
export const REJECT_AT_ACCEPT_PROBABILITY = 0.062;

// ---- Work ---------------------------------------------------------------------------------
/** Accepted → a team starts on it. */
export const MEDIAN_START_DELAY_WORKING_H: Record<Severity, number> = { urgent: 0.3, normal: 3, complex: 8 };
export const START_DELAY_SIGMA = 0.8;
/**
 * In progress → resolved. Urgent: a few hours; normal: 1–5 working days (5th–95th ≈ 7–45 WH);
 * complex: 5–20 working days (5th–95th ≈ 34–150 WH). One working day = 8 working hours.
 */
export const MEDIAN_WORK_WORKING_H: Record<Severity, number> = { urgent: 2, normal: 18, complex: 72 };
export const WORK_SIGMA: Record<Severity, number> = { urgent: 0.6, normal: 0.55, complex: 0.45 };
/** Fixing a reopened report is usually a touch-up, shorter than the first attempt. */
export const REWORK_FACTOR = 0.5;
/**
 * Deadline effect: an agency heading past the due date sometimes pushes to finish inside it.
 * Calibrated together with the work-time tail: ~11% of resolutions end up late, which leaves
 * ~1.2% of all reports open and overdue at any ordinary instant (history.test.ts).
 */
export const DEADLINE_PUSH_PROBABILITY = 0.2;
/** Where inside the remaining budget a deadline push lands, as a share of the budget. */
export const DEADLINE_PUSH_BUDGET_SHARE: [number, number] = [0.7, 0.98];

// ---- Citizen ------------------------------------------------------------------------------
/** Share of citizens who rate a resolved report; the rest are closed by the system. */
export const RATED_PROBABILITY = 0.75;
export const MEDIAN_RATE_DELAY_H = 14;
export const RATE_DELAY_SIGMA = 0.9;
/** Unrated resolved reports close automatically after this many wall-clock hours. */
export const AUTO_CLOSE_AFTER_H = 72;
/** A citizen reopens straight from `resolved` ("it is not fixed")… */
export const REOPEN_FROM_RESOLVED_PROBABILITY = 0.015;
/** …or after rating it 1–2 stars (≈8% of ratings), from `closed`. Together ≈3% reopen. */
export const REOPEN_AFTER_LOW_RATING_PROBABILITY = 0.3;
export const MEDIAN_REOPEN_DELAY_H = 18;
export const REOPEN_DELAY_SIGMA = 0.7;
/** A report is reopened at most this many times (then the citizen gives up or is satisfied). */
export const MAX_REOPENS = 2;
/** Agency picks a reopened report up again. */
export const MEDIAN_RESTART_DELAY_WORKING_H = 4;

/** Ratings 1..5: mostly satisfied (iHanoi reports high satisfaction). */
export const RATING_WEIGHTS_FIRST: readonly number[] = [0.04, 0.04, 0.11, 0.26, 0.55];
/** After a reopen, citizens are less pleased. */
export const RATING_WEIGHTS_AFTER_REOPEN: readonly number[] = [0.08, 0.09, 0.18, 0.3, 0.35];
const RATINGS: readonly Rating[] = [1, 2, 3, 4, 5];

const MS_PER_HOUR = 3_600_000;
/** Transitions are at least this far apart, so the order of a plan is never ambiguous. */
const MIN_GAP_MS = 60_000;

/**
 * The remaining future transitions of a report, from its current status to a terminal state
 * (rejected or closed). Times strictly increase and are all after `ctx.now`; every step is legal.
 */
export function planLifecycle(state: LifecycleState, ctx: LifecycleContext, rng: Rng): PlannedTransition[] {
  const { clock, dueAt } = ctx;
  const severity = state.severity;
  const plan: PlannedTransition[] = [];

  let status: ReportStatus = state.status;
  let acceptedAt: Date | null = state.acceptedAt ?? null;
  let reopenedAt: Date | null = state.reopenedAt ?? null;
  let reopens = state.reopenedCount ?? 0;
  /** When the current status began: the anchor of the next delay. */
  let since: Date = state.statusSince ?? latest(state.createdAt, state.acceptedAt ?? null, state.reopenedAt ?? null);
  /** Nothing may be planned at or before this. */
  let floorMs = Math.max(ctx.now.getTime(), since.getTime());

  /** Agency action `delayWH` working hours after `since`, pushed past the floor if stale. */
  const agencyAt = (delayWH: number): Date => {
    let at = clock.addWorkingHours(since, delayWH);
    if (at.getTime() <= floorMs) {
      // Replanning a report whose natural time has passed: it happens soon, in office time.
      at = clock.addWorkingHours(new Date(floorMs), Math.min(delayWH, 8) * rng.uniform(0.1, 1));
      if (at.getTime() <= floorMs) at = new Date(floorMs + MIN_GAP_MS);
    }
    return at;
  };
  /** Citizen action `delayH` wall-clock hours after `since`. */
  const citizenAt = (delayH: number): Date => {
    let ms = since.getTime() + delayH * MS_PER_HOUR;
    if (ms <= floorMs) ms = floorMs + Math.max(MIN_GAP_MS, delayH * MS_PER_HOUR * rng.uniform(0.05, 0.5));
    return new Date(ms);
  };
  const push = (action: LifecycleAction, at: Date, rating?: Rating): void => {
    const next = nextStatus(status, action);
    if (next === null) throw new Error(`planLifecycle: illegal ${action} from ${status}`);
    plan.push(rating === undefined ? { action, at } : { action, at, rating });
    status = next;
    since = at;
    floorMs = at.getTime() + MIN_GAP_MS;
    if (action === 'accept') acceptedAt = at;
    if (action === 'reopen') {
      reopenedAt = at;
      reopens++;
    }
  };

  // At most MAX_REOPENS loops through in_progress → resolved → …; the bound is a safety net.
  for (let step = 0; step < 32; step++) {
    switch (status) {
      case 'received': {
        const at = agencyAt(rng.logNormalMedian(MEDIAN_ACCEPT_DELAY_WORKING_H[severity], ACCEPT_DELAY_SIGMA));
        if (rng.chance(REJECT_AT_ACCEPT_PROBABILITY)) {
          push('reject', at);
          return plan;
        }
        push('accept', at);
        break;
      }
      case 'accepted':
        push('start', agencyAt(rng.logNormalMedian(MEDIAN_START_DELAY_WORKING_H[severity], START_DELAY_SIGMA)));
        break;
      case 'reopened':
        push('start', agencyAt(rng.logNormalMedian(MEDIAN_RESTART_DELAY_WORKING_H, START_DELAY_SIGMA)));
        break;
      case 'in_progress': {
        const reworkFactor = reopens > 0 ? REWORK_FACTOR : 1;
        const workWH = reworkFactor * rng.logNormalMedian(MEDIAN_WORK_WORKING_H[severity], WORK_SIGMA[severity]);
        let at = agencyAt(workWH);
        const due = dueAt?.({
          status,
          severity,
          createdAt: state.createdAt,
          acceptedAt: reopenedAt ?? acceptedAt,
          at: since,
        });
        if (due && at > due && due.getTime() > floorMs && rng.chance(DEADLINE_PUSH_PROBABILITY)) {
          at = pushedInsideDeadline(since, due, floorMs, clock, rng);
        }
        push('resolve', at);
        break;
      }
      case 'resolved': {
        if (reopens < MAX_REOPENS && rng.chance(REOPEN_FROM_RESOLVED_PROBABILITY)) {
          push('reopen', citizenAt(rng.logNormalMedian(MEDIAN_REOPEN_DELAY_H, REOPEN_DELAY_SIGMA)));
          break;
        }
        const rateDelayH = rng.chance(RATED_PROBABILITY)
          ? rng.logNormalMedian(MEDIAN_RATE_DELAY_H, RATE_DELAY_SIGMA)
          : Infinity;
        if (rateDelayH >= AUTO_CLOSE_AFTER_H) {
          push('close', citizenAt(AUTO_CLOSE_AFTER_H));
          return plan;
        }
        const rating = rng.pickWeighted(RATINGS, reopens > 0 ? RATING_WEIGHTS_AFTER_REOPEN : RATING_WEIGHTS_FIRST);
        push('close', citizenAt(rateDelayH), rating);
        if (rating <= 2 && reopens < MAX_REOPENS && rng.chance(REOPEN_AFTER_LOW_RATING_PROBABILITY)) {
          push('reopen', citizenAt(rng.logNormalMedian(MEDIAN_REOPEN_DELAY_H, REOPEN_DELAY_SIGMA)));
          break;
        }
        return plan;
      }
      // A closed report reopens only as part of the plan that closed it (decided with its rating).
      case 'closed':
      case 'rejected':
      case 'duplicate':
        return plan;
    }
  }
  return plan;
}

/** A resolution moved inside the deadline, in office time, never before the floor. */
function pushedInsideDeadline(since: Date, due: Date, floorMs: number, clock: WorkingHoursClock, rng: Rng): Date {
  const share = rng.uniform(DEADLINE_PUSH_BUDGET_SHARE[0], DEADLINE_PUSH_BUDGET_SHARE[1]);
  let at: Date;
  if (clock.workingHoursBetween) {
    at = clock.addWorkingHours(since, clock.workingHoursBetween(since, due) * share);
  } else {
    at = new Date(since.getTime() + (due.getTime() - since.getTime()) * share);
  }
  if (at.getTime() <= floorMs) at = new Date(Math.min(due.getTime(), floorMs + MIN_GAP_MS));
  return at;
}

function latest(...dates: Array<Date | null>): Date {
  let best = dates[0] as Date;
  for (const d of dates) if (d && d > best) best = d;
  return best;
}

/** Status reached by replaying `transitions` (in order) from `received`, up to instant `at`. */
export function statusAt(
  transitions: readonly PlannedTransition[],
  at: Date,
): {
  status: ReportStatus;
  /** When that status was entered; null while still `received`. */
  since: Date | null;
  acceptedAt: Date | null;
  reopenedAt: Date | null;
  rating: Rating | null;
} {
  let status: ReportStatus = 'received';
  let since: Date | null = null;
  let acceptedAt: Date | null = null;
  let reopenedAt: Date | null = null;
  let rating: Rating | null = null;
  const atMs = at.getTime();
  for (const t of transitions) {
    if (t.at.getTime() > atMs) break;
    // The plan's own target, as before: a replay does not re-judge legality (planLifecycle did).
    status = TRANSITIONS[t.action].to ?? status;
    since = t.at;
    if (t.action === 'accept') acceptedAt = t.at;
    if (t.action === 'reopen') {
      reopenedAt = t.at;
      rating = null;
    }
    if (t.rating !== undefined) rating = t.rating;
  }
  return { status, since, acceptedAt, reopenedAt, rating };
}
