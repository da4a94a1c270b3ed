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
  it('gathers what arrives during a commit into the next batch, one batch committing at a time', async () => {
    const f = fakeInsert();
    const b = new IngestBatcher(f.insert);
    const done = Array.from({ length: 10 }, (_, i) => b.submit(item(`r${i}`)));
    await f.releaseAll();
    const rows = await Promise.all(done);
    expect(rows.map((r) => r.title)).toEqual(Array.from({ length: 10 }, (_, i) => `r${i}`));
    // The first goes alone at once; the other nine waited for its commit and went together.
    expect(f.batches).toEqual([['r0'], ['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8', 'r9']]);
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

  it('finds one bad report among 64 by halving: 1 + 2·6 commits, not 1 + 64', async () => {
    const f = fakeInsert();
    const b = new IngestBatcher(f.insert);
    // One goes alone while the other 64 wait and form one batch with a bad report in it.
    const first = [b.submit(item('x0'))];
    const titles = Array.from({ length: 64 }, (_, i) => (i === 41 ? 'bad' : `r${i}`));
    const settled = Promise.allSettled(titles.map((t) => b.submit(item(t))));
    await f.releaseAll();
    await Promise.all(first);
    const results = await settled;
    expect(results.map((r) => r.status === 'rejected')).toEqual(titles.map((t) => t === 'bad'));
    // The 64, then each level of halving tries both halves: 2 per level, 6 levels to one report.
    const afterFirst = f.batches.slice(1);
    expect(afterFirst).toHaveLength(1 + 2 * 6);
    expect(afterFirst.filter((x) => x.length === 1 && x[0] === 'bad')).toHaveLength(1);
  });

  it('refuses a report Postgres could not store before it joins a batch, naming the field', async () => {
    const f = fakeInsert();
    const b = new IngestBatcher(f.insert);
    const bad = { report: { title: 'ok', description: 'x\ud800' }, contact: null } as unknown as NewReport;
    await expect(b.submit(bad)).rejects.toMatchObject({ status: 400, code: 'unstorable_input', field: 'description' });
    const nul = { report: { title: 'ok' }, contact: { name: 'A\u0000' } } as unknown as NewReport;
    await expect(b.submit(nul)).rejects.toMatchObject({ status: 400, field: 'reporter.name' });
    expect(f.batches).toEqual([]);
  });
});
