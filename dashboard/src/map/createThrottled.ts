import { type Accessor, createEffect, createSignal, onCleanup, untrack } from 'solid-js';

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

/**
 * `source`, changing at most once per `minIntervalMs()` (0 = as often as it does); the latest value
 * always lands. For redraws that cost more than the changes are worth.
 */
export function createThrottled<T>(source: Accessor<T>, minIntervalMs: Accessor<number>): Accessor<T> {
  const [value, setValue] = createSignal<T>(untrack(source));
  const throttle = new Throttle(() => {
    const v = untrack(source);
    setValue(() => v);
  });
  createEffect(() => {
    source();
    throttle.changed(minIntervalMs());
  });
  onCleanup(() => throttle.dispose());
  return value;
}
