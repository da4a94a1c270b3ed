import type { AreaFeature } from '../../core/cityPack';
import type { PublicAreaBlock, PublicCellBlock, PublicCount } from '../../db/queries/publicAggregates';
import { districtOf, isShownCount, shownAreaCounts } from './smallCounts';

/**
 * Public snapshot figures as sums of blocks (db/queries/publicAggregates.ts: whole past days, else
 * the stream's 5-minute windows), each block's small counts withheld on its own before anything is
 * added. Any two answers then differ by whole shown blocks, each 0 or at least 3 reports, so no
 * refetch, shifted window or district-minus-communes subtraction isolates one or two reports.
 * What it costs: an area's figure leaves out its blocks of one or two reports (in a quiet commune,
 * most of today until the day is over and counted whole). Pure.
 */

const zero = (): PublicCount => ({ received: 0, handled: 0, open: 0 });

function add(into: Map<string, PublicCount>, key: string, c: PublicCount) {
  const t = into.get(key) ?? zero();
  t.received += c.received;
  t.handled += c.handled;
  t.open += c.open;
  into.set(key, t);
}

function byBlock<T extends { block: string }>(rows: readonly T[]): Map<string, T[]> {
  const blocks = new Map<string, T[]>();
  for (const r of rows) {
    const list = blocks.get(r.block);
    if (list) list.push(r);
    else blocks.set(r.block, [r]);
  }
  return blocks;
}

/** Cells: a cell's count in a block is added only if that count is at least 3. */
export function publicCellTotals(rows: readonly PublicCellBlock[]): Map<string, PublicCount> {
  const totals = new Map<string, PublicCount>();
  for (const r of rows) if (isShownCount(r.received)) add(totals, r.cell, r);
  return totals;
}

/**
 * Areas of one level: in each block, the areas the small-count rule shows (by reports received)
 * add their figures of that block; the others add nothing.
 */
export function publicAreaTotals(
  rows: readonly PublicAreaBlock[],
  areas: readonly Pick<AreaFeature, 'code' | 'level' | 'parentCode'>[],
  level: 'district' | 'commune',
): Map<string, PublicCount> {
  const parentOf = new Map(areas.filter((a) => a.level === 'commune').map((a) => [a.code, a.parentCode]));
  const totals = new Map<string, PublicCount>();
  for (const block of byBlock(rows).values()) {
    const rule = shownAreaCounts(
      block.map((r) => ({ ...r, n: r.received })),
      parentOf,
    );
    const shown = level === 'commune' ? rule.shownCommunes : rule.shownDistricts;
    for (const r of block) {
      const code = level === 'commune' ? r.communeCode : districtOf(r, parentOf);
      if (code !== null && shown.has(code)) add(totals, code, r);
    }
  }
  return totals;
}
