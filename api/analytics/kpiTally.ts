import type { DurationTally, KpiGrouping, KpiTally } from '../../db/queries/kpis';
import { DURATION_BINS, histogramPercentile, histogramSize } from './durationBins';
import {
  addCounters,
  DUPLICATE,
  HANDLED,
  IN_PROGRESS,
  JUDGED,
  KEYS,
  ON_TIME,
  OPEN,
  OVERDUE,
  RATED,
  REACHED,
  RECEIVED,
  REJECTED,
  REOPENED,
  RESOLVED,
  SATISFIED,
  SLOTS,
  STATE_KEYS,
  UNCOUNTED,
} from './kpiKeys';
import { BIN_BITS, BIN_MASK, FLAGS_SHIFT, type ReportColumns } from './reportColumns';

/**
 * The KPIs of db/queries/kpis.ts (same definitions, read the comment there) in one pass over the
 * in-memory columns: counts of packed keys per group (kpiKeys.ts) and one duration histogram per
 * group and measure, then counters and percentiles read off them. O(reports + groups × bins), no
 * sort, no allocation per report, and no branch on what varies from one report to the next.
 * The pass reads eight columns a report (its group, five times and two packed words:
 * reportColumns.ts) and counts into one array: in V8 each typed-array access checks its array and
 * loads its bounds, and those checks, not the arithmetic or the memory, were most of the pass's
 * time. ~21 ms for a million reports by commune on a small busy machine (~12 ms for the city),
 * where the SQL takes seconds.
 */
export interface KpiQuery {
  since: number;
  until: number;
  now: number;
  groupBy: KpiGrouping;
  /** A district or commune code: only reports in it. */
  area?: string;
  categories?: string[];
  /** Area codes the reader may see (a chief's scope); undefined = all. */
  scope?: string[];
  /** Only reports routed to this agency (an agency's scope); undefined = all. */
  agency?: string;
}

/**
 * What one pass accumulates, in one array, group after group: a group's key counts (KEYS), then
 * its four duration histograms (accept, accept working hours, resolve, resolve working hours).
 */
const ACCEPT = KEYS;
const ACCEPT_WORKING = KEYS + DURATION_BINS;
const RESOLVE = KEYS + 2 * DURATION_BINS;
const RESOLVE_WORKING = KEYS + 3 * DURATION_BINS;
const STRIDE = KEYS + 4 * DURATION_BINS;
/**
 * The pass writes these as literals: a shift or an offset by an imported constant costs a check
 * and a register on every use (an imported binding is not folded), ~10% of the pass.
 */
const LITERALS = {
  STRIDE: 5208,
  ACCEPT: 80,
  ACCEPT_WORKING: 1362,
  RESOLVE: 2644,
  RESOLVE_WORKING: 3926,
  STATE_KEYS: 64,
};
const ACTUAL = { STRIDE, ACCEPT, ACCEPT_WORKING, RESOLVE, RESOLVE_WORKING, STATE_KEYS };
if (JSON.stringify(LITERALS) !== JSON.stringify(ACTUAL) || BIN_BITS !== 11 || BIN_MASK !== 2047 || FLAGS_SHIFT !== 22)
  throw new Error('kpiTally: the literals of the pass no longer match the layout (kpiKeys.ts, reportColumns.ts)');

