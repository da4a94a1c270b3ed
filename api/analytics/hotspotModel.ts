import { cellToLatLng } from 'h3-js';
import type { PointAreas } from '../../geo/areaIndex';
import { DEFAULT_EHSA_DAYS, EmergingHotspotState } from '../../geo/emergingHotspots';
import { GiStarState } from '../../geo/giStarState';
import { giStarCells, giStarZ } from '../../geo/hotspots';
import { buildNeighbourIndex, type NeighbourIndex } from '../../geo/neighbourIndex';
import { type AreaCounts, type AreaFlag, type CellResult, deriveAreaFlags, type FlagLevel } from './areaFlags';
import type { HotspotFacts, ReportColumns } from './reportColumns';

export type HotspotMetric = 'open' | 'overdue';

export interface HotspotModelOptions {
  /** Ring radius of the maintained state (default 1). */
  k: number;
  /** Daily slices of the emerging-hotspot run (default 14). */
  days: number;
  /**
   * Benjamini–Hochberg for the flags and the emerging patterns (default on: flags page people).
   * One family per daily slice, on a rebuild and after a live event alike (geo/emergingHotspots.ts).
   */
  fdr: boolean;
}

export const DEFAULT_HOTSPOT_OPTIONS: HotspotModelOptions = { k: 1, days: DEFAULT_EHSA_DAYS, fdr: true };

/** Where a cell lies: the district and commune holding its centre (area dictionary ids + 1; 0 = none). */
export type CellAreas = (cell: string) => { district: string | null; commune: string | null };

/**
 * Backlog per res-8 cell and per area, Gi* on it, and the emerging-hotspot cube, all kept current
 * under single-report changes (apply: O(|k-ring|) per change, no h3 calls). Built from the
 * in-memory report columns; rebuilt (rebuild()) on a new local day and every few minutes.
 *
 * Values: `open` = reports in the open backlog in the cell; `overdue` = of those, the ones
 * announced overdue (report.overdue, cleared by any move). Daily slice t of the emerging run =
 * the open backlog at the end of local day t, from each report's status history (filed before
 * that midnight, not ended by it, and not resolved then at a time it was later reopened:
 * ReportColumns.openAt), the last slice being today so far (= `open` now).
 */
export class HotspotModel {
  readonly opts: HotspotModelOptions;
  index!: NeighbourIndex;
  private open!: GiStarState;
  private overdue!: GiStarState;
  private slices!: Float64Array[];
  private emerging!: EmergingHotspotState;
  /** Position in the index of each cell-dictionary id (−1: outside the study area). */
  private positionOfCell = new Int32Array(0);
  private mappedCells = 0;
  /** Area dictionary id + 1 of each index position, per level. */
  private cellDistrict = new Int32Array(0);
  private cellCommune = new Int32Array(0);
  private openByArea = new Int32Array(0);
  private overdueByArea = new Int32Array(0);
  private indexes = new Map<number, NeighbourIndex>();
  /** Reports in cells outside the study area (counted, not analysed, until the next rebuild). */
  outside = 0;
  builtForDay = '';

  constructor(
    private readonly cols: ReportColumns,
    private readonly studyCells: readonly string[],
    private readonly cellAreas: CellAreas,
    /** The city's areas: every one is tested, including those with no report yet. */
    private readonly areas: ReadonlyArray<{ code: string; level: FlagLevel }>,
    opts: Partial<HotspotModelOptions> = {},
  ) {
    this.opts = { ...DEFAULT_HOTSPOT_OPTIONS, ...opts };
  }

