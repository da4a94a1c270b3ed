import { describe, expect, it } from 'vitest';
import type { NewReport, ReportRow } from '../../db/types';
import { IngestBatcher, MAX_BATCHES_IN_FLIGHT, MAX_BATCH_REPORTS } from './ingestBatcher';

/** A fake store: records each batch, commits when told, fails batches holding a "bad" title. */
function fakeInsert() {
  const batches: string[][] = [];
  const waiting: Array<() => void> = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const insert = async (items: NewReport[]): Promise<ReportRow[]> => {
    const titles = items.map((i) => i.report.title);
    batches.push(titles);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise<void>((r) => waiting.push(r));
    inFlight--;
    if (titles.includes('bad')) throw new Error('bad row');
    return titles.map((title, i) => ({ id: i, title }) as unknown as ReportRow);
  };
  const releaseAll = async () => {
    while (waiting.length || inFlight) {
      waiting.splice(0).forEach((r) => r());
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  return { insert, batches, releaseAll, maxInFlight: () => maxInFlight };
}

const item = (title: string) => ({ report: { title } }) as unknown as NewReport;

describe('IngestBatcher', () => {
  it('gathers what arrives during a commit into the next batch, with at most two committing', async () => {
    const f = fakeInsert();
    const b = new IngestBatcher(f.insert);
    const done = Array.from({ length: 10 }, (_, i) => b.submit(item(`r${i}`)));
    await f.releaseAll();
    const rows = await Promise.all(done);
    expect(rows.map((r) => r.title)).toEqual(Array.from({ length: 10 }, (_, i) => `r${i}`));
    // The first two go alone at once; the other eight waited and went together.
    expect(f.batches).toEqual([['r0'], ['r1'], ['r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8', 'r9']]);
    expect(f.maxInFlight()).toBe(MAX_BATCHES_IN_FLIGHT);
  });

  it('caps a batch', async () => {
    const f = fakeInsert();
    const b = new IngestBatcher(f.insert);
    const done = Array.from({ length: MAX_BATCH_REPORTS + 3 }, (_, i) => b.submit(item(`r${i}`)));
    await f.releaseAll();
    await Promise.all(done);
    expect(Math.max(...f.batches.map((x) => x.length))).toBe(MAX_BATCH_REPORTS);
    expect(f.batches.flat()).toHaveLength(MAX_BATCH_REPORTS + 3);
  });

  it('fails only the bad report of a batch: the others are retried alone and stored', async () => {
    const f = fakeInsert();
    const b = new IngestBatcher(f.insert);
    const titles = ['a', 'b', 'c', 'bad', 'd'];
    const settled = Promise.allSettled(titles.map((t) => b.submit(item(t))));
    await f.releaseAll();
    const results = await settled;
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((results[3] as PromiseRejectedResult).reason).toEqual(new Error('bad row'));
    expect(
      results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<ReportRow>).value.title),
    ).toEqual(['a', 'b', 'c', 'd']);
  });
});