/** Tallies keyed by area code ('city' when grouping by city); groups with no report are absent. */
export function tallyKpis(cols: ReportColumns, q: KpiQuery): Map<string, KpiTally> {
  const out = new Map<string, KpiTally>();
  const city = q.groupBy === 'city';
  // Group 0: the city, or the reports with no area at that level (counted, never read).
  const groups = city ? 1 : cols.areas.size + 1;
  const areaOnly = q.area === undefined ? -1 : cols.areaId(q.area);
  if (areaOnly === 0) return out; // an area no report has ever named
  // Agency dictionary id + 1; −1 = every agency, 0 = an agency no report has named (nothing).
  const agencyOnly = q.agency === undefined ? -1 : (cols.agencies.lookup(q.agency) ?? -1) + 1;
  if (agencyOnly === 0) return out;
  const byArea = q.groupBy === 'district' ? cols.district : q.groupBy === 'commune' ? cols.commune : null;
  const categoryOk = categoryMask(cols, q.categories);
  const scopeOk = scopeMask(cols, q.scope);
  // Each report's group; a filter sends the reports it leaves out to one more group, never read.
  const groupOf =
    areaOnly > 0 || categoryOk || scopeOk || agencyOnly > 0
      ? filteredGroups(cols, { byArea, areaOnly, categoryOk, scopeOk, agencyOnly }, groups)
      : (byArea ?? cityGroups(cols.size));
  const acc = accumulators(groups + 1);
  // The pass and the reading of each group are functions of their own: each is optimised on its
  // own from the first queries on, rather than one long function entered mid-loop and thrown back
  // to the interpreter for its tail on every call.
  accumulate(cols, q.since, q.until, q.now, groupOf, acc);
  const counts = new Int32Array(SLOTS);
  for (let g = city ? 0 : 1; g < groups; g++) {
    const tally = groupTally(acc, g * STRIDE, counts);
    if (tally) out.set(city ? 'city' : cols.areas.values[g - 1]!, tally);
  }
  return out;
}

function accumulate(
  cols: ReportColumns,
  since: number,
  until: number,
  now: number,
  groupOf: Uint16Array,
  acc: Int32Array,
): void {
  const { created, accepted, resolved, closed, due, kpiAccept, kpiResolve } = cols;
  for (let i = 0, size = cols.size; i < size; i++) {
    const c = created[i]!;
    if (!(c < until)) continue;
    const o = groupOf[i]! * 5208; // STRIDE
    // 0 or 1 from comparisons rather than branches (NaN, no time, compares false): which reports
    // fall in the window is as good as random from one to the next, so branches would mispredict.
    const filed = +(c >= since);
    const a = accepted[i]!;
    const acceptedIn = +(a >= since) & +(a < until);
    const r = resolved[i]!;
    const resolvedIn = +(r >= since) & +(r < until);
    const cl = closed[i]!;
    const closedIn = +(cl >= since) & +(cl < until);
    const pastDue = +(due[i]! < now);
    const ka = kpiAccept[i]!;
    const kr = kpiResolve[i]!;
    const flags = ka >> 22; // FLAGS_SHIFT
    // The keys of kpiKeys.ts: the state key's low bits are the flags' (status, reopened).
    acc[o + ((flags & 15) | (filed << 4) | (pastDue << 5))]++;
    acc[o + 64 + ((resolvedIn * ((flags >> 4) & 3)) | ((closedIn * (flags >> 6)) << 2))]++; // STATE_KEYS
    // Outside the window (or with no duration) a report adds 0, or lands in bin 0, which no
    // percentile reads: the sizes are summed from bin 1 on at the end.
    acc[o + 80 + (ka & 2047)] += acceptedIn; // ACCEPT, BIN_MASK
    acc[o + 1362 + ((ka >> 11) & 2047)] += acceptedIn; // ACCEPT_WORKING, BIN_BITS
    acc[o + 2644 + (kr & 2047)] += resolvedIn; // RESOLVE
    acc[o + 3926 + (kr >> 11)] += resolvedIn; // RESOLVE_WORKING
  }
}

/** Which reports a query counts, resolved against the columns' dictionaries. */
interface RowFilter {
  byArea: Uint16Array | null;
  areaOnly: number;
  categoryOk: Uint8Array | null;
  scopeOk: Uint8Array | null;
  agencyOnly: number;
}

