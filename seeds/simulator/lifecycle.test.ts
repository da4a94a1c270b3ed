import { beforeAll, describe, expect, it } from 'vitest';
import { dueAtFor } from '../../api/domain/sla';
import { createWorkingClock, type WorkingClock } from '../../api/domain/workingCalendar';
import { loadCityPack } from '../packs';
import type { CityPack, Severity } from '../../core/cityPack';
import { TRANSITIONS } from '../../core/lifecycle';
import { REPORT_STATUSES } from '../../core/statuses';
import {
  nextStatus,
  planLifecycle,
  type DueAtFn,
  type LifecycleState,
  type PlannedTransition,
  type ReportStatus,
} from './lifecycle';
import { createRng } from './random';

let pack: CityPack;
let clock: WorkingClock;
let dueAt: DueAtFn;

beforeAll(async () => {
  pack = await loadCityPack('hanoi');
  clock = createWorkingClock(pack.calendar);
  dueAt = (s) => dueAtFor(s, clock, pack.sla);
});

const H = 3_600_000;
/** Tuesday 2026-03-10 09:15 local. */
const T0 = new Date('2026-03-10T02:15:00Z');
const SEVERITIES: Severity[] = ['urgent', 'normal', 'complex'];
const AGENCY_ACTIONS = new Set(['accept', 'reject', 'start', 'resolve']);

/** States to plan from: each status, fresh (entered just now) and stale (entered a month ago). */
function stateTable(): Array<{ name: string; state: LifecycleState; now: Date }> {
  const rows: Array<{ name: string; state: LifecycleState; now: Date }> = [];
  const statuses = REPORT_STATUSES;
  for (const severity of SEVERITIES) {
    for (const status of statuses) {
      for (const staleDays of [0, 3, 30]) {
        const createdAt = new Date(T0.getTime() - (staleDays + 1) * 24 * H);
        const since = new Date(createdAt.getTime() + 2 * H);
        const state: LifecycleState = {
          status,
          severity,
          createdAt,
          acceptedAt: status === 'received' ? null : since,
          reopenedAt: status === 'reopened' ? since : null,
          reopenedCount: status === 'reopened' ? 1 : 0,
          statusSince: status === 'received' ? createdAt : since,
        };
        rows.push({
          name: `${status}/${severity}/${staleDays}d`,
          state,
          now: status === 'received' && staleDays === 0 ? createdAt : T0,
        });
      }
    }
  }
  return rows;
}

function replay(from: ReportStatus, plan: PlannedTransition[]): ReportStatus {
  let status = from;
  for (const t of plan) {
    const next = nextStatus(status, t.action);
    expect(next, `${t.action} from ${status}`).not.toBeNull();
    // Every simulator move is one the API would accept: core's table lists its from-status.
    expect(TRANSITIONS[t.action].from).toContain(status);
    expect(TRANSITIONS[t.action].to).toBe(next);
    status = next!;
  }
  return status;
}

describe('planLifecycle', () => {
  it('plans only legal steps, forward in time, after now, to a terminal status', () => {
    let agencySteps = 0;
    let inOfficeTime = 0;
    for (const { name, state, now } of stateTable()) {
      for (let seed = 0; seed < 150; seed++) {
        const plan = planLifecycle(state, { now, clock, dueAt }, createRng(`${name}#${seed}`));
        let prev = Math.max(now.getTime(), state.statusSince!.getTime());
        for (const t of plan) {
          expect(t.at.getTime(), name).toBeGreaterThan(prev);
          prev = t.at.getTime();
          if (t.rating !== undefined) {
            expect(t.action).toBe('close');
            expect([1, 2, 3, 4, 5]).toContain(t.rating);
          }
          if (AGENCY_ACTIONS.has(t.action)) {
            agencySteps++;
            if (clock.isWorkingTime(t.at)) inOfficeTime++;
          }
        }
        const end = replay(state.status, plan);
        // A plan ends in a terminal state: rejected, or closed (a later reopen is decided with the close).
        if (plan.length) expect(['closed', 'rejected']).toContain(end);
        if (state.status === 'closed' || state.status === 'rejected') expect(plan).toEqual([]);
      }
    }
    // Agencies act in office hours (a rare fallback nudges a stale step just past the floor).
    expect(inOfficeTime / agencySteps).toBeGreaterThan(0.99);
  });

  it('is deterministic for a seed', () => {
    const state: LifecycleState = { status: 'received', severity: 'normal', createdAt: T0 };
    const a = planLifecycle(state, { now: T0, clock, dueAt }, createRng(11));
    const b = planLifecycle(state, { now: T0, clock, dueAt }, createRng(11));
    expect(a).toEqual(b);
  });

  it('timings: acceptance mostly within the 8 working-hour SLA, ~6% rejected, severity sets the pace', () => {
    const n = 6000;
    const stats = Object.fromEntries(
      SEVERITIES.map((s) => [
        s,
        { accepted: 0, rejected: 0, lateAccept: 0, resolveWH: [] as number[], reopened: 0, rated: 0, happy: 0 },
      ]),
    );
    for (const severity of SEVERITIES) {
      const st = stats[severity];
      const rng = createRng(`timing-${severity}`);
      for (let i = 0; i < n; i++) {
        const createdAt = new Date(T0.getTime() + i * 37 * 60_000); // spread over weeks and hours
        const plan = planLifecycle({ status: 'received', severity, createdAt }, { now: createdAt, clock, dueAt }, rng);
        const first = plan[0];
        if (first.action === 'reject') {
          st.rejected++;
          continue;
        }
        st.accepted++;
        if (clock.workingHoursBetween(createdAt, first.at) > pack.sla.acceptWithinHours) st.lateAccept++;
        const resolve = plan.find((t) => t.action === 'resolve')!;
        st.resolveWH.push(clock.workingHoursBetween(first.at, resolve.at));
        if (plan.some((t) => t.action === 'reopen')) st.reopened++;
        for (const t of plan) {
          if (t.rating !== undefined) {
            st.rated++;
            if (t.rating >= 4) st.happy++;
          }
        }
      }
    }
    const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    for (const severity of SEVERITIES) {
      const st = stats[severity];
      expect(Math.abs(st.rejected / n - 0.062)).toBeLessThan(0.015);
      // A few late (not for urgent ones, taken within the hour), most on time.
      if (severity !== 'urgent') expect(st.lateAccept / st.accepted).toBeGreaterThan(0.01);
      expect(st.lateAccept / st.accepted).toBeLessThan(0.12);
      expect(Math.abs(st.reopened / st.accepted - 0.03)).toBeLessThan(0.015);
      expect(st.happy / st.rated).toBeGreaterThan(0.7);
    }
    // Urgent: hours; normal: 1–5 working days; complex: 5–20 working days (8 working hours a day).
    expect(median(stats.urgent.resolveWH)).toBeLessThan(4);
    expect(median(stats.normal.resolveWH)).toBeGreaterThan(8);
    expect(median(stats.normal.resolveWH)).toBeLessThan(40);
    expect(median(stats.complex.resolveWH)).toBeGreaterThan(40);
    expect(median(stats.complex.resolveWH)).toBeLessThan(160);
  });
});
