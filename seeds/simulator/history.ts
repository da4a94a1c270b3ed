/**
 * A month (or a million reports) of believable past: arrivals on the daily rhythm, each with a
 * category, a place, a text, and the lifecycle transitions that happened before `to`.
 * Pure: the caller inserts `SimReport`s in batches and schedules the `pending` transitions.
 */
import type { CityPack, Severity } from '../../core/cityPack';
import { cityClock } from '../../core/cityClock';
import { arrivalTimes } from './arrivals';
import { composeText, contentOf, createCategoryPicker, fakeReporter, type ReporterContact } from './content';
import { HANDLED_STATUSES, OPEN_STATUSES, REPORT_STATUSES } from '../../core/statuses';
import {
  planLifecycle,
  statusAt,
  type DueAtFn,
  type PlannedTransition,
  type ReportStatus,
  type WorkingHoursClock,
} from './lifecycle';
import { createPlaceSampler, type HotZones } from './places';
import type { Rng } from './random';

/** The body a report is filed with (api's NewReportBody plus its source). */
export interface SimReportInput {
  category: string;
  lat: number;
  lng: number;
  title: string;
  description: string;
  reporter?: ReporterContact;
  source: 'simulator';
}

export interface SimReport {
  input: SimReportInput;
  createdAt: Date;
  /** The category's severity, as intake will derive it; the plan was timed with it. */
  severity: Severity;
  /** The commune the point was drawn in (intake derives its own from the point). */
  communeCode: string;
  /** Transitions that happened by the horizon (`to`), in order. */
  transitions: PlannedTransition[];
  /** The rest of the plan, after the horizon: a live run can schedule these as they fall due. */
  pending: PlannedTransition[];
}

export interface SimulatorSetup {
  pack: Pick<CityPack, 'areas' | 'categories' | 'timezone' | 'languages' | 'simulator'>;
  clock: WorkingHoursClock;
  /** The SLA rule (e.g. api's dueAtFor bound to the pack); enables the deadline effect. */
  dueAt?: DueAtFn;
  hotZones?: HotZones;
}

export type ReportMaker = (createdAt: Date, rng: Rng, horizon?: Date) => SimReport;

/**
 * Builds the per-report generator once (category and commune tables, polygon caches), for
 * history and for the live run alike. `horizon` splits the plan into `transitions`
 * (at ≤ horizon) and `pending`; without it everything is pending.
 */
export function createReportMaker(setup: SimulatorSetup): ReportMaker {
  const content = contentOf(setup.pack);
  const categories = createCategoryPicker(setup.pack.categories, content.categoryWeights);
  const places = createPlaceSampler(setup.pack, setup.hotZones);
  return (createdAt, rng, horizon) => {
    const category = categories.pick(rng);
    const place = places.sample(category.code, rng);
    const text = composeText(category, place, rng, content);
    const reporter = fakeReporter(rng, content);
    const plan = planLifecycle(
      { status: 'received', severity: category.severity, createdAt },
      { now: createdAt, clock: setup.clock, dueAt: setup.dueAt },
      rng,
    );
    const horizonMs = horizon ? horizon.getTime() : -Infinity;
    let split = 0;
    while (split < plan.length && plan[split].at.getTime() <= horizonMs) split++;
    const input: SimReportInput = {
      category: category.code,
      lat: place.lat,
      lng: place.lng,
      title: text.title,
      description: text.description,
      source: 'simulator',
    };
    if (reporter) input.reporter = reporter;
    return {
      input,
      createdAt,
      severity: category.severity,
      communeCode: place.communeCode,
      transitions: plan.slice(0, split),
      pending: plan.slice(split),
    };
  };
}

export interface HistoryOptions extends SimulatorSetup {
  from: Date;
  to: Date;
  reportsPerDay: number;
  rng: Rng;
}

/**
 * History in batches of `chunkSize`, ascending by `createdAt`; holds one batch at a time, so a
 * million-report load run streams straight into the database.
 */
export function* historyChunks(opts: HistoryOptions, chunkSize = 1000): Generator<SimReport[]> {
  const make = createReportMaker(opts);
  // Separate streams: more draws per report (say, a new template) leave arrival times unchanged.
  const arrivalRng = opts.rng.fork();
  const reportRng = opts.rng.fork();
  let batch: SimReport[] = [];
  for (const createdAt of arrivalTimes(
    opts.from,
    opts.to,
    opts.reportsPerDay,
    arrivalRng,
    cityClock(opts.pack.timezone),
  )) {
    batch.push(make(createdAt, reportRng, opts.to));
    if (batch.length >= chunkSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

export function generateHistory(opts: HistoryOptions): SimReport[] {
  const out: SimReport[] = [];
  for (const chunk of historyChunks(opts, 4096)) for (const r of chunk) out.push(r);
  return out;
}

export interface StatusMix {
  at: Date;
  total: number;
  counts: Record<ReportStatus, number>;
  /** resolved + closed */
  handled: number;
  /** received + accepted + in_progress + reopened */
  open: number;
  rejected: number;
  /** Open and past its running deadline (needs `dueAt`; 0 without it). */
  overdue: number;
  share: { handled: number; open: number; rejected: number; overdue: number };
}

/**
 * The status mix at `at` of the reports filed by then, replaying each report's transitions —
 * the numbers the desk's KPI tiles would show. Deadlines mirror the store: the running
 * deadline of the status reached, with the clock restarted by a reopen.
 */
export function summariseMix(reports: Iterable<SimReport>, at: Date, dueAt?: DueAtFn): StatusMix {
  const counts = Object.fromEntries(REPORT_STATUSES.map((s) => [s, 0])) as Record<ReportStatus, number>;
  let total = 0;
  let overdue = 0;
  const atMs = at.getTime();
  for (const r of reports) {
    if (r.createdAt.getTime() > atMs) continue;
    total++;
    const all = r.pending.length ? r.transitions.concat(r.pending) : r.transitions;
    const s = statusAt(all, at);
    counts[s.status]++;
    if (dueAt && OPEN_STATUSES.has(s.status)) {
      const due = dueAt({
        status: s.status,
        severity: r.severity,
        createdAt: r.createdAt,
        acceptedAt: s.reopenedAt ?? s.acceptedAt,
        at: s.since ?? r.createdAt,
      });
      if (due && due.getTime() < atMs) overdue++;
    }
  }
  let handled = 0;
  let open = 0;
  for (const [status, n] of Object.entries(counts) as Array<[ReportStatus, number]>) {
    if (HANDLED_STATUSES.has(status)) handled += n;
    if (OPEN_STATUSES.has(status)) open += n;
  }
  const rejected = counts.rejected;
  const share = (n: number) => (total ? n / total : 0);
  return {
    at,
    total,
    counts,
    handled,
    open,
    rejected,
    overdue,
    share: { handled: share(handled), open: share(open), rejected: share(rejected), overdue: share(overdue) },
  };
}
