import { POI_LAYER_CODES, isPoiCategory, isPoiKind } from '../../core/poi';
import type { LayerStore } from '../../db/layerStore';
import { buildPoiIndex, type PoiEntry, type PoiIndex } from './searchIndex';

/**
 * The search index over the POI layers as stored (whichever process loaded them), built once when the
 * runtime starts: the pack's points change only with a new pack, which means a restart.
 */
export async function loadPoiIndex(layers: Pick<LayerStore, 'featureList'>): Promise<PoiIndex> {
  const lists = await Promise.all(
    POI_LAYER_CODES.map(async (code) => ({ code, rows: await layers.featureList(code) })),
  );
  return buildPoiIndex(lists.flatMap(({ code, rows }) => rows.flatMap((r) => poiEntry(code, r) ?? [])));
}

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** A stored feature as a search entry; a feature that is not a POI point (an import gone wrong) is left out. */
export function poiEntry(
  layer: string,
  row: { id: number; key: string; properties: unknown; geometry: unknown },
): PoiEntry | null {
  const p = (row.properties ?? {}) as Record<string, unknown>;
  const g = row.geometry as { type?: string; coordinates?: unknown } | null;
  const [lng, lat] = Array.isArray(g?.coordinates) ? (g.coordinates as unknown[]) : [];
  if (g?.type !== 'Point' || typeof lng !== 'number' || typeof lat !== 'number') return null;
  if (!isPoiKind(p.kind) || !isPoiCategory(p.category)) return null;
  return {
    id: row.id,
    layer,
    category: p.category,
    kind: p.kind,
    name: str(p.name),
    address: str(p.address),
    phone: str(p.phone),
    website: str(p.website),
    osm: str(p.osm) ?? row.key,
    lng,
    lat,
  };
}
