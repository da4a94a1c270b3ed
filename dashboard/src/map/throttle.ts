/**
 * Calls `land` after each change, but at most once per interval: the first change after a quiet
 * spell lands at once, later ones together at the end of the interval. Plain timers, so it can be
 * tested without a reactive runtime.
 */
export class Throttle {
  private last = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly land: () => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  changed(minIntervalMs: number): void {
    if (this.timer !== undefined) return; // already due: it will take the latest value
    const delay = this.last + minIntervalMs - this.now();
    if (delay <= 0) this.fire();
    else this.timer = setTimeout(() => this.fire(), delay);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private fire() {
    this.timer = undefined;
    this.last = this.now();
    this.land();
  }
}