  /**
   * Recomputes everything from the columns. `dayEnds` are the ends of the local days of the
   * emerging run, oldest first, the last one being now; `day` names the current local day.
   */
  rebuild(dayEnds: number[], day: string): void {
    const cols = this.cols;
    // The study area grows (never shrinks) by cells of reports filed outside the polyfill.
    if (!this.index || cols.cells.values.some((c) => !this.index.position.has(c))) {
      this.index = buildNeighbourIndex([...(this.index?.cells ?? this.studyCells), ...cols.cells.values], this.opts.k);
      this.indexes = new Map([[this.opts.k, this.index]]);
      this.placeCells();
    }
    this.mapCellIds();
    const n = this.index.cells.length;
    const open = new Float64Array(n);
    const overdue = new Float64Array(n);
    this.slices = Array.from({ length: dayEnds.length }, () => new Float64Array(n));
    this.openByArea = new Int32Array(cols.areas.size + 2);
    this.overdueByArea = new Int32Array(cols.areas.size + 2);
    this.outside = 0;
    const last = dayEnds.length - 1;
    for (let i = 0; i < cols.size; i++) {
      const facts = cols.factsAt(i);
      const pos = this.positionOfCell[facts.cell]!;
      if (facts.open) {
        this.openByArea[facts.district]!++;
        this.openByArea[facts.commune]!++;
        if (facts.overdue) {
          this.overdueByArea[facts.district]!++;
          this.overdueByArea[facts.commune]!++;
        }
      }
      if (pos < 0) {
        if (facts.open) this.outside++;
        continue;
      }
      if (facts.open) {
        open[pos]++;
        if (facts.overdue) overdue[pos]++;
      }
      for (let t = 0; t < last; t++) if (cols.openAt(i, dayEnds[t]!)) this.slices[t]![pos]++;
    }
    this.slices[last]!.set(open);
    this.open = new GiStarState(this.index, open);
    this.overdue = new GiStarState(this.index, overdue);
    this.emerging = new EmergingHotspotState(this.index, this.slices, { fdr: this.opts.fdr });
    this.builtForDay = day;
  }

  /** One report changed (or appeared, when `before` is null). */
  apply(before: HotspotFacts | null, after: HotspotFacts): void {
    if (
      before &&
      before.cell === after.cell &&
      before.open === after.open &&
      before.overdue === after.overdue &&
      before.district === after.district &&
      before.commune === after.commune
    )
      return;
    if (before) this.count(before, -1);
    this.count(after, 1);
  }

  private count(f: HotspotFacts, sign: 1 | -1) {
    if (!f.open) return;
    this.ensureAreas();
    this.openByArea[f.district]! += sign;
    this.openByArea[f.commune]! += sign;
    if (f.overdue) {
      this.overdueByArea[f.district]! += sign;
      this.overdueByArea[f.commune]! += sign;
    }
    if (f.cell >= this.mappedCells) this.mapCellIds();
    const pos = this.positionOfCell[f.cell]!;
    if (pos < 0) {
      this.outside += sign;
      return;
    }
    this.open.addAt(pos, sign);
    if (f.overdue) this.overdue.addAt(pos, sign);
    this.slices[this.slices.length - 1]![pos]! += sign;
    this.emerging.add(this.slices.length - 1, this.index.cells[pos]!, sign);
  }

  /** Gi* of every cell for a metric and ring radius; `fdr` adds BH-corrected bins. */
  cells(metric: HotspotMetric, k: number, fdr: boolean): Array<CellResult & { pFdr?: number }> {
    const state = metric === 'open' ? this.open : this.overdue;
    const index = this.indexFor(k);
    const values = new Float64Array(index.cells.length);
    for (let i = 0; i < values.length; i++) values[i] = state.valueAt(i);
    // The maintained state answers its own k in O(n); another k walks its rings once.
    const z = k === this.opts.k ? state.zScores() : giStarZ(index, values);
    const local = (i: number) => {
      if (k === this.opts.k) return state.localAt(i);
      let sum = 0;
      for (let e = index.start[i]!; e < index.start[i + 1]!; e++) sum += values[index.neighbours[e]!]!;
      return sum;
    };
    const results = giStarCells(index, z, fdr);
    const patterns = metric === 'open' && k === this.opts.k ? this.emerging.results() : null;
    return index.cells.map((cell, i) => {
      const r = results.get(cell)!;
      return {
        cell,
        area: null,
        value: values[i]!,
        local: local(i),
        z: r.z,
        p: fdr ? r.pFdr! : r.p,
        bin: fdr ? r.binFdr! : r.bin,
        pattern: patterns?.get(cell)?.pattern ?? null,
      };
    });
  }

