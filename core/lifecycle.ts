/**
 * The transition table: which actions move a report, from which statuses, to which status, and
 * the event each emits. The one table: the API decides with it (api/domain/lifecycle.ts), the
 * simulator plans with it (seeds/simulator/lifecycle.ts). Pure data and lookups, no IO.
 */
import type { TransitionEventType } from './events';
import { isOpenStatus, OPEN_STATUS_LIST, type ReportStatus } from './statuses';

export const ACTIONS = [
  'accept',
  'start',
  'resolve',
  'close',
  'reject',
  'reopen',
  'duplicate',
  'pause',
  'resume',
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * Open statuses once the agency has taken the report on: it owes a resolution, so these may be
 * resolved, and their clock may stand still (pause).
 */
export const WORKING_STATUS_LIST: readonly ReportStatus[] = OPEN_STATUS_LIST.filter((s) => s !== 'received');

export interface TransitionRule {
  from: readonly ReportStatus[];
  /** Absent: the status stays (pause and resume change a column, not the status). */
  to?: ReportStatus;
  event: TransitionEventType;
}

/**
 * Pausing is a column (`paused_at`), not a status, so nothing that counts open reports has to
 * learn a new status: a paused report is still open, it just has no deadline running.
 */
export const TRANSITIONS: Readonly<Record<Action, TransitionRule>> = {
  accept: { from: ['received'], to: 'accepted', event: 'report.accepted' },
  start: { from: ['accepted', 'reopened'], to: 'in_progress', event: 'report.started' },
  resolve: { from: WORKING_STATUS_LIST, to: 'resolved', event: 'report.resolved' },
  close: { from: ['resolved'], to: 'closed', event: 'report.closed' },
  reject: { from: ['received', 'accepted'], to: 'rejected', event: 'report.rejected' },
  // A citizen says it is not fixed: from resolved, or from closed (iHanoi lets a rating reopen).
  reopen: { from: ['resolved', 'closed'], to: 'reopened', event: 'report.reopened' },
  // Any report still owed an answer may turn out to repeat another.
  duplicate: { from: OPEN_STATUS_LIST, to: 'duplicate', event: 'report.duplicate' },
  // The agency waits on the citizen (e.g. asks for details): the resolve clock stands still.
  pause: { from: WORKING_STATUS_LIST, event: 'report.paused' },
  resume: { from: WORKING_STATUS_LIST, event: 'report.resumed' },
};

/** Status after `action` from `status` (unchanged for pause and resume), or null when illegal. */
export function statusAfter(status: ReportStatus, action: Action): ReportStatus | null {
  const rule = TRANSITIONS[action];
  return rule.from.includes(status) ? (rule.to ?? status) : null;
}

const RULES = Object.values(TRANSITIONS);
/**
 * The events that take a report out of the open backlog (resolve, reject, duplicate) and that
 * bring it back (reopen): a report's open spells are read from these, so a reopened report is
 * not counted open for the days it stood resolved.
 */
export const LEAVES_BACKLOG_EVENTS: readonly TransitionEventType[] = RULES.filter(
  (r) => r.to !== undefined && !isOpenStatus(r.to) && r.from.some(isOpenStatus),
).map((r) => r.event);
export const REJOINS_BACKLOG_EVENTS: readonly TransitionEventType[] = RULES.filter(
  (r) => r.to !== undefined && isOpenStatus(r.to) && !r.from.every(isOpenStatus),
).map((r) => r.event);
