import { bhAdjust } from '../../geo/fdr';
import { normalCdf } from '../../geo/normal';
import type { HotspotReason } from '../../core/events';

/**
 * When an area is flagged as a backlog hotspot, and why. Pure: the hotspot model hands in counts
 * and Gi* results, this decides.
 *
 * An area (district or commune) is flagged when either test says so:
 * - `hot-cell`: it holds a res-8 cell (by the cell's centre) whose Gi* on open backlog is a hot
 *   spot at ≥ 95% confidence (after Benjamini–Hochberg over all cells when `fdr`): the backlog
 *   clusters there beyond what chance would put in any neighbourhood of the city. The cell must
 *   hold open reports itself (an empty cell beside a cluster is hot by its neighbours, and would
 *   flag the area next door), and its neighbourhood at least MIN_HOT_NEIGHBOURHOOD_REPORTS: Gi*
 *   is relative, so in a quiet city a single report is "significant".
 * - `overdue-rate`: its share of open reports that are overdue is higher than the rest of the
 *   city's, by a one-sided two-proportion z-test at 95% (BH over the areas of the level when
 *   `fdr`). Only areas with at least MIN_OVERDUE_REPORTS overdue reports are tested, so one late
 *   report in a quiet ward cannot flag it. Compared with the rest of the city rather than the
 *   city total so the two samples are independent (a big district would otherwise pull the city
 *   rate towards its own).
 * Each flag carries its trend: the emerging-hotspot pattern of the area's hottest cell.
 */
export const FLAG_ALPHA = 0.05;
/** A hot cell whose neighbourhood holds fewer open reports than this is not a cluster to act on. */
export const MIN_HOT_NEIGHBOURHOOD_REPORTS = 5;
/** Fewer overdue reports than this never flag an area by rate, however small its backlog. */
export const MIN_OVERDUE_REPORTS = 5;
/** Cells listed in a hot-cell reason, hottest first. */
const MAX_CELLS_PER_REASON = 10;

export type FlagLevel = 'district' | 'commune';

export interface AreaCounts {
  code: string;
  open: number;
  overdue: number;
}

export interface CellResult {
  cell: string;
  /** The area holding the cell's centre at this level, or null. */
  area: string | null;
  /** Open backlog in the cell, and in its neighbourhood (the cell and its k-ring). */
  value: number;
  local: number;
  z: number;
  /** Two-sided p, BH-adjusted when the caller ran with FDR. */
  p: number;
  /** Confidence bin (±1/2/3 = 90/95/99%), after FDR when asked. */
  bin: number;
  pattern: string | null;
}

export interface FlagInput {
  level: FlagLevel;
  areas: AreaCounts[];
  /** Every cell of the study area with its Gi* on open backlog. */
  cells: CellResult[];
  fdr: boolean;
}

/** Why an area is flagged: the `hotspot.flagged` event's reasons (core/events.ts). */
export type FlagReason = HotspotReason;

export interface AreaFlag {
  code: string;
  level: FlagLevel;
  reasons: FlagReason[];
  /** Emerging-hotspot pattern of the area's hottest cell (highest z among cells with open reports), if it has a cell. */
  trend: { cell: string; pattern: string | null } | null;
}

/** Flags for one level, in area order. */
export function deriveAreaFlags(input: FlagInput): AreaFlag[] {
  const hotCells = new Map<string, CellResult[]>();
  const hottest = new Map<string, CellResult>();
  for (const c of input.cells) {
    if (c.area === null) continue;
    const top = hottest.get(c.area);
    if (!top || hotter(c, top)) hottest.set(c.area, c);
    if (c.bin >= 2 && c.value > 0 && c.local >= MIN_HOT_NEIGHBOURHOOD_REPORTS) {
      const list = hotCells.get(c.area) ?? [];
      list.push(c);
      hotCells.set(c.area, list);
    }
  }
  const rate = overdueRateTests(input.areas, input.fdr);
  const flags: AreaFlag[] = [];
  for (const a of input.areas) {
    const reasons: FlagReason[] = [];
    const hot = hotCells.get(a.code);
    if (hot) {
      const cells = [...hot].sort((x, y) => y.z - x.z).slice(0, MAX_CELLS_PER_REASON);
      reasons.push({
        test: 'hot-cell',
        cells: cells.map((c) => ({
          cell: c.cell,
          open: c.value,
          z: round(c.z, 2),
          p: round(c.p, 4),
          pattern: c.pattern,
        })),
      });
    }
    const r = rate.get(a.code);
    if (r) reasons.push(r);
    if (reasons.length === 0) continue;
    const top = hottest.get(a.code);
    flags.push({
      code: a.code,
      level: input.level,
      reasons,
      trend: top ? { cell: top.cell, pattern: top.pattern } : null,
    });
  }
  return flags;
}

/**
 * The area's hottest cell is the one with the highest z among cells holding open reports; an
 * empty cell beside a cluster can tie with it, and its trend would describe the neighbours.
 */
function hotter(a: CellResult, b: CellResult): boolean {
  if (a.value > 0 !== b.value > 0) return a.value > 0;
  return a.z > b.z;
}

/** The overdue-rate reason for each area that passes the test. */
function overdueRateTests(areas: AreaCounts[], fdr: boolean): Map<string, FlagReason & { test: 'overdue-rate' }> {
  let open = 0;
  let overdue = 0;
  for (const a of areas) {
    open += a.open;
    overdue += a.overdue;
  }
  const tested: Array<{ a: AreaCounts; z: number; p: number; restRate: number }> = [];
  for (const a of areas) {
    if (a.overdue < MIN_OVERDUE_REPORTS) continue;
    const t = twoProportionZ(a.overdue, a.open, overdue - a.overdue, open - a.open);
    if (t) tested.push({ a, ...t });
  }
  const p = fdr ? bhAdjust(tested.map((t) => t.p)) : tested.map((t) => t.p);
  const out = new Map<string, FlagReason & { test: 'overdue-rate' }>();
  tested.forEach((t, i) => {
    if (p[i]! > FLAG_ALPHA || t.z <= 0) return;
    out.set(t.a.code, {
      test: 'overdue-rate',
      overdue: t.a.overdue,
      open: t.a.open,
      ratePct: round((100 * t.a.overdue) / t.a.open, 1),
      restRatePct: round(100 * t.restRate, 1),
      z: round(t.z, 2),
      p: round(p[i]!, 4),
    });
  });
  return out;
}

/**
 * One-sided test that proportion x1/n1 exceeds x2/n2 (pooled standard error); null when either
 * sample is empty or nothing varies.
 */
export function twoProportionZ(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
): { z: number; p: number; restRate: number } | null {
  if (n1 <= 0 || n2 <= 0) return null;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (!(se > 0)) return null;
  const z = (x1 / n1 - x2 / n2) / se;
  // Φ(−z) rather than 1 − Φ(z): the upper tail keeps its digits when z is large.
  return { z, p: normalCdf(-z), restRate: x2 / n2 };
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
