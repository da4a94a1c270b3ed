import type { AnalyticsRow } from '../../db/queries/analyticsRows';
import { SATISFIED_MIN_RATING } from '../../db/queries/kpis';
import { isOpenStatus, REPORT_STATUSES } from '../../core/statuses';
import { DURATION_BINS, durationBin } from './durationBins';

/** Strings seen in a column, numbered from 0 in order of arrival. */
export class Dictionary {
  private readonly index = new Map<string, number>();
  readonly values: string[] = [];
  id(value: string): number {
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.values.length;
      this.index.set(value, i);
      this.values.push(value);
    }
    return i;
  }
  lookup(value: string): number | undefined {
    return this.index.get(value);
  }
  get size(): number {
    return this.values.length;
  }
}

export const STATUS_INDEX = new Map(REPORT_STATUSES.map((s, i) => [s as string, i]));
/** 1 for the statuses in the open backlog, by status index. */
export const OPEN_BY_STATUS = Uint8Array.from(REPORT_STATUSES, (s) => (isOpenStatus(s) ? 1 : 0));

/**
 * What the KPI pass (kpiTally.ts) reads of a report besides its times, packed into two words, so
 * that it loads two numbers instead of eight (in V8 every typed-array read checks its array):
 * kpiAccept = accept bin | accept working-hours bin << BIN_BITS | KPI flags << FLAGS_SHIFT;
 * kpiResolve = resolve bin | resolve working-hours bin << BIN_BITS (bins: durationBins.ts).
 * KPI flags: status index (3 bits) | ever reopened << 3 | resolution judged (1 not judged,
 * 2 late, 3 on time) << 4 | rating (0 none, 1 below SATISFIED_MIN_RATING, 2 satisfied) << 6.
 */
export const BIN_BITS = 11;
export const BIN_MASK = (1 << BIN_BITS) - 1;
export const FLAGS_SHIFT = 2 * BIN_BITS;
if (DURATION_BINS > 1 << BIN_BITS) throw new Error('reportColumns: the duration bins no longer fit the packed words');
if (REPORT_STATUSES.length > 8) throw new Error('reportColumns: the statuses no longer fit the KPI flags');

/** The KPI flags of a report (see kpiAccept). */
export function kpiFlags(
  status: number,
  reopenedCount: number,
  resolvedOnTime: boolean | null,
  rating: number,
): number {
  const judged = resolvedOnTime === null ? 1 : resolvedOnTime ? 3 : 2;
  const rated = rating > 0 ? (rating >= SATISFIED_MIN_RATING ? 2 : 1) : 0;
  return status | (+(reopenedCount > 0) << 3) | (judged << 4) | (rated << 6);
}

/** What the hotspot model needs to know about a report before and after a change. */
export interface HotspotFacts {
  cell: number;
  /** Area dictionary ids + 1; 0 = none. */
  district: number;
  commune: number;
  open: boolean;
  overdue: boolean;
}

export type ChangeListener = (pos: number, before: HotspotFacts | null, after: HotspotFacts) => void;

const INITIAL_CAPACITY = 1_024;
const HOUR_MS = 3_600_000;
/**
 * Heap bytes of one reopened report's away spells besides their 8 bytes a time: a Map slot and an
 * exact-size array of doubles (measured with node --expose-gc over 100,000 entries: 100 B for one
 * spell, 117 B for two).
 */
const AWAY_ENTRY_OVERHEAD_BYTES = 84;

/**
 * Every report as a row of typed-array columns (78 bytes a report with the reopened reports'
 * spells away, bench/results/analytics.json: 75 MB at a million), so that a KPI pass over all of
 * them is a tight loop over numbers. Times are epoch ms (NaN = none); durations are stored as
 * histogram bins (durationBins.ts). Rows are upserted by report id.
 */
export class ReportColumns {
  size = 0;
  private capacity = 0;
  private positionById = new Int32Array(0);
  readonly categories = new Dictionary();
  /** District and commune codes in one dictionary (their ids + 1 are stored; 0 = none). */
  readonly areas = new Dictionary();
  readonly cells = new Dictionary();
  /** Agency codes (their ids + 1 are stored; 0 = none). */
  readonly agencies = new Dictionary();
  created = new Float64Array(0);
  accepted = new Float64Array(0);
  resolved = new Float64Array(0);
  closed = new Float64Array(0);
  ended = new Float64Array(0);
  due = new Float64Array(0);
  status = new Uint8Array(0);
  category = new Uint16Array(0);
  district = new Uint16Array(0);
  commune = new Uint16Array(0);
  agency = new Uint16Array(0);
  cell = new Int32Array(0);
  overdue = new Uint8Array(0);
  reopened = new Uint8Array(0);
  /** Accept bins and KPI flags, packed (see BIN_BITS above). */
  kpiAccept = new Int32Array(0);
  /** Resolve bins, packed (see BIN_BITS above). */
  kpiResolve = new Int32Array(0);
  /**
   * By position, for reopened reports only (a few %, so a sparse map, not a column): the spells
   * away from the open backlog before the last reopen, as [left, back] pairs (AnalyticsRow.awayMs).
   */
  private readonly away = new Map<number, number[]>();
  private listeners: ChangeListener[] = [];

  onChange(listener: ChangeListener): () => void {
    this.listeners.push(listener);
    return () => void (this.listeners = this.listeners.filter((l) => l !== listener));
  }

