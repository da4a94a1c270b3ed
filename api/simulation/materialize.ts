import { isOpenStatus } from '../../core/statuses';
import type { HistoryItem, ReportRow } from '../../db/types';
import type { SimReport } from '../../seeds/simulator';
import type { AppDeps } from '../context';
import { buildNewReport } from '../domain/intake';
import { decideTransition } from '../domain/lifecycle';

/**
 * A simulated report with its lived transitions → the row it ends as and the events it left,
 * through the same intake and lifecycle rules as a real one (so history obeys the API's laws).
 */
export function materialize(sim: SimReport, deps: Pick<AppDeps, 'intake' | 'sla'>, now: Date): HistoryItem {
  const { report, contact } = buildNewReport(sim.input, deps.intake, sim.createdAt, 'simulator');
  let row = {
    ...report,
    id: 0,
    publicId: '',
    acceptedAt: null,
    clockStartedAt: null,
    pausedAt: null,
    pausedHours: 0,
    resolvedAt: null,
    resolvedOnTime: null,
    acceptWorkingHours: null,
    resolveWorkingHours: null,
    closedAt: null,
    endedAt: null,
    reopenedCount: 0,
    rating: null,
    duplicateOf: null,
    publishable: false,
  } as unknown as ReportRow;
  const events: HistoryItem['events'] = [{ at: sim.createdAt, type: 'report.created', payload: {} }];
  for (const t of sim.transitions) {
    // A deadline that passed before the agency moved was announced then, as the sweeper does live.
    if (row.dueAt && row.dueAt < t.at) events.push(overdueEvent(row.dueAt));
    const d = decideTransition(row, { action: t.action, at: t.at, rating: t.rating }, deps.sla);
    row = { ...row, ...d.patch, updatedAt: t.at };
    events.push({ at: t.at, type: d.eventType, payload: d.eventPayload });
  }
  // Already late at the end of history: flagged as of its deadline, so the first sweep stays quiet.
  const open = isOpenStatus(row.status);
  const due = row.dueAt;
  if (open && due && due < now) {
    row = { ...row, overdueAt: due };
    events.push(overdueEvent(due));
  }
  const { id: _id, publicId: _publicId, ...final } = row;
  return { report: final, contact, events };
}

function overdueEvent(dueAt: Date): HistoryItem['events'][number] {
  return { at: dueAt, type: 'report.overdue', payload: { dueAt: dueAt.toISOString() } };
}
