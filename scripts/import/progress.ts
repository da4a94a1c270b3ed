/**
 * The import's progress on stderr: on a terminal one line redrawn in place (bar, share of the file
 * read, rows, rows/s, ETA from bytes read over the file's size); elsewhere (a log, CI) a plain line
 * every LOG_EVERY_MS, so a log is not flooded with redraws. Effects injected for tests.
 */
export interface ProgressEffects {
  write(text: string): void;
  isTTY: boolean;
  nowMs(): number;
}

export const defaultProgressEffects = (): ProgressEffects => ({
  write: (t) => void process.stderr.write(t),
  isTTY: process.stderr.isTTY === true,
  nowMs: () => performance.now(),
});

const REDRAW_MS = 100;
const LOG_EVERY_MS = 10_000;
const BAR_CHARS = 24;

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

export class Progress {
  private readonly startMs: number;
  private lastDrawMs = Number.NEGATIVE_INFINITY;
  private drawn = false;

  constructor(
    private readonly totalBytes: number,
    private readonly fx: ProgressEffects = defaultProgressEffects(),
  ) {
    this.startMs = fx.nowMs();
    this.lastDrawMs = fx.isTTY ? Number.NEGATIVE_INFINITY : this.startMs;
  }

  /** The status line for `bytes` read and `rows` handled so far. */
  line(bytes: number, rows: number): string {
    const elapsedS = (this.fx.nowMs() - this.startMs) / 1000;
    const share = this.totalBytes > 0 ? Math.min(1, bytes / this.totalBytes) : 1;
    const filled = Math.round(share * BAR_CHARS);
    const rate = elapsedS > 0 ? rows / elapsedS : 0;
    const etaS = share > 0 ? (elapsedS * (1 - share)) / share : Number.POSITIVE_INFINITY;
    const pct = `${(share * 100).toFixed(1)}%`.padStart(6);
    return `[${'#'.repeat(filled)}${'.'.repeat(BAR_CHARS - filled)}] ${pct}  ${rows.toLocaleString('en-US')} rows  ${Math.round(rate).toLocaleString('en-US')} rows/s  ETA ${formatDuration(etaS)}`;
  }

  update(bytes: number, rows: number): void {
    const now = this.fx.nowMs();
    if (now - this.lastDrawMs < (this.fx.isTTY ? REDRAW_MS : LOG_EVERY_MS)) return;
    this.lastDrawMs = now;
    this.draw(bytes, rows);
  }

  private draw(bytes: number, rows: number) {
    this.drawn = true;
    this.fx.write(this.fx.isTTY ? `\r\x1b[2K${this.line(bytes, rows)}` : `${this.line(bytes, rows)}\n`);
  }

  /** The last state, and the line ended, before the summary is printed. */
  done(bytes: number, rows: number): void {
    if (this.fx.isTTY) {
      this.draw(bytes, rows);
      this.fx.write('\n');
    } else if (this.drawn) {
      this.draw(bytes, rows);
    }
  }
}