  factsAt(pos: number): HotspotFacts {
    const open = OPEN_BY_STATUS[this.status[pos]!] === 1;
    return {
      cell: this.cell[pos]!,
      district: this.district[pos]!,
      commune: this.commune[pos]!,
      open,
      overdue: open && this.overdue[pos] === 1,
    };
  }

  /**
   * Whether the report at `pos` was in the open backlog at instant `t`, from its status history:
   * filed by then, not ended by then, and not in a spell away that a reopen ended later.
   */
  openAt(pos: number, t: number): boolean {
    if (!(this.created[pos]! < t) || this.ended[pos]! <= t) return false;
    if (this.reopened[pos] === 0) return true;
    const away = this.away.get(pos);
    if (away) for (let k = 0; k < away.length; k += 2) if (away[k]! <= t && t < away[k + 1]!) return false;
    return true;
  }

  upsert(row: AnalyticsRow): number {
    let pos = row.id < this.positionById.length ? this.positionById[row.id]! : -1;
    const before = pos >= 0 ? this.factsAt(pos) : null;
    if (pos < 0) {
      pos = this.size++;
      this.ensure(this.size, row.id);
      this.positionById[row.id] = pos;
    }
    const status = STATUS_INDEX.get(row.status);
    if (status === undefined) throw new RangeError(`unknown status ${row.status}`);
    const t = (v: number | null) => (v === null ? Number.NaN : v);
    this.created[pos] = row.createdMs;
    this.accepted[pos] = t(row.acceptedMs);
    this.resolved[pos] = t(row.resolvedMs);
    this.closed[pos] = t(row.closedMs);
    this.ended[pos] = t(row.endedMs);
    this.due[pos] = t(row.dueMs);
    this.status[pos] = status;
    this.category[pos] = this.categories.id(row.category);
    this.district[pos] = row.districtCode ? this.areas.id(row.districtCode) + 1 : 0;
    this.commune[pos] = row.communeCode ? this.areas.id(row.communeCode) + 1 : 0;
    this.agency[pos] = row.agencyCode ? this.agencies.id(row.agencyCode) + 1 : 0;
    this.cell[pos] = this.cells.id(row.h3r8);
    this.overdue[pos] = row.overdue ? 1 : 0;
    this.reopened[pos] = Math.min(255, row.reopenedCount);
    if (row.awayMs) this.away.set(pos, row.awayMs.slice());
    else this.away.delete(pos);
    const since = (end: number | null) => (end === null ? null : Math.max(0, (end - row.createdMs) / HOUR_MS));
    const acceptBin = durationBin(since(row.acceptedMs));
    const acceptWorkingBin = row.acceptedMs === null ? 0 : durationBin(row.acceptWorkingHours);
    const flags = kpiFlags(status, row.reopenedCount, row.resolvedOnTime, row.rating ?? 0);
    this.kpiAccept[pos] = acceptBin | (acceptWorkingBin << BIN_BITS) | (flags << FLAGS_SHIFT);
    const resolveBin = durationBin(since(row.resolvedMs));
    const resolveWorkingBin = row.resolvedMs === null ? 0 : durationBin(row.resolveWorkingHours);
    this.kpiResolve[pos] = resolveBin | (resolveWorkingBin << BIN_BITS);
    if (this.listeners.length) {
      const after = this.factsAt(pos);
      for (const l of this.listeners) l(pos, before, after);
    }
    return pos;
  }

  /** Reports whose spells away from the backlog are kept (reopened ones with a history). */
  get awayCount(): number {
    return this.away.size;
  }

  /**
   * Memory a report takes, spare capacity aside: one element of each column, its id slot, and its
   * share of the away spells of reopened reports.
   */
  bytesPerReport(): number {
    if (this.size === 0) return 0;
    let away = 0;
    for (const a of this.away.values()) away += AWAY_ENTRY_OVERHEAD_BYTES + 8 * a.length;
    let width = away / this.size;
    for (const v of Object.values(this)) {
      if (ArrayBuffer.isView(v) && !(v instanceof DataView) && v !== this.positionById)
        width += (v as Uint8Array).BYTES_PER_ELEMENT;
    }
    return width + this.positionById.byteLength / this.size;
  }

  /** Area dictionary id + 1 of a code, 0 if never seen. */
  areaId(code: string): number {
    const i = this.areas.lookup(code);
    return i === undefined ? 0 : i + 1;
  }

  private ensure(size: number, id: number) {
    if (id >= this.positionById.length) {
      const next = new Int32Array(Math.max(INITIAL_CAPACITY, id * 2)).fill(-1);
      next.set(this.positionById);
      this.positionById = next;
    }
    if (size <= this.capacity) return;
    const cap = Math.max(INITIAL_CAPACITY, this.capacity * 2);
    const grow = <T extends Float64Array | Uint8Array | Uint16Array | Int32Array | Int8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(cap);
      b.set(a);
      return b;
    };
    this.created = grow(this.created);
    this.accepted = grow(this.accepted);
    this.resolved = grow(this.resolved);
    this.closed = grow(this.closed);
    this.ended = grow(this.ended);
    this.due = grow(this.due);
    this.status = grow(this.status);
    this.category = grow(this.category);
    this.district = grow(this.district);
    this.commune = grow(this.commune);
    this.agency = grow(this.agency);
    this.cell = grow(this.cell);
    this.overdue = grow(this.overdue);
    this.reopened = grow(this.reopened);
    this.kpiAccept = grow(this.kpiAccept);
    this.kpiResolve = grow(this.kpiResolve);
    this.capacity = cap;
  }
}
