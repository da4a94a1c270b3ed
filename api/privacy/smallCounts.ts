import { PUBLIC_MIN_REPORTS_PER_CELL } from '../../db/queries/publicAggregates';

/**
 * The rule that decides which area counts of one block (a stream window, a whole day) the public
 * may see, defined once for the public stream and the public snapshots. Pure.
 *
 * - a commune's count is shown if it is at least 3, else withheld;
 * - districts are built from their communes by the pack's parentCode (a strict tree, so a district
 *   is its communes plus reports placed in no commune), and a district's total is shown only if it
 *   is at least 3 AND what it holds beyond its shown communes (the withheld communes and the
 *   unplaced reports) is 0 or at least 3. Differencing a district against its shown communes then
 *   yields 0 or a group of at least 3 reports, never one or two; and since every area is in one
 *   branch of the tree, sums and differences of shown figures only ever combine whole groups.
 */
export interface AreaCountRow {
  districtCode: string | null;
  communeCode: string | null;
  n: number;
}

export interface ShownAreaCounts {
  /** Every area's count in the block, shown or not (for carrying other figures along). */
  communes: Map<string, number>;
  districts: Map<string, number>;
  shownCommunes: Set<string>;
  shownDistricts: Set<string>;
}

export const isShownCount = (n: number): boolean => n >= PUBLIC_MIN_REPORTS_PER_CELL;

/** The district a row counts in: its commune's parent, or (placed in no commune) its own district. */
export function districtOf(r: Omit<AreaCountRow, 'n'>, parentOf: ReadonlyMap<string, string | null>): string | null {
  return (r.communeCode !== null ? parentOf.get(r.communeCode) : undefined) ?? r.districtCode;
}

export function shownAreaCounts(
  rows: readonly AreaCountRow[],
  parentOf: ReadonlyMap<string, string | null>,
): ShownAreaCounts {
  const communes = new Map<string, number>();
  const districts = new Map<string, number>();
  for (const r of rows) {
    if (r.communeCode !== null) communes.set(r.communeCode, (communes.get(r.communeCode) ?? 0) + r.n);
    const d = districtOf(r, parentOf);
    if (d !== null) districts.set(d, (districts.get(d) ?? 0) + r.n);
  }
  const shownCommunes = new Set([...communes].filter(([, n]) => isShownCount(n)).map(([c]) => c));
  // What each district holds beyond its shown communes.
  const hidden = new Map(districts);
  for (const c of shownCommunes) {
    const d = parentOf.get(c);
    if (d != null && hidden.has(d)) hidden.set(d, hidden.get(d)! - communes.get(c)!);
  }
  const shownDistricts = new Set(
    [...districts]
      .filter(([code, n]) => {
        const beyond = hidden.get(code)!;
        return isShownCount(n) && (beyond === 0 || isShownCount(beyond));
      })
      .map(([code]) => code),
  );
  return { communes, districts, shownCommunes, shownDistricts };
}
