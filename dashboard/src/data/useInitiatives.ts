import { type Accessor, createEffect, createSignal, on, onCleanup } from 'solid-js';
import type {
  InitiativeKpisResponse,
  InitiativeListResponse,
  PublicInitiative,
  PublicInitiativeListResponse,
  StaffInitiative,
} from '../../../api/initiatives/wire';
import type { InitiativeMoveTarget } from '../../../core/initiatives';
import { getJson, query, sendJson } from './api';
import { isInitiativeEvent } from './initiatives';
import type { StreamEvent } from './liveFeed';

/** Events arrive in bursts (a support wave): one refetch per burst. */
const REFETCH_DEBOUNCE_MS = 300;
/** Re-read anyway this often, for a stream reset (a gap too old to replay). */
const REFRESH_MS = 5 * 60_000;
const LIST_LIMIT = 50;

type Subscribe = (listener: (events: readonly StreamEvent[]) => void) => () => void;

/**
 * A list of initiatives kept current by the page's stream (`subscribe` is the desk's): refetched
 * when an initiative event arrives. The server decides what the list holds — the staff list a
 * viewer's scope, the public one published initiatives only.
 */
function useList<T>(url: Accessor<string>, subscribe: Subscribe, onLoad?: () => Promise<void>) {
  const [items, setItems] = createSignal<T[]>([]);
  const [loaded, setLoaded] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  let timer: ReturnType<typeof setTimeout> | null = null;

  async function load() {
    try {
      const r = await getJson<{ items: T[] }>(url());
      setItems(r.items);
      setError(null);
      setLoaded(true);
      await onLoad?.();
    } catch (e) {
      // Shown in the panel; the page around it keeps working.
      setError(e instanceof Error ? e.message : String(e));
    }
  }
  const soon = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void load(), REFETCH_DEBOUNCE_MS);
  };
  const unsubscribe = subscribe((events) => {
    if (events.some(isInitiativeEvent)) soon();
  });
  const refresh = setInterval(() => void load(), REFRESH_MS);
  onCleanup(() => {
    unsubscribe();
    clearInterval(refresh);
    if (timer) clearTimeout(timer);
  });
  return { items, loaded, error, load };
}

/** The staff desk's initiatives (with the scope's KPIs) and the moves the viewer may make. */
export function useStaffInitiatives(opts: { subscribe: Subscribe; status: Accessor<string>; area?: string }) {
  const [kpis, setKpis] = createSignal<InitiativeKpisResponse | null>(null);
  const list = useList<StaffInitiative>(
    () => `/api/initiatives${query({ status: opts.status(), area: opts.area, limit: LIST_LIMIT })}`,
    opts.subscribe,
    async () => {
      setKpis(await getJson<InitiativeKpisResponse>(`/api/kpis/initiatives${query({ area: opts.area })}`));
    },
  );
  // The first load, and again whenever the status filter changes.
  createEffect(on(opts.status, () => void list.load()));
  return {
    ...list,
    kpis,
    async move(publicId: string, to: InitiativeMoveTarget, answer: { vi: string; en?: string }) {
      await sendJson(`/api/initiatives/${encodeURIComponent(publicId)}/moves`, { to, answer });
      await list.load();
    },
    async publish(publicId: string) {
      await sendJson(`/api/initiatives/${encodeURIComponent(publicId)}/publish`, {});
      await list.load();
    },
  };
}
export type StaffInitiatives = ReturnType<typeof useStaffInitiatives>;

/** The public page's published initiatives. */
export function usePublicInitiatives(opts: { subscribe: Subscribe }) {
  const list = useList<PublicInitiative>(
    () => `/api/public/initiatives${query({ limit: LIST_LIMIT })}`,
    opts.subscribe,
  );
  void list.load();
  return list;
}
export type PublicInitiatives = ReturnType<typeof usePublicInitiatives>;
export type { InitiativeListResponse, PublicInitiativeListResponse };
