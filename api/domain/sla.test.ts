import { describe, expect, it } from 'vitest';
import type { Severity, SlaRules, WorkingCalendar } from '../../core/cityPack';
import hanoiCalendar from '../../seeds/hanoi/calendar.json';
import hanoiSla from '../../seeds/hanoi/sla.json';
import type { ReportStatus } from '../../core/statuses';
import { dueAtFor } from './sla';
import { createWorkingClock } from './workingCalendar';

const clock = createWorkingClock(hanoiCalendar as WorkingCalendar);
const rules: SlaRules = hanoiSla;

/** Hanoi wall time → Date; Hanoi is UTC+7 all year. */
const hn = (local: string) => new Date(`${local}+07:00`);

describe('dueAtFor (Hanoi rules: accept 8 h; resolve urgent 4, normal 40, complex 80)', () => {
  it.each<[string, ReportStatus, Severity, string, string | null, number | undefined, string]>([
    // label, status, severity, createdAt, acceptedAt, pausedHours, due
    [
      'received Friday 16:00 → accept by Monday 16:00',
      'received',
      'normal',
      '2025-03-14T16:00',
      null,
      undefined,
      '2025-03-17T16:00',
    ],
    ['accept deadline ignores severity', 'received', 'urgent', '2025-03-14T16:00', null, undefined, '2025-03-17T16:00'],
    [
      'received Saturday night → Monday 17:30',
      'received',
      'normal',
      '2025-03-15T22:00',
      null,
      undefined,
      '2025-03-17T17:30',
    ],
    [
      'received the evening before Tết 2025',
      'received',
      'normal',
      '2025-01-24T18:00',
      null,
      undefined,
      '2025-02-03T17:30',
    ],
    [
      'urgent accepted 10:00 → resolve by 15:30 (lunch skipped)',
      'accepted',
      'urgent',
      '2025-03-17T09:00',
      '2025-03-17T10:00',
      undefined,
      '2025-03-17T15:30',
    ],
    [
      'urgent accepted Friday before Tết 2025',
      'in_progress',
      'urgent',
      '2025-01-24T15:00',
      '2025-01-24T16:00',
      undefined,
      '2025-02-03T10:30',
    ],
    [
      'normal in progress: 5 working days',
      'in_progress',
      'normal',
      '2025-03-07T17:00',
      '2025-03-10T08:00',
      undefined,
      '2025-03-14T17:30',
    ],
    [
      'complex accepted: 10 working days',
      'accepted',
      'complex',
      '2025-03-07T17:00',
      '2025-03-10T08:00',
      undefined,
      '2025-03-21T17:30',
    ],
    [
      'normal over 30/4–1/5 2025 (bridge Fri 2 May, Sat 26 Apr worked)',
      'accepted',
      'normal',
      '2025-04-25T08:00',
      '2025-04-25T08:00',
      undefined,
      '2025-05-05T17:30',
    ],
    [
      'reopened counts from acceptedAt (the lifecycle passes the reopen instant)',
      'reopened',
      'normal',
      '2025-03-07T17:00',
      '2025-03-10T08:00',
      undefined,
      '2025-03-14T17:30',
    ],
    [
      'accepted without acceptedAt counts from filing',
      'accepted',
      'urgent',
      '2025-03-17T08:00',
      null,
      undefined,
      '2025-03-17T12:00',
    ],
    ['pause extends the accept deadline', 'received', 'normal', '2025-03-14T16:00', null, 2, '2025-03-18T08:30'],
    [
      'pause extends the resolve deadline',
      'in_progress',
      'urgent',
      '2025-03-17T09:00',
      '2025-03-17T10:00',
      1.5,
      '2025-03-17T17:00',
    ],
  ])('%s', (_label, status, severity, createdAt, acceptedAt, pausedHours, due) => {
    const dueAt = dueAtFor(
      { status, severity, createdAt: hn(createdAt), acceptedAt: acceptedAt ? hn(acceptedAt) : null, pausedHours },
      clock,
      rules,
    );
    expect(dueAt?.toISOString()).toBe(hn(due).toISOString());
  });

  it.each<ReportStatus>(['resolved', 'closed', 'rejected', 'duplicate'])('%s has no deadline', (status) => {
    const report = {
      status,
      severity: 'urgent' as const,
      createdAt: hn('2025-03-17T09:00'),
      acceptedAt: hn('2025-03-17T10:00'),
    };
    expect(dueAtFor(report, clock, rules)).toBeNull();
  });

  it.each([-1, Number.NaN])('rejects pausedHours %s', (pausedHours) => {
    const report = {
      status: 'received' as const,
      severity: 'normal' as const,
      createdAt: hn('2025-03-17T09:00'),
      acceptedAt: null,
      pausedHours,
    };
    expect(() => dueAtFor(report, clock, rules)).toThrow(RangeError);
  });
});
