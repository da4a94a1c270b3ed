import type { ReportStatus } from '../../db/schema';
import type { ReportRow } from '../../db/types';
import { IllegalTransition, ValidationError } from '../errors';

export const ACTIONS = ['accept', 'start', 'resolve', 'close', 'reject', 'reopen', 'duplicate'] as const;
export type Action = (typeof ACTIONS)[number];

/** Which statuses each action may leave from, and where it goes. */
const RULES: Record<Action, { from: readonly ReportStatus[]; to: ReportStatus; event: string }> = {
  accept: { from: ['received'], to: 'accepted', event: 'report.accepted' },
  start: { from: ['accepted', 'reopened'], to: 'in_progress', event: 'report.started' },
  resolve: { from: ['accepted', 'in_progress', 'reopened'], to: 'resolved', event: 'report.resolved' },
  close: { from: ['resolved'], to: 'closed', event: 'report.closed' },
  reject: { from: ['received', 'accepted'], to: 'rejected', event: 'report.rejected' },
  // A citizen says it is not fixed: from resolved, or from closed (iHanoi lets a rating reopen).
  reopen: { from: ['resolved', 'closed'], to: 'reopened', event: 'report.reopened' },
  duplicate: {
    from: ['received', 'accepted', 'in_progress', 'reopened'],
    to: 'duplicate',
    event: 'report.duplicate',
  },
};

export function canApply(action: Action, status: ReportStatus): boolean {
  return RULES[action].from.includes(status);
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
}) => Date | null;

/** The domain half of a transition: what changes, and what the event says. Pure. */
export function decideTransition(current: ReportRow, req: TransitionRequest, dueAt: DueAt) {
  const rule = RULES[req.action];
  if (!canApply(req.action, current.status)) throw new IllegalTransition(req.action, current.status);
  if (req.action === 'duplicate') {
    if (req.duplicateOf === undefined) throw new ValidationError('duplicateOf is required', 'duplicateOf');
    if (req.duplicateOf === current.id) throw new ValidationError('A report cannot repeat itself', 'duplicateOf');
  }
  const to = rule.to;
  const at = req.at;
  // A new status brings a new deadline (or none), so the previous overdue flag no longer holds.
  const patch: Partial<ReportRow> = { status: to, overdueAt: null };
  if (req.action === 'accept') {
    patch.acceptedAt = at;
    patch.clockStartedAt = at;
  }
  if (req.action === 'resolve') {
    patch.resolvedAt = at;
    patch.endedAt = at;
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
    patch.closedAt = null;
    patch.endedAt = null;
    patch.rating = null;
    // The clock restarts on reopen: the agency owes a fresh resolution from that moment.
    patch.clockStartedAt = at;
  }
  const clockStart = patch.clockStartedAt ?? current.clockStartedAt ?? current.acceptedAt;
  patch.dueAt = dueAt({ status: to, severity: current.severity, createdAt: current.createdAt, acceptedAt: clockStart, at });
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
    },
  };
}
