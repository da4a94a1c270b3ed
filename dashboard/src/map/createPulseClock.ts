/**
 * Drives the pulses: a requestAnimationFrame loop that runs only while some pulse is showing, so a wall
 * left on for days idles between reports. Gives the pulses still showing and the frame's clock.
 */
import { batch, createEffect, createSignal, onCleanup, untrack, type Accessor } from 'solid-js';
import { PULSE_FRAME_MS, activePulses } from './pulses';
import type { Pulse } from './types';

export function createPulseClock(source: Accessor<Pulse[]>) {
  const [pulses, setPulses] = createSignal<readonly Pulse[]>([]);
  const [now, setNow] = createSignal(Date.now());
  let raf = 0;
  let lastFrame = -Infinity;

  const tick = (t: number) => {
    raf = 0;
    const ms = Date.now();
    const list = activePulses(untrack(source), ms);
    if (list.length === 0) {
      batch(() => {
        setPulses([]);
        setNow(ms);
      });
      return; // stopped; the next arrival restarts it
    }
    if (t - lastFrame >= PULSE_FRAME_MS) {
      lastFrame = t;
      batch(() => {
        setPulses(list);
        setNow(ms);
      });
    }
    raf = requestAnimationFrame(tick);
  };

  createEffect(() => {
    if (source().length > 0 && raf === 0) raf = requestAnimationFrame(tick);
  });
  onCleanup(() => {
    if (raf) cancelAnimationFrame(raf);
    raf = 0;
  });
  return { pulses, now };
}
