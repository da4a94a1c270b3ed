import { type Action, TRANSITIONS, WORKING_STATUS_LIST } from '../../core/lifecycle';
import type { ReportStatus } from '../../core/statuses';
import type { ReportRow } from '../../db/types';
import { IllegalTransition, ValidationError } from '../errors';

/** Whether `action` may apply to a report in `status` (paused or not). */
export function canApply(action: Action, status: ReportStatus, paused = false): boolean {
  if (action === 'pause' && paused) return false;
  if (action === 'resume' && !paused) return false;
  return TRANSITIONS[action].from.includes(status);
}

export interface TransitionRequest {
  action: Action;
  note?: string;
  /** 1–5, given by the citizen on close. */
  rating?: number;
  /** The report this one repeats, for `duplicate`. */
  duplicateOf?: number;
  at: Date;
}

/** When the report is next due, given its state after the change; injected from the SLA clock. */
export type DueAt = (state: {
  status: ReportStatus;
  severity: ReportRow['severity'];
  createdAt: Date;
  acceptedAt: Date | null;
  at: Date;
  /** Working hours the current clock stood still (see api/domain/sla.ts). */
  pausedHours?: number;
}) => Date | null;

/** The SLA clock as the lifecycle needs it, built from the city's calendar and rules (api/runtime.ts). */
export interface SlaClock {
  dueAt: DueAt;
  /** Working hours between two instants on the city's calendar; 0 if b <= a. */
  workingHoursBetween(a: Date, b: Date): number;
}

/** The domain half of a transition: what changes, and what the event says. Pure. */
export function decideTransition(current: ReportRow, req: TransitionRequest, sla: SlaClock) {
  const rule = TRANSITIONS[req.action];
  const paused = current.pausedAt !== null && current.pausedAt !== undefined;
  if (!canApply(req.action, current.status, paused))
    throw new IllegalTransition(req.action, stateText(req.action, current.status, paused));
  if (req.action === 'duplicate') {
    if (req.duplicateOf === undefined) throw new ValidationError('duplicateOf is required', 'duplicateOf');
    if (req.duplicateOf === current.id) throw new ValidationError('A report cannot repeat itself', 'duplicateOf');
  }
  const to = rule.to ?? current.status;
  const at = req.at;
  // A new status brings a new deadline (or none), so the previous overdue flag no longer holds.
  const patch: Partial<ReportRow> = { status: to, overdueAt: null };
  // Any move but a pause ends a running pause: its working hours no longer count against the agency.
  let pausedHours = current.pausedHours ?? 0;
  if (paused && req.action !== 'pause') {
    pausedHours += sla.workingHoursBetween(current.pausedAt!, at);
    patch.pausedAt = null;
    patch.pausedHours = pausedHours;
  }
  if (req.action === 'pause') patch.pausedAt = at;
  if (req.action === 'accept') {
    patch.acceptedAt = at;
    patch.clockStartedAt = at;
    patch.acceptWorkingHours = sla.workingHoursBetween(current.createdAt, at);
  }
  if (req.action === 'resolve') {
    patch.resolvedAt = at;
    patch.endedAt = at;
    patch.resolveWorkingHours = sla.workingHoursBetween(current.createdAt, at);
    // Judged against the deadline the report ran against until now, pauses included.
    const due = sla.dueAt({ ...clockState(current), status: current.status, at, pausedHours });
    patch.resolvedOnTime = due === null ? null : at.getTime() <= due.getTime();
  }
  if (req.action === 'close') {
    patch.closedAt = at;
    if (req.rating !== undefined) patch.rating = req.rating;
  }
  if (req.action === 'reject' || req.action === 'duplicate') patch.endedAt = at;
  if (req.action === 'duplicate') patch.duplicateOf = req.duplicateOf;
  if (req.action === 'reopen') {
    patch.reopenedCount = current.reopenedCount + 1;
    patch.resolvedAt = null;
    patch.resolvedOnTime = null;
    patch.resolveWorkingHours = null;
    patch.closedAt = null;
    patch.endedAt = null;
    patch.rating = null;
    // The clock restarts on reopen: the agency owes a fresh resolution from that moment, with
    // no pause carried over from the previous round.
    patch.clockStartedAt = at;
    patch.pausedHours = pausedHours = 0;
  }
  const clockStart = patch.clockStartedAt ?? current.clockStartedAt ?? current.acceptedAt;
  // No deadline runs while the report waits on the citizen; the sweeper skips a null due_at.
  patch.dueAt =
    req.action === 'pause'
      ? null
      : sla.dueAt({
          status: to,
          severity: current.severity,
          createdAt: current.createdAt,
          acceptedAt: clockStart,
          at,
          pausedHours,
        });
  return {
    patch,
    at,
    eventType: rule.event,
    eventPayload: {
      from: current.status,
      to,
      // Lets a live client take the report out of its overdue count without asking the server.
      ...(current.overdueAt ? { wasOverdue: true } : {}),
      ...(req.note ? { note: req.note } : {}),
      ...(req.rating !== undefined ? { rating: req.rating } : {}),
      ...(req.duplicateOf !== undefined ? { duplicateOf: req.duplicateOf } : {}),
      ...(req.action === 'resume' ? { pausedHours: round2(pausedHours) } : {}),
      ...(req.action === 'resolve' ? { onTime: patch.resolvedOnTime } : {}),
    },
  };
}

/** The state an illegal move is refused for, in words ("in_progress and paused"). */
function stateText(action: Action, status: ReportStatus, paused: boolean): string {
  if (paused) return `${status} and paused`;
  return action === 'resume' && WORKING_STATUS_LIST.includes(status) ? `${status} (not paused)` : status;
}

function clockState(r: ReportRow) {
  return { severity: r.severity, createdAt: r.createdAt, acceptedAt: r.clockStartedAt ?? r.acceptedAt };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
