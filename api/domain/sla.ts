/**
 * When a report is due, from its status and the city's SLA rules (DESIGN.md, "SLA clock").
 *
 * A report runs against one deadline at a time:
 * - `accept`: the agency must accept it within `acceptWithinHours` of filing;
 * - `resolve`: once accepted, it must be resolved within `resolveWithinHours[severity]`.
 * Finished reports have no deadline (null), so they can never be overdue.
 */
import type { ReportStatus } from '../../core/statuses';
import type { Severity, SlaRules } from '../../core/cityPack';
import type { WorkingClock } from './workingCalendar';

export type SlaStage = 'accept' | 'resolve';

/**
 * The deadline each status runs against. A Record over every status, so adding a status to the
 * lifecycle fails to compile until someone decides its deadline here.
 */
export const SLA_STAGE_BY_STATUS: Record<ReportStatus, SlaStage | null> = {
  received: 'accept',
  accepted: 'resolve',
  in_progress: 'resolve',
  // Counted from `acceptedAt` as the caller gives it: the lifecycle passes the reopen instant,
  // so the agency owes a fresh resolution from then.
  reopened: 'resolve',
  resolved: null,
  closed: null,
  rejected: null,
  duplicate: null,
};

export interface SlaSubject {
  status: ReportStatus;
  severity: Severity;
  createdAt: Date;
  acceptedAt: Date | null;
  /**
   * Working hours during which the clock stood still in the current stage (e.g. waiting on the
   * citizen for details); the deadline moves later by exactly that much. This is the extension
   * point for pausing: the caller sums `clock.workingHoursBetween(pausedAt, resumedAt)` over the
   * report's closed pauses. Defaults to 0.
   */
  pausedHours?: number;
}

/** Due instant of the report's current stage, or null when it has none. */
export function dueAtFor(report: SlaSubject, clock: WorkingClock, rules: SlaRules): Date | null {
  const stage = SLA_STAGE_BY_STATUS[report.status];
  if (stage === null) return null;

  const pausedHours = report.pausedHours ?? 0;
  if (!Number.isFinite(pausedHours) || pausedHours < 0) {
    throw new RangeError(`pausedHours must be a finite number >= 0, got ${pausedHours}`);
  }

  const budgetHours = stage === 'accept' ? rules.acceptWithinHours : rules.resolveWithinHours[report.severity];
  // A report moved on without an acceptedAt (e.g. imported mid-lifecycle) counts from filing: never later than the truth.
  const startsAt = stage === 'accept' ? report.createdAt : (report.acceptedAt ?? report.createdAt);
  return clock.addWorkingHours(startsAt, budgetHours + pausedHours);
}
