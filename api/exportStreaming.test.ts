import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DRIVERS } from '../db/testing';
import { buildNewReport } from './domain/intake';
import { EXPORT_BATCH_ROWS } from './export/reportSource';
import { newReportBody } from './schemas';
import { as, type Requester } from './testClient';
import { reportBody, startTestApp, type TestApp } from './testing';

const REPORTS = 20_000;
const INSERT_ROWS = 1_000;
const MINUTE_MS = 60_000;

/**
 * A large export streams: 20,000 reports come as one chunk per batch of EXPORT_BATCH_ROWS, each batch
 * read from the store only once the client has taken the chunk before it, so what the server holds
 * is a batch or two whatever the export's size. Facts, not timings: the store's reads are counted
 * against the chunks the client has taken.
 */
describe.each(TEST_DRIVERS)('a large export streams (%s)', (driver) => {
  let t: TestApp;
  let ops: Requester;
  /** Each read of the store's list: its limit, and how many chunks the client had taken by then. */
  const reads: Array<{ limit: number; taken: number }> = [];
  let taken = 0;

  beforeAll(async () => {
    t = await startTestApp(driver);
    ops = as(t.app, await t.headersFor('operator'));
    const start = Date.now() - REPORTS * MINUTE_MS;
    const body = newReportBody.parse(reportBody());
    for (let i = 0; i < REPORTS; i += INSERT_ROWS) {
      const items = Array.from({ length: INSERT_ROWS }, (_, k) =>
        buildNewReport(
          { ...body, title: `Báo cáo số ${i + k}, "ổ gà"` },
          t.runtime.intake,
          new Date(start + (i + k) * MINUTE_MS),
          'web',
        ),
      );
      await t.store.reports.insert(items);
    }
    // Counts the route's reads of the store (the route reads deps.store.reports.list per batch).
    const list = t.store.reports.list.bind(t.store.reports);
    t.store.reports.list = (filter, page, scope) => {
      reads.push({ limit: page.limit, taken });
      return list(filter, page, scope);
    };
  }, 300_000);
  afterAll(async () => t?.close());

  it(`comes as one chunk per ${EXPORT_BATCH_ROWS} rows, each read after the client took the one before`, async () => {
    reads.length = 0;
    taken = 0;
    const res = await ops.request('/api/reports/export.csv');
    expect(res.status).toBe(200);
    // Answered after one read: the rest are not read before the client asks.
    expect(reads).toHaveLength(1);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    let text = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      taken++;
      text += decoder.decode(value, { stream: true });
      // A slow client: the database gets a round trip of its own before the next chunk is taken,
      // time enough for a body that reads ahead to do so.
      await t.store.reports.counts();
    }
    const rows: Record<string, string>[] = parse(text, { bom: true, columns: true });
    expect(rows).toHaveLength(REPORTS);
    expect(new Set(rows.map((r) => r.public_id)).size).toBe(REPORTS);
    expect(rows[0]!.title).toBe(`Báo cáo số ${REPORTS - 1}, "ổ gà"`);
    // One chunk per batch (the header with the first), one read per batch (a page knows it is the last).
    const batches = Math.ceil(REPORTS / EXPORT_BATCH_ROWS);
    expect(taken).toBe(batches);
    expect(reads.length).toBe(batches);
    // Memory: never more than a batch per read, and never more than one read ahead of the client.
    expect(Math.max(...reads.map((r) => r.limit))).toBe(EXPORT_BATCH_ROWS);
    for (const [k, r] of reads.entries()) expect(r.taken, `read ${k}`).toBeGreaterThanOrEqual(k - 1);
  }, 300_000);

  it('a client that stops reading stops the reads', async () => {
    reads.length = 0;
    const res = await ops.request('/api/reports/export.geojson');
    const reader = res.body!.getReader();
    for (let k = 0; k < 3; k++) await reader.read();
    await reader.cancel();
    const after = reads.length;
    // However long the database is given afterwards, nothing more is read.
    for (let k = 0; k < 5; k++) await t.store.reports.counts();
    expect(reads.length).toBe(after);
    expect(after).toBeLessThanOrEqual(4);
  });

  it('over HTTP: chunked, no Content-Length, the whole file', async () => {
    const base = await t.listen();
    const headers = await t.headersFor('agency', { agencyCode: 'dept_construction' });
    const res = await fetch(`${base}/api/reports/export.geojson`, { headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('transfer-encoding')).toBe('chunked');
    expect(res.headers.get('content-length')).toBeNull();
    const fc = await res.json();
    expect(fc.features).toHaveLength(REPORTS);
    expect(fc.features[0].geometry.coordinates).toEqual([reportBody().lng, reportBody().lat]);
  }, 300_000);
});
