import { type Accessor, createSignal, onCleanup } from 'solid-js';
import type { AlertsResponse, NewsResponse, PublicAlertsResponse, PublicNewsResponse } from '../../../api/wire';
import type { AlertSummary, NewsSummary } from '../../../core/alerts';
import { AlertBoard } from './alerts';
import { getJson } from './api';
import type { StreamEvent } from './liveFeed';

/** Alerts start and expire by the clock: the lists are re-read this often even with no event. */
const CLOCK_TICK_MS = 15_000;
/** A stream reset (a gap too old to replay) is rare; a full refetch this often covers it. */
const ALERT_REFRESH_MS = 5 * 60_000;
/** Staff lists carry `editable`, which events do not: refetched this long after an alert event. */
const STAFF_REFETCH_DELAY_MS = 300;
/** The staff list reaches back this far: every active alert, and the recently ended ones. */
const STAFF_ALERT_LIMIT = 200;
const NEWS_LIMIT = 20;

/**
 * A page's alerts and news: fetched once (the staff list for signed-in views, the public one for
 * /public), then kept by the desk's stream events (AlertBoard). `subscribe` is the desk's.
 */
export function useAlerts(opts: {
  subscribe: (listener: (events: readonly StreamEvent[]) => void) => () => void;
  audience: 'staff' | 'public';
  news?: boolean;
}) {
  const board = new AlertBoard();
  const editable = new Map<number, boolean>();
  const [version, setVersion] = createSignal(0);
  const [now, setNow] = createSignal(Date.now());
  const changed = () => setVersion((v) => v + 1);
  const staff = opts.audience === 'staff';

  async function load() {
    try {
      const url = staff ? `/api/alerts?limit=${STAFF_ALERT_LIMIT}` : '/api/public/alerts';
      const a = await getJson<AlertsResponse | PublicAlertsResponse>(url);
      if (staff) for (const x of (a as AlertsResponse).items) editable.set(x.id, x.editable);
      board.alerts.loadSnapshot(a.items, a.asOfEventId);
      if (opts.news) {
        const n = await getJson<NewsResponse | PublicNewsResponse>(
          staff ? `/api/news?limit=${NEWS_LIMIT}` : `/api/public/news?limit=${NEWS_LIMIT}`,
        );
        board.news.loadSnapshot(n.items, n.asOfEventId);
      }
      changed();
    } catch {
      // Shown again on the next refresh; a missing alert list must not break the page around it.
    }
  }

  let refetch: ReturnType<typeof setTimeout> | 0 = 0;
  const unsubscribe = opts.subscribe((events) => {
    if (!board.onEvents(events)) return;
    changed();
    if (staff && !refetch)
      refetch = setTimeout(() => {
        refetch = 0;
        void load();
      }, STAFF_REFETCH_DELAY_MS);
  });
  void load();
  const tick = setInterval(() => setNow(Date.now()), CLOCK_TICK_MS);
  const refresh = setInterval(() => void load(), ALERT_REFRESH_MS);
  onCleanup(() => {
    unsubscribe();
    clearInterval(tick);
    clearInterval(refresh);
    if (refetch) clearTimeout(refetch);
  });

  // `now` only makes the lists re-read as time passes; each read takes the clock afresh, so an
  // alert published a second ago is in force at once, not at the next tick.
  const read =
    <T>(f: (nowMs: number) => T): Accessor<T> =>
    () => {
      version();
      now();
      return f(Date.now());
    };
  return {
    inForce: read((n) => board.inForce(n)),
    active: read((n) => board.active(n)),
    banner: read((n): AlertSummary | null => board.banner(n)),
    news: read((): NewsSummary[] => board.publishedNews()),
    /** Whether the viewer may edit or withdraw it (from the server's list; false until it says). */
    editable: (id: number) => {
      version();
      return editable.get(id) ?? false;
    },
    reload: load,
  };
}

export type Alerts = ReturnType<typeof useAlerts>;
