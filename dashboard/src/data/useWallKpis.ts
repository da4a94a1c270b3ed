import { type Accessor, createSignal, onCleanup } from 'solid-js';
import type { WallKpisResponse } from '../../../api/wire';
import { getJson } from './api';

/**
 * After stream events, the wall's figures are refetched at most this often: the server's tallies
 * (GET /api/kpis/wall) are tens of milliseconds, and a wall read from across the room does not
 * need them faster.
 */
const AFTER_EVENTS_MS = 5_000;
/** Even when nothing happens, often enough to turn the day at midnight and age the backlog. */
const IDLE_REFRESH_MS = 60_000;

/** GET /api/kpis/wall, kept current: refetched after stream events (coalesced) and on a slow clock. */
export function useWallKpis(eventsSeen: Accessor<number>): Accessor<WallKpisResponse | null> {
  const [kpis, setKpis] = createSignal<WallKpisResponse | null>(null);
  let loading = false;
  let seenAtLoad = -1;
  const load = async () => {
    if (loading) return;
    loading = true;
    seenAtLoad = eventsSeen();
    try {
      setKpis(await getJson<WallKpisResponse>('/api/kpis/wall'));
    } catch {
      // Kept as it was; the next tick tries again.
    } finally {
      loading = false;
    }
  };
  void load();
  const afterEvents = setInterval(() => {
    if (eventsSeen() !== seenAtLoad) void load();
  }, AFTER_EVENTS_MS);
  const idle = setInterval(() => void load(), IDLE_REFRESH_MS);
  onCleanup(() => {
    clearInterval(afterEvents);
    clearInterval(idle);
  });
  return kpis;
}
