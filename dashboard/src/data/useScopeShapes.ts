import { type Accessor, createResource } from 'solid-js';
import type { PreparedPolygon } from '../../../geo/pointInPolygon';
import { fetchAreaShapes } from './api';
import { scopeShapes } from './polygonDraft';

type Level = 'district' | 'commune';

/** A chief's areas as outlines, and whether they are still on their way. */
export interface ScopeShapes {
  /** Null for a viewer with no limit, or when they cannot be had (the server's own check answers). */
  shapes: Accessor<PreparedPolygon[] | null>;
  loading: Accessor<boolean>;
}

/**
 * The outlines of a chief's areas (its own and its units, core/areaScope.ts), fetched from
 * GET /api/areas/geojson (the browser keeps them an hour) once `codes` names some — when the chief
 * starts drawing: the desk checks a drawn polygon against them before sending it.
 */
export function useScopeShapes(
  codes: Accessor<readonly string[] | null>,
  levelOf: (code: string) => Level | undefined,
): ScopeShapes {
  const [shapes] = createResource(
    () => {
      const c = codes();
      return c?.length ? c : false;
    },
    async (wanted: readonly string[]) => {
      try {
        const levels = [...new Set(wanted.map(levelOf).filter((l): l is Level => l !== undefined))];
        return scopeShapes(wanted, ...(await Promise.all(levels.map(fetchAreaShapes))));
      } catch {
        return null;
      }
    },
  );
  return { shapes: () => shapes() ?? null, loading: () => shapes.loading };
}
