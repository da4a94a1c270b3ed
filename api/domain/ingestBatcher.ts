import type { NewReport, ReportRow } from '../../db/types';
import { isDataException } from '../../db/dataException';
import { isDatabaseUnavailable } from '../../db/unavailable';
import { UnstorableInput } from '../errors';
import { firstUnstorableString } from '../text';

/**
 * Submissions that arrive while a batch is committing wait and go together in the next one.
 * Each notifying commit takes a cluster-wide lock, so one commit per batch instead of per report
 * is what lets intake pass ~1,000 reports/s. Capped so one transaction stays short.
 */
export const MAX_BATCH_REPORTS = 500;
/**
 * Batches committing at once. One: a batch's whole transaction is one pipelined round trip
 * (db/connect.ts eventPipeline), so while it commits the API is busy taking the next requests, and
 * a second batch would only wait on the event lock with half as many reports, paying each batch's
 * own costs (its statements, its commit, the follower's and the analytics' turn) twice as often.
 * Measured under bench/ingest.ts: two gave 7.8 reports a commit and 1,320–1,771 reports/s (p99
 * 55–61 ms), one 14.8 a commit and 1,893–2,062 reports/s (p99 40–49 ms) in the same runs.
 */
export const MAX_BATCHES_IN_FLIGHT = 1;

interface Pending {
  item: NewReport;
  resolve: (row: ReportRow) => void;
  reject: (e: unknown) => void;
}

export class IngestBatcher {
  private queue: Pending[] = [];
  private inFlight = 0;

  private sizeListeners: Array<(size: number) => void> = [];

  constructor(private readonly insert: (items: NewReport[]) => Promise<ReportRow[]>) {}

  /** Tells `listener` each batch's size as it is sent (the ingest batch-size histogram of /metrics). */
  onBatchSize(listener: (size: number) => void): void {
    this.sizeListeners.push(listener);
  }

  submit(item: NewReport): Promise<ReportRow> {
    // What would make the batch's insert fail is refused here, before it can fail its neighbours.
    const unstorable = firstUnstorableString(item);
    if (unstorable !== null) return Promise.reject(new UnstorableInput(fieldOf(unstorable)));
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump() {
    while (this.inFlight < MAX_BATCHES_IN_FLIGHT && this.queue.length) {
      const batch = this.queue.splice(0, MAX_BATCH_REPORTS);
      this.inFlight++;
      for (const l of this.sizeListeners) l(batch.length);
      void this.commit(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async commit(batch: Pending[]) {
    try {
      const rows = await this.insert(batch.map((p) => p.item));
      batch.forEach((p, i) => p.resolve(rows[i]));
    } catch (e) {
      // A database that is down fails every item alike: retrying each alone would hold the last
      // one for the batch size times the connect bound before its 503.
      if (isDatabaseUnavailable(e)) return batch.forEach((p) => p.reject(e));
      // Alone, a value the database refused is the item's own fault: a 400, not a 500.
      if (batch.length === 1) return batch[0].reject(isDataException(e) ? new UnstorableInput() : e);
      // One bad row must not fail its neighbours. Halving finds it in ~2·log2(n) commits (a batch
      // of 500 with one bad row: 18 more instead of 500); retrying each alone made one bad POST in
      // 20 cut ingest from 1,413/s to 151/s.
      const half = Math.ceil(batch.length / 2);
      await this.commit(batch.slice(0, half));
      await this.commit(batch.slice(half));
    }
  }
}

/** A NewReport path as the request named it: `report.title` → `title`, `contact.name` → `reporter.name`. */
function fieldOf(path: string): string {
  return path.replace(/^report\./, '').replace(/^contact\./, 'reporter.');
}
