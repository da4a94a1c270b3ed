import { type Accessor, createSignal, onCleanup } from 'solid-js';
import type { ReceptionSlotsResponse } from '../../../api/reception/wire';
import { getJson, query } from './api';
import type { StreamEvent } from './liveFeed';
import { ReceptionBoard, weekOf } from './reception';

/**
 * Slots change by events; the snapshot is re-read this often anyway, for a stream reset (a gap
 * too old to replay) and for the week turning over.
 */
const RECEPTION_REFRESH_MS = 5 * 60_000;
/** Today turns into tomorrow at local midnight: looked at this often. */
const DAY_CHECK_MS = 60_000;

/**
 * This week's reception slots in the viewer's scope (the server scopes a chief's), fetched once
 * and kept by the desk's stream (`subscribe` is the desk's). Not for agencies: they manage none.
 */
export function useReception(opts: {
  subscribe: (listener: (events: readonly StreamEvent[]) => void) => () => void;
  timezone: string;
}) {
  const board = new ReceptionBoard();
  const [version, setVersion] = createSignal(0);
  const [loaded, setLoaded] = createSignal(false);
  const [week, setWeek] = createSignal(weekOf(Date.now(), opts.timezone));

  async function load() {
    const w = weekOf(Date.now(), opts.timezone);
    try {
      const r = await getJson<ReceptionSlotsResponse>(
        `/api/reception/slots${query({ from: new Date(w.fromMs).toISOString(), until: new Date(w.untilMs).toISOString() })}`,
      );
      board.loadSnapshot(r.items, r.asOfEventId, w);
      setWeek(w);
      setLoaded(true);
      setVersion((v) => v + 1);
    } catch {
      // Tried again on the next refresh; a missing panel must not break the page around it.
    }
  }

  const unsubscribe = opts.subscribe((events) => {
    if (board.onEvents(events)) setVersion((v) => v + 1);
  });
  void load();
  const refresh = setInterval(() => void load(), RECEPTION_REFRESH_MS);
  const dayCheck = setInterval(() => {
    if (weekOf(Date.now(), opts.timezone).today !== week().today) void load();
  }, DAY_CHECK_MS);
  onCleanup(() => {
    unsubscribe();
    clearInterval(refresh);
    clearInterval(dayCheck);
  });

  const read =
    <T>(f: () => T): Accessor<T> =>
    () => {
      version();
      return f();
    };
  return {
    loaded,
    today: () => week().today,
    byOffice: (offices?: ReadonlySet<string>) => read(() => board.byOffice(week().today, offices)),
    todaySlots: (offices?: ReadonlySet<string>) => read(() => board.todaySlots(week().today, offices)),
  };
}
export type Reception = ReturnType<typeof useReception>;
