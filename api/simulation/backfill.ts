import { createRng, historyChunks } from '../../seeds/simulator';
import type { AppDeps } from '../context';
import { createWorkingClock } from '../domain/workingCalendar';
import { materialize } from './materialize';

/** iHanoi-scale intake for one city: enough to make a month's map and charts meaningful. */
export const HISTORY_REPORTS_PER_DAY = 600;
const MS_PER_DAY = 86_400_000;
/** Reports per transaction: big enough to amortise commits, small enough to keep memory flat. */
const CHUNK_REPORTS = 1_000;

export type BackfillSpec = { days: number } | { reports: number };

/**
 * Fills the store with lived history ending now: `days` at the city's usual rate, or a fixed
 * number of reports over 30 days (load work). Returns how many reports it stored.
 */
export async function backfill(
  deps: Pick<AppDeps, 'store' | 'pack' | 'intake' | 'dueAt' | 'sla'>,
  spec: BackfillSpec,
  now: Date,
  seed = 2026,
  onProgress?: (stored: number) => void,
): Promise<number> {
  const days = 'days' in spec ? spec.days : 30;
  const reportsPerDay = 'reports' in spec ? spec.reports / days : HISTORY_REPORTS_PER_DAY;
  if (days <= 0 || reportsPerDay <= 0) return 0;
  const clock = createWorkingClock(deps.pack.calendar);
  const chunks = historyChunks(
    {
      pack: deps.pack,
      clock,
      dueAt: deps.dueAt,
      from: new Date(now.getTime() - days * MS_PER_DAY),
      to: now,
      reportsPerDay,
      rng: createRng(seed),
    },
    CHUNK_REPORTS,
  );
  let stored = 0;
  for (const chunk of chunks) {
    const items = [];
    for (const sim of chunk) {
      try {
        items.push(materialize(sim, deps, now));
      } catch {
        // A point drawn on a commune edge that neither area layer covers: skip it, as intake would.
      }
    }
    stored += await deps.store.reports.importHistory(items);
    onProgress?.(stored);
  }
  return stored;
}
