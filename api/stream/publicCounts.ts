import type { AreaFeature } from '../../core/cityPack';
import type { PublicAreaCounts, PublicCountsMessage } from '../../core/events';
import { PUBLIC_MIN_REPORTS_PER_CELL } from '../../db/queries/publicAggregates';
import type { WindowCountRow } from '../../db/queries/publicWindowCounts';

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

const shown = (n: number): number | null => (n >= PUBLIC_MIN_REPORTS_PER_CELL ? n : null);

/**
 * Per measure, independently (received and resolved count different reports):
 * - a commune's count is shown if it is at least 3, else withheld (null);
 * - districts are built from their communes by the pack's parentCode (a strict tree, so a district
 *   is its communes plus reports placed in no commune), and a district's total is shown only if it
 *   is at least 3 AND what it holds beyond its shown communes (the withheld communes and the
 *   unplaced reports) is 0 or at least 3. Differencing a district against its shown communes then
 *   yields 0 or a group of at least 3 reports, never one or two; and since every area is in one
 *   branch of the tree, sums and differences of shown figures only ever combine whole groups.
 * A row is listed when at least one of its counts is shown; absent = nothing shown.
 */
export function publicCounts(
  rows: readonly WindowCountRow[],
  areas: readonly Pick<AreaFeature, 'code' | 'level' | 'parentCode'>[],
  span: PublicWindowSpan,
  delayMin: number,
  windowMin = PUBLIC_WINDOW_MIN,
): PublicCountsMessage {
  const parentOf = new Map(areas.filter((a) => a.level === 'commune').map((a) => [a.code, a.parentCode]));
  const communes = new Map<string, Record<Measure, number>>();
  const districts = new Map<string, Record<Measure, number> & { hidden: Record<Measure, number> }>();
  const zero = () => ({ received: 0, resolved: 0 });
  for (const r of rows) {
    const district = (r.communeCode !== null ? parentOf.get(r.communeCode) : undefined) ?? r.districtCode;
    if (r.communeCode !== null) {
      const c = communes.get(r.communeCode) ?? zero();
      communes.set(r.communeCode, c);
      for (const m of MEASURES) c[m] += r[m];
    }
    if (district === null) continue;
    const d = districts.get(district) ?? { ...zero(), hidden: zero() };
    districts.set(district, d);
    for (const m of MEASURES) d[m] += r[m];
  }
  // What each district holds beyond its shown communes.
  for (const [code, d] of districts) {
    for (const m of MEASURES) d.hidden[m] = d[m];
    for (const [cc, c] of communes) {
      if (parentOf.get(cc) !== code) continue;
      for (const m of MEASURES) if (shown(c[m]) !== null) d.hidden[m] -= c[m];
    }
  }
  const list = (entries: Array<[string, PublicAreaCounts]>) =>
    entries
      .filter(([, a]) => a.received !== null || a.resolved !== null)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, a]) => a);
  return {
    type: 'public.counts',
    since: span.since.toISOString(),
    until: span.until.toISOString(),
    windowMin,
    delayMin,
    minCount: PUBLIC_MIN_REPORTS_PER_CELL,
    districts: list(
      [...districts].map(([code, d]) => {
        const one = (m: Measure) =>
          d.hidden[m] === 0 || d.hidden[m] >= PUBLIC_MIN_REPORTS_PER_CELL ? shown(d[m]) : null;
        return [code, { code, received: one('received'), resolved: one('resolved') }];
      }),
    ),
    communes: list(
      [...communes].map(([code, c]) => [code, { code, received: shown(c.received), resolved: shown(c.resolved) }]),
    ),
  };
}

/** One SSE message, without `id:` so the client's Last-Event-ID stays its last stored event. */
export function encodePublicCounts(m: PublicCountsMessage): string {
  return `event: ${m.type}\ndata: ${JSON.stringify(m)}\n\n`;
}