/** Each report's group (its area's id + 1 by area, 0 for the city), or `groups` if the filter leaves it out. */
function filteredGroups(cols: ReportColumns, f: RowFilter, groups: number): Uint16Array {
  const { byArea, areaOnly, categoryOk, scopeOk, agencyOnly } = f;
  const { district, commune, category, agency } = cols;
  const out = groupScratch(cols.size);
  for (let i = 0, size = cols.size; i < size; i++) {
    const left =
      (areaOnly > 0 && district[i] !== areaOnly && commune[i] !== areaOnly) ||
      (categoryOk !== null && categoryOk[category[i]!] !== 1) ||
      (scopeOk !== null && scopeOk[district[i]!] !== 1 && scopeOk[commune[i]!] !== 1) ||
      (agencyOnly > 0 && agency[i] !== agencyOnly);
    out[i] = left ? groups : byArea ? byArea[i]! : 0;
  }
  return out;
}

/** Scratch arrays reused by every query (a tally is synchronous, so one runs at a time). */
let filtered = new Uint16Array(0);
let zeros = new Uint16Array(0);

function groupScratch(size: number): Uint16Array {
  if (filtered.length < size) filtered = new Uint16Array(Math.max(size, filtered.length * 2));
  return filtered;
}

/** Group 0 for every report (by city); never written. */
function cityGroups(size: number): Uint16Array {
  if (zeros.length < size) zeros = new Uint16Array(Math.max(size, zeros.length * 2));
  return zeros;
}

/**
 * Zeroed accumulators for `groups` groups. The same buffer serves every query (a tally is
 * synchronous, so one runs at a time): fresh ones (3.3 MB by commune) came from the OS as untouched
 * pages each time, and faulting them in made the first ten-odd queries a third slower (~40 ms
 * instead of ~30) until a GC recycled them.
 */
function accumulators(groups: number): Int32Array {
  const size = groups * STRIDE;
  if (scratch.length < size) scratch = new Int32Array(size);
  scratch.fill(0, 0, size);
  return scratch;
}
let scratch = new Int32Array(0);

/** The tally of the group at `o` in `acc`, or null when no report counts in it; `counts` is scratch (SLOTS long). */
function groupTally(acc: Int32Array, o: number, counts: Int32Array): KpiTally | null {
  counts.fill(0);
  addCounters(acc, o, counts);
  const accept = durations(acc, o + ACCEPT, o + ACCEPT_WORKING);
  let any = accept.n;
  for (let k = 0; k < UNCOUNTED; k++) any |= counts[k]!;
  if (!any) return null;
  return {
    received: counts[RECEIVED]!,
    handled: counts[HANDLED]!,
    inProgress: counts[IN_PROGRESS]!,
    rejected: counts[REJECTED]!,
    duplicate: counts[DUPLICATE]!,
    open: counts[OPEN]!,
    overdue: counts[OVERDUE]!,
    resolved: counts[RESOLVED]!,
    judged: counts[JUDGED]!,
    onTime: counts[ON_TIME]!,
    rated: counts[RATED]!,
    satisfied: counts[SATISFIED]!,
    reachedResolution: counts[REACHED]!,
    reopened: counts[REOPENED]!,
    accept,
    resolve: durations(acc, o + RESOLVE, o + RESOLVE_WORKING),
  };
}

function durations(acc: Int32Array, wall: number, working: number): DurationTally {
  const n = histogramSize(acc, wall);
  const nWorking = histogramSize(acc, working);
  return {
    n,
    p50: histogramPercentile(acc, wall, n, 0.5),
    p90: histogramPercentile(acc, wall, n, 0.9),
    p50Working: histogramPercentile(acc, working, nWorking, 0.5),
    p90Working: histogramPercentile(acc, working, nWorking, 0.9),
  };
}

function categoryMask(cols: ReportColumns, categories?: string[]): Uint8Array | null {
  if (!categories?.length) return null;
  const mask = new Uint8Array(Math.max(1, cols.categories.size));
  for (const c of categories) {
    const i = cols.categories.lookup(c);
    if (i !== undefined) mask[i] = 1;
  }
  return mask;
}

function scopeMask(cols: ReportColumns, scope?: string[]): Uint8Array | null {
  if (!scope) return null;
  const mask = new Uint8Array(cols.areas.size + 1);
  for (const code of scope) {
    const id = cols.areaId(code);
    if (id) mask[id] = 1;
  }
  return mask;
}
