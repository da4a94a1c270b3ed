import type { AreaCount, KpisResponse, PublicKpisResponse } from '../../../api/wire';

/** Counts behind the KPI cards: shares are computed on screen from these. */
export interface KpiCounts {
  received: number;
  handled: number;
  inProgress: number;
  rejected: number;
  open: number;
  overdue: number;
}

/** Reads KPI counts from either audience's KPIs: the operations desk's counts, or the public shares. */
export function toKpiCounts(k: KpisResponse | PublicKpisResponse): KpiCounts {
  if ('handled' in k)
    return {
      received: k.received,
      handled: k.handled,
      inProgress: k.inProgress,
      rejected: k.rejected,
      open: k.open,
      overdue: k.overdue,
    };
  // The public KPIs give percentages (0–100) where they withhold counts.
  const fromShare = (pct: number | null) => (pct === null ? 0 : Math.round((pct / 100) * k.received));
  const open =
    k.overduePct !== null && k.overduePct > 0
      ? Math.round((k.overdue * 100) / k.overduePct)
      : fromShare(k.inProgressPct);
  return {
    received: k.received,
    handled: fromShare(k.handledPct),
    inProgress: fromShare(k.inProgressPct),
    rejected: fromShare(k.rejectedPct),
    open,
    overdue: k.overdue,
  };
}

/** Shares as iHanoi publishes them: of the reports received in the window; overdue of the open backlog. */
export function kpiShares(k: KpiCounts) {
  const of = (n: number, d: number) => (d > 0 ? n / d : null);
  return {
    handled: of(k.handled, k.received),
    inProgress: of(k.inProgress, k.received),
    rejected: of(k.rejected, k.received),
    overdue: of(k.overdue, k.open),
  };
}

/** Open backlog per 10,000 residents: the fair comparison between a 40,000-person ward and a 400,000-person district. */
export function perTenThousand(count: number, population: number | null): number | null {
  return population && population > 0 ? (count * 10_000) / population : null;
}

/** Trend of a series: the second half against the first; +1 rising, -1 falling, 0 flat (within 10%). */
export function trendOf(series: number[]): -1 | 0 | 1 {
  if (series.length < 2) return 0;
  const half = Math.floor(series.length / 2);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const first = sum(series.slice(0, half)) / half;
  const second = sum(series.slice(series.length - half)) / half;
  if (first === 0 && second === 0) return 0;
  const change = (second - first) / Math.max(first, 1e-9);
  return change > 0.1 ? 1 : change < -0.1 ? -1 : 0;
}

export type SortKey = 'name' | 'received' | 'open' | 'overdue' | 'rate' | 'age';

export function sortAreas(rows: AreaCount[], key: SortKey, desc: boolean, lang: 'vi' | 'en'): AreaCount[] {
  const value = (a: AreaCount): number | string => {
    switch (key) {
      case 'name':
        return lang === 'vi' ? a.nameVi : a.nameEn;
      case 'rate':
        return perTenThousand(a.open, a.population) ?? -1;
      case 'age':
        return a.medianOpenAgeHours ?? -1;
      default:
        return a[key];
    }
  };
  const collator = new Intl.Collator(lang === 'vi' ? 'vi' : 'en');
  return [...rows].sort((x, y) => {
    const a = value(x);
    const b = value(y);
    const c = typeof a === 'string' ? collator.compare(a, b as string) : a - (b as number);
    return desc ? -c : c;
  });
}

/**
 * Areas that most need attention, for the wall's tour: overdue first, then backlog per resident.
 * Flagged hotspots (a later issue) go ahead of both when given.
 */
export function attentionOrder(rows: AreaCount[], flagged: ReadonlySet<string> = new Set()): AreaCount[] {
  return [...rows]
    .filter((a) => a.open > 0 || flagged.has(a.code))
    .sort(
      (x, y) =>
        Number(flagged.has(y.code)) - Number(flagged.has(x.code)) ||
        y.overdue - x.overdue ||
        (perTenThousand(y.open, y.population) ?? 0) - (perTenThousand(x.open, x.population) ?? 0),
    );
}
