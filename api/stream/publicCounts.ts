import type { AreaFeature } from '../../core/cityPack';
import type { PublicAreaCounts, PublicCountsMessage } from '../../core/events';
import { PUBLIC_MIN_REPORTS_PER_CELL } from '../../db/queries/publicAggregates';
import type { WindowCountRow } from '../../db/queries/publicWindowCounts';
import { type ShownAreaCounts, shownAreaCounts } from '../privacy/smallCounts';

/**
 * The public stream's window, and the rule that decides which of its counts may be shown. Pure:
 * the clock and the rows come in, a `public.counts` message goes out.
 */

export const MINUTE_MS = 60_000;
/**
 * Length of one public window. Five minutes: a third of the default delay, so the public page is
 * at most delay + 5 min behind; shorter windows would hold so few reports per commune that nearly
 * every count would be withheld, longer ones would leave the page visibly still.
 */
export const PUBLIC_WINDOW_MIN = 5;

const MEASURES = ['received', 'resolved'] as const;
type Measure = (typeof MEASURES)[number];

export interface PublicWindowSpan {
  since: Date;
  until: Date;
}

/**
 * The newest window the public may see at `nowMs`: it ended at least `delayMin` ago and starts on
 * the `windowMin` grid (whole minutes of UTC), so every process and every snapshot agree on it.
 */
export function latestPublicWindow(nowMs: number, delayMin: number, windowMin = PUBLIC_WINDOW_MIN): PublicWindowSpan {
  const w = windowMin * MINUTE_MS;
  const until = Math.floor((nowMs - delayMin * MINUTE_MS) / w) * w;
  return { since: new Date(until - w), until: new Date(until) };
}

/** An instant moved back to the start of its public window: no public figure is finer in time than a window. */
export function snapToPublicGrid(d: Date, windowMin = PUBLIC_WINDOW_MIN): Date {
  const w = windowMin * MINUTE_MS;
  return new Date(Math.floor(d.getTime() / w) * w);
}

/** The public snapshot endpoints count nothing filed at or after this instant (the newest window's end). */
export function publicCutoff(now: Date, delayMin: number): Date {
  return latestPublicWindow(now.getTime(), delayMin).until;
}

/**
 * Per measure, independently (received and resolved count different reports), the small-count rule
 * of api/privacy/smallCounts.ts. A row is listed when at least one of its counts is shown; absent =
 * nothing shown.
 */
export function publicCounts(
  rows: readonly WindowCountRow[],
  areas: readonly Pick<AreaFeature, 'code' | 'level' | 'parentCode'>[],
  span: PublicWindowSpan,
  delayMin: number,
  windowMin = PUBLIC_WINDOW_MIN,
): PublicCountsMessage {
  const parentOf = parentsOf(areas);
  const byMeasure = Object.fromEntries(
    MEASURES.map((m) => [
      m,
      shownAreaCounts(
        rows.map((r) => ({ ...r, n: r[m] })),
        parentOf,
      ),
    ]),
  ) as Record<Measure, ShownAreaCounts>;
  const list = (level: 'communes' | 'districts') => {
    const codes = new Set(MEASURES.flatMap((m) => [...byMeasure[m][level].keys()]));
    const shownSet = level === 'communes' ? 'shownCommunes' : 'shownDistricts';
    const one = (code: string, m: Measure) =>
      byMeasure[m][shownSet].has(code) ? (byMeasure[m][level].get(code) ?? null) : null;
    return [...codes]
      .sort()
      .map((code): PublicAreaCounts => ({ code, received: one(code, 'received'), resolved: one(code, 'resolved') }))
      .filter((a) => a.received !== null || a.resolved !== null);
  };
  return {
    type: 'public.counts',
    since: span.since.toISOString(),
    until: span.until.toISOString(),
    windowMin,
    delayMin,
    minCount: PUBLIC_MIN_REPORTS_PER_CELL,
    districts: list('districts'),
    communes: list('communes'),
  };
}

/** Each commune's parent district, from the pack. */
export function parentsOf(
  areas: readonly Pick<AreaFeature, 'code' | 'level' | 'parentCode'>[],
): Map<string, string | null> {
  return new Map(areas.filter((a) => a.level === 'commune').map((a) => [a.code, a.parentCode]));
}

/** One SSE message, without `id:` so the client's Last-Event-ID stays its last stored event. */
export function encodePublicCounts(m: PublicCountsMessage): string {
  return `event: ${m.type}\ndata: ${JSON.stringify(m)}\n\n`;
}
