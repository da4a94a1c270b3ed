import type { PoiCategory } from '../../../core/poi';
import type { PoiSearchResponse } from '../../../api/wire';
import { type FetchJson, getJson, query } from '../data/api';

/** Results a person scans in a dropdown. */
export const POI_RESULTS_SHOWN = 8;

export function searchPoi(
  q: string,
  category: PoiCategory | null,
  signal?: AbortSignal,
  get: FetchJson = getJson,
): Promise<PoiSearchResponse> {
  return get<PoiSearchResponse>(`/api/poi/search${query({ q, category, limit: POI_RESULTS_SHOWN })}`, signal);
}
