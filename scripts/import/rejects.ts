import { createWriteStream, rmSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { REJECT_REASONS, type Rejection } from './record';

/**
 * FILE.rejected.csv beside the input: one row per rejected record with where it was (the CSV line
 * it starts on, or the JSON item's position), why (a code, the field, the value, the reason in
 * English and Vietnamese) and the record as the file had it, so it can be fixed and imported again.
 * Removed when a run rejects nothing, so it never describes an earlier run.
 */
export const rejectsPathOf = (file: string) => `${file}.rejected.csv`;

function csvCell(v: string | number | null): string {
  const s = v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export class RejectsFile {
  readonly path: string;
  count = 0;
  private out: WriteStream | null = null;

  constructor(
    file: string,
    private readonly positionName: 'line' | 'item',
  ) {
    this.path = rejectsPathOf(file);
  }

  async write(position: number, r: Rejection, raw: string): Promise<void> {
    if (!this.out) {
      this.out = createWriteStream(this.path);
      this.out.write(`${this.positionName},reason,field,value,detail,record\n`);
    }
    this.count++;
    const line = [position, r.reason, r.field, r.value, REJECT_REASONS[r.reason], raw].map(csvCell).join(',');
    if (!this.out.write(`${line}\n`)) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    if (this.out) {
      this.out.end();
      await once(this.out, 'close');
    } else {
      rmSync(this.path, { force: true });
    }
  }
}
