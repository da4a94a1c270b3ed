import { describe, expect, it } from 'vitest';
import type { ReportRow } from '../../db/types';
import hanoiCalendar from '../../seeds/hanoi/calendar.json';
import hanoiSla from '../../seeds/hanoi/sla.json';
import type { Severity, SlaRules, WorkingCalendar } from '../../core/cityPack';
import type { Action } from '../../core/lifecycle';
import { type SlaClock, decideTransition } from './lifecycle';
import { dueAtFor } from './sla';
import { createWorkingClock } from './workingCalendar';

/**
 * Whole lifecycles on the real Hanoi calendar (accept 8 working hours; resolve urgent 4, normal
 * 40): every step's deadline, pause and on-time verdict, as an agency would see them.
 */
const clock = createWorkingClock(hanoiCalendar as WorkingCalendar);
const sla: SlaClock = {
  dueAt: (s) => dueAtFor(s, clock, hanoiSla as SlaRules),
  workingHoursBetween: (a, b) => clock.workingHoursBetween(a, b),
};

/** Hanoi wall time → Date; Hanoi is UTC+7 all year. */
const hn = (local: string) => new Date(`${local}+07:00`);
const local = (d: Date | null | undefined) =>
  d ? new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 16) : null;

function filed(severity: Severity, at: string): ReportRow {
  const createdAt = hn(at);
  return {
    id: 1,
    status: 'received',
    severity,
    createdAt,
    acceptedAt: null,
    clockStartedAt: null,
    pausedAt: null,
    pausedHours: 0,
    dueAt: sla.dueAt({ status: 'received', severity, createdAt, acceptedAt: null, at: createdAt }),
    overdueAt: null,
    reopenedCount: 0,
  } as unknown as ReportRow;
}

type Step = [
  Action,
  string,
  Partial<Record<'dueAt' | 'pausedAt', string | null>> &
    Partial<
      Pick<ReportRow, 'pausedHours' | 'resolvedOnTime' | 'acceptWorkingHours' | 'resolveWorkingHours' | 'status'>
    >,
];

describe.each<[string, Severity, string, string, Step[]]>([
  [
    'a normal report filed Friday 16:00',
    'normal',
    '2025-03-14T16:00',
    '2025-03-17T16:00', // accept by Monday 16:00: 1.5 h on Friday, 6.5 h on Monday (lunch skipped)
    [
      // 40 working hours from Monday 09:00: 7 + 8 × 4 days, the last hour on the next Monday.
      ['accept', '2025-03-17T09:00', { status: 'accepted', dueAt: '2025-03-24T09:00', acceptWorkingHours: 2.5 }],
      ['start', '2025-03-17T10:00', { status: 'in_progress', dueAt: '2025-03-24T09:00' }],
      [
        'resolve',
        '2025-03-20T10:00',
        { status: 'resolved', dueAt: null, resolvedOnTime: true, resolveWorkingHours: 27.5 },
      ],
    ],
  ],
  [
    'a normal report filed the evening before Tết 2025 (holidays 25 Jan – 2 Feb)',
    'normal',
    '2025-01-24T18:00',
    '2025-02-03T17:30', // counting resumes Monday 3 Feb at 08:00
    [['accept', '2025-02-03T10:00', { status: 'accepted', acceptWorkingHours: 2 }]],
  ],
  [
    'an urgent report paused overnight waiting on the citizen',
    'urgent',
    '2025-03-17T09:00',
    '2025-03-18T09:00', // 3 h + 4 h on Monday, the eighth on Tuesday
    [
      ['accept', '2025-03-17T10:00', { dueAt: '2025-03-17T15:30' }], // 4 h, lunch skipped
      ['pause', '2025-03-17T11:00', { status: 'accepted', dueAt: null, pausedAt: '2025-03-17T11:00' }],
      // Paused 11:00–12:00 + 13:30–17:30 + 08:00–09:00 = 6 working hours: due 10 working hours after acceptance.
      ['resume', '2025-03-18T09:00', { status: 'accepted', pausedAt: null, pausedHours: 6, dueAt: '2025-03-18T12:00' }],
      ['resolve', '2025-03-18T11:30', { resolvedOnTime: true }],
      // The clock restarts on reopen, without the earlier pause: 4 h from 14:00.
      [
        'reopen',
        '2025-03-18T14:00',
        { status: 'reopened', pausedHours: 0, dueAt: '2025-03-19T08:30', resolvedOnTime: null },
      ],
      ['resolve', '2025-03-19T09:00', { resolvedOnTime: false }],
    ],
  ],
  [
    'a paused report resolved without resuming: the pause ends at the resolution',
    'urgent',
    '2025-03-17T09:00',
    '2025-03-18T09:00', // 3 h + 4 h on Monday, the eighth on Tuesday
    [
      ['accept', '2025-03-17T10:00', { dueAt: '2025-03-17T15:30' }],
      ['pause', '2025-03-17T14:00', { dueAt: null }],
      // Paused 14:00–17:30 + 08:00–09:00 = 4.5 h, so due Tuesday 10:30; without it, 3 working hours late.
      ['resolve', '2025-03-18T09:00', { pausedAt: null, pausedHours: 4.5, resolvedOnTime: true }],
    ],
  ],
])('%s', (_label, severity, filedAt, acceptDue, steps) => {
  it(`is due for acceptance at ${acceptDue}, then each step moves the clock as expected`, () => {
    let row = filed(severity, filedAt);
    expect(local(row.dueAt)).toBe(acceptDue);
    for (const [action, at, expected] of steps) {
      const d = decideTransition(row, { action, at: hn(at) }, sla);
      row = { ...row, ...d.patch };
      const { dueAt, pausedAt, ...rest } = expected;
      if (dueAt !== undefined) expect(local(row.dueAt), `${action} at ${at}: dueAt`).toBe(dueAt);
      if (pausedAt !== undefined) expect(local(row.pausedAt), `${action} at ${at}: pausedAt`).toBe(pausedAt);
      expect(row, `${action} at ${at}`).toMatchObject(rest);
    }
  });
});

describe('report.paused and report.resumed events', () => {
  it('say what happened: a pause keeps the status, a resume says how long the clock stood still', () => {
    const accepted = {
      ...filed('urgent', '2025-03-17T09:00'),
      status: 'accepted',
      acceptedAt: hn('2025-03-17T10:00'),
    } as ReportRow;
    const pause = decideTransition(
      accepted,
      { action: 'pause', at: hn('2025-03-17T11:00'), note: 'Xin bổ sung ảnh' },
      sla,
    );
    expect(pause).toMatchObject({
      eventType: 'report.paused',
      eventPayload: { from: 'accepted', to: 'accepted', note: 'Xin bổ sung ảnh' },
    });
    const resume = decideTransition(
      { ...accepted, ...pause.patch },
      { action: 'resume', at: hn('2025-03-17T14:30') },
      sla,
    );
    expect(resume).toMatchObject({
      eventType: 'report.resumed',
      eventPayload: { from: 'accepted', to: 'accepted', pausedHours: 2 },
    });
  });
});
