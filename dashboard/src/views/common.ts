import { type Accessor, createMemo, createResource, createSignal, onCleanup } from 'solid-js';
import { getJson } from '../data/api';
import type { Desk } from '../data/createDesk';
import type { AreaCount, AreaSeriesResponse, CategoriesResponse, LayersResponse } from '../../../api/wire';
import type { Lang } from '../i18n/messages';
import type { AreaDatum, OverlayInfo } from '../map/types';

export function useCategories() {
  const [list] = createResource(() => getJson<CategoriesResponse>('/api/categories').then((r) => r.items), {
    initialValue: [],
  });
  const byCode = createMemo(() => new Map(list().map((c) => [c.code, c])));
  return { list: () => list() ?? [], byCode };
}

export function useOverlays() {
  const [list] = createResource(
    () =>
      getJson<LayersResponse>('/api/layers')
        .then((r): OverlayInfo[] => r.items)
        .catch(() => [] as OverlayInfo[]),
    { initialValue: [] },
  );
  return () => list() ?? [];
}

/**
 * Rows for tables and the choropleth, recomputed once per frame in which events landed; with
 * `units`, only those areas (an area view's own units, not the neighbours its reports touch).
 */
export function useAreaRows(desk: Desk, units?: ReadonlySet<string> | null) {
  const rows = createMemo<AreaCount[]>(() => {
    desk.version();
    return [...desk.model.areas.values()].filter((a) => !units || units.has(a.code)).map((a) => ({ ...a }));
  });
  const values = createMemo(() => new Map<string, AreaDatum>(rows().map((a) => [a.code, a])));
  return { rows, values };
}

/** Per-area received series for sparklines; refreshed with the snapshot, not per event. */
export function useAreaSparks(query: Accessor<{ level: string; since: string; bucket: string; area?: string } | null>) {
  const [data] = createResource(query, (q) =>
    getJson<AreaSeriesResponse>(
      `/api/areas/series?level=${q.level}&bucket=${q.bucket}&since=${encodeURIComponent(q.since)}${q.area ? `&area=${q.area}` : ''}`,
    ).then((r) => new Map(r.items.map((i) => [i.code, i.received]))),
  );
  return () => data() ?? new Map<string, number[]>();
}

export function areaNamer(
  desk: Desk,
  lang: Accessor<Lang>,
  /** Every area of the city (GET /api/city): names a unit of the level the map is not showing. */
  cityAreas: ReadonlyArray<{ code: string; nameVi: string; nameEn: string }> = [],
) {
  const listed = new Map(cityAreas.map((a) => [a.code, a]));
  return (code: string | null) => {
    if (!code) return '';
    const f = desk.shapes()?.features.find((x) => x.properties?.code === code);
    const a = desk.model.areas.get(code);
    const src = (a ?? f?.properties ?? listed.get(code)) as { nameVi?: string; nameEn?: string } | undefined;
    return src ? ((lang() === 'vi' ? src.nameVi : src.nameEn) ?? code) : code;
  };
}

/** A clock signal for things that age on screen. */
export function useNow(everyMs: number) {
  const [now, setNow] = createSignal(Date.now());
  const t = setInterval(() => setNow(Date.now()), everyMs);
  onCleanup(() => clearInterval(t));
  return now;
}

export function bboxOf(feature: {
  geometry: { type: string; coordinates: unknown };
}): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const walk = (c: unknown) => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      const [x, y] = c as number[];
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    } else if (Array.isArray(c)) c.forEach(walk);
  };
  walk(feature.geometry.coordinates);
  return [minX, minY, maxX, maxY];
}

/** The box around several boxes: an area made of units. */
export function unionBbox(boxes: [number, number, number, number][]): [number, number, number, number] {
  return boxes.reduce(
    (u, b) => [Math.min(u[0], b[0]), Math.min(u[1], b[1]), Math.max(u[2], b[2]), Math.max(u[3], b[3])],
    [Infinity, Infinity, -Infinity, -Infinity],
  );
}

/** The model's parts as accessors that change once per update batch (what every view draws). */
export function deskAccessors(desk: Desk) {
  const at = <T>(read: () => T) =>
    createMemo(() => {
      desk.version();
      return read();
    });
  return {
    hexes: at(() => desk.model.hexList),
    hexVersion: at(() => desk.model.hexVersion),
    pulses: at(() => desk.model.pulses.slice()),
    kpis: at(() => ({ ...desk.model.kpis })),
    ticker: at(() => desk.model.ticker.slice()),
    series: at(() => desk.model.series),
  };
}
