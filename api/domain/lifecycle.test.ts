import { describe, expect, it } from 'vitest';
import { ACTIONS, type Action } from '../../core/lifecycle';
import { REPORT_STATUSES, type ReportStatus } from '../../core/statuses';
import type { ReportRow } from '../../db/types';
import { IllegalTransition } from '../errors';
import { type DueAt, type SlaClock, canApply, decideTransition } from './lifecycle';

const base = {
  id: 1,
  status: 'received',
  severity: 'normal',
  createdAt: new Date('2026-03-02T01:00:00Z'),
  acceptedAt: null,
  reopenedCount: 0,
} as unknown as ReportRow;
const clockOf = (dueAt: DueAt): SlaClock => ({ dueAt, workingHoursBetween: () => 0 });
const noDue = clockOf(() => null);

const legal: Array<[ReportStatus, Action, ReportStatus]> = [
  ['received', 'accept', 'accepted'],
  ['received', 'reject', 'rejected'],
  ['accepted', 'start', 'in_progress'],
  ['accepted', 'reject', 'rejected'],
  ['in_progress', 'resolve', 'resolved'],
  ['resolved', 'close', 'closed'],
  ['resolved', 'reopen', 'reopened'],
  ['closed', 'reopen', 'reopened'],
  ['reopened', 'start', 'in_progress'],
  ['in_progress', 'duplicate', 'duplicate'],
  // Pausing keeps the status: the report waits on the citizen, still open.
  ['accepted', 'pause', 'accepted'],
  ['in_progress', 'pause', 'in_progress'],
  ['reopened', 'pause', 'reopened'],
];

describe('lifecycle', () => {
  it.each(legal)('%s --%s--> %s', (from, action, to) => {
    const d = decideTransition({ ...base, status: from }, { action, at: new Date(), duplicateOf: 9 }, noDue);
    expect(d.patch.status).toBe(to);
    expect(d.eventPayload).toMatchObject({ from, to });
  });

  const illegal = REPORT_STATUSES.flatMap((s) => ACTIONS.filter((a) => !canApply(a, s)).map((a) => [s, a] as const));
  it.each(illegal)('refuses %s --%s--> with IllegalTransition', (from, action) => {
    expect(() =>
      decideTransition({ ...base, status: from }, { action, at: new Date(), duplicateOf: 9 }, noDue),
    ).toThrow(IllegalTransition);
  });

  it('reopening counts, clears the resolution and restarts the clock from the reopen', () => {
    const at = new Date('2026-03-05T03:00:00Z');
    const seen: Date[] = [];
    const d = decideTransition(
      { ...base, status: 'closed', rating: 2, resolvedAt: new Date(), reopenedCount: 1 },
      { action: 'reopen', at },
      clockOf((s) => (seen.push(s.acceptedAt!), new Date(at.getTime() + 1))),
    );
    expect(d.patch).toMatchObject({ reopenedCount: 2, resolvedAt: null, closedAt: null, rating: null, endedAt: null });
    expect(seen[0]).toEqual(at);
  });
});

describe('resolve clock', () => {
  it('keeps counting from the reopen when work restarts, not from the first acceptance', () => {
    const accepted = new Date('2026-03-02T02:00:00Z');
    const reopened = new Date('2026-03-20T02:00:00Z');
    const starts: Date[] = [];
    const due = clockOf((s) => (starts.push(s.acceptedAt!), null));
    const r1 = decideTransition({ ...base, status: 'received' }, { action: 'accept', at: accepted }, due);
    expect(r1.patch.clockStartedAt).toEqual(accepted);
    const r2 = decideTransition(
      { ...base, status: 'closed', acceptedAt: accepted, clockStartedAt: accepted },
      { action: 'reopen', at: reopened },
      due,
    );
    const r3 = decideTransition(
      { ...base, status: 'reopened', acceptedAt: accepted, clockStartedAt: r2.patch.clockStartedAt! },
      { action: 'start', at: new Date('2026-03-20T03:00:00Z') },
      due,
    );
    expect(r3.patch.status).toBe('in_progress');
    expect(starts).toEqual([accepted, reopened, reopened]);
  });
});

describe('pause and resume', () => {
  it.each(['accepted', 'in_progress', 'reopened'] as const)(
    'resumes a paused %s report, and refuses to pause it twice',
    (status) => {
      const paused = { ...base, status, pausedAt: new Date('2026-03-02T03:00:00Z'), pausedHours: 0 };
      expect(decideTransition(paused, { action: 'resume', at: new Date() }, noDue).patch).toMatchObject({
        status,
        pausedAt: null,
      });
      expect(() => decideTransition(paused, { action: 'pause', at: new Date() }, noDue)).toThrow(IllegalTransition);
    },
  );

  it('refuses to resume a report that is not paused', () => {
    expect(() =>
      decideTransition({ ...base, status: 'accepted', pausedAt: null }, { action: 'resume', at: new Date() }, noDue),
    ).toThrow(/Cannot resume a report that is accepted \(not paused\)/);
  });
});