  /** The flags of both levels, from the maintained state (k and FDR as configured). */
  flags(): AreaFlag[] {
    const cells = this.cells('open', this.opts.k, this.opts.fdr);
    const out: AreaFlag[] = [];
    for (const level of ['district', 'commune'] as FlagLevel[]) {
      const areaOf = level === 'district' ? this.cellDistrict : this.cellCommune;
      out.push(
        ...deriveAreaFlags({
          level,
          areas: this.areaCounts(level),
          cells: cells.map((c, i) => ({ ...c, area: areaOf[i] ? this.cols.areas.values[areaOf[i]! - 1]! : null })),
          fdr: this.opts.fdr,
        }),
      );
    }
    return out;
  }

  /** Open and overdue per area of a level, in code order. */
  areaCounts(level: FlagLevel): AreaCounts[] {
    return this.areas
      .filter((a) => a.level === level)
      .map(({ code }) => {
        const id = this.cols.areaId(code);
        return { code, open: id ? (this.openByArea[id] ?? 0) : 0, overdue: id ? (this.overdueByArea[id] ?? 0) : 0 };
      })
      .sort((a, b) => (a.code < b.code ? -1 : 1));
  }

  /** Cell value of a metric (tests and the benchmark). */
  valueOf(metric: HotspotMetric, cell: string): number | undefined {
    const pos = this.index.position.get(cell);
    if (pos === undefined) return undefined;
    return (metric === 'open' ? this.open : this.overdue).valueAt(pos);
  }

  /** A cell's daily series of open backlog, oldest first (tests and the benchmark). */
  series(cell: string): number[] {
    const pos = this.index.position.get(cell);
    return pos === undefined ? [] : this.slices.map((s) => s[pos]!);
  }

  private indexFor(k: number): NeighbourIndex {
    let index = this.indexes.get(k);
    if (!index) this.indexes.set(k, (index = buildNeighbourIndex(this.index.cells, k)));
    return index;
  }

  /** Each index position's district and commune (by the cell's centre). */
  private placeCells() {
    const n = this.index.cells.length;
    this.cellDistrict = new Int32Array(n);
    this.cellCommune = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const { district, commune } = this.cellAreas(this.index.cells[i]!);
      if (district) this.cellDistrict[i] = this.cols.areas.id(district) + 1;
      if (commune) this.cellCommune[i] = this.cols.areas.id(commune) + 1;
    }
  }

  private mapCellIds() {
    const values = this.cols.cells.values;
    const map = new Int32Array(values.length);
    for (let id = 0; id < values.length; id++) map[id] = this.index.position.get(values[id]!) ?? -1;
    this.positionOfCell = map;
    this.mappedCells = values.length;
  }

  private ensureAreas() {
    const need = this.cols.areas.size + 2;
    if (this.openByArea.length >= need) return;
    const grow = (a: Int32Array) => {
      const b = new Int32Array(need * 2);
      b.set(a);
      return b;
    };
    this.openByArea = grow(this.openByArea);
    this.overdueByArea = grow(this.overdueByArea);
  }
}

/** Cell → areas by the cell's centre, with the intake's point → area lookup (geo/areaIndex.ts locateAreas). */
export function cellAreasByCentre(locate: (lat: number, lng: number) => PointAreas): CellAreas {
  return (cell) => {
    const [lat, lng] = cellToLatLng(cell);
    const { districtCode, communeCode } = locate(lat, lng);
    return { district: districtCode, commune: communeCode };
  };
}
