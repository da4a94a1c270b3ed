import { foldForSearch } from '../../core/foldText';
import type { PoiCategory, PoiKind } from '../../core/poi';

/**
 * Search of the pack's points of interest by name, in memory: names are folded once when the index
 * is built (core/foldText.ts), queries with the same function, so "benh vien" finds "Bệnh viện". A
 * city has a few thousand such points (Hanoi 2,662); a scan of their folded names per query takes
 * well under a millisecond there, and a few at 25,000 (bench/poiSearch.ts), so no finer index is kept.
 * Pure: the runtime builds it from the stored layers (api/poi/poiDirectory.ts).
 */

/** One point as the search answers it; `name` null = unnamed (never searchable by name). */
export interface PoiEntry {
  /** The layer feature's id (as in /api/layers/:code/geojson). */
  id: number;
  layer: string;
  category: PoiCategory;
  kind: PoiKind;
  name: string | null;
  address: string | null;
  phone: string | null;
  website: string | null;
  osm: string;
  lng: number;
  lat: number;
}

export interface PoiSearch {
  q: string;
  category?: PoiCategory;
  limit: number;
}

export interface PoiSearchResult {
  /** Every match, of which `items` are the best `limit`. */
  total: number;
  items: PoiEntry[];
}

interface Named {
  entry: PoiEntry;
  /** The folded name with a leading space, so " " + word finds a word's start anywhere in it. */
  folded: string;
}

/** How well a name matches, best first. */
const RANK = {
  /** The name starts with the whole query ("benh vien bach" → "Bệnh viện Bạch Mai"). */
  prefix: 0,
  /** The whole query starts a word inside the name. */
  phrase: 1,
  /** Each word of the query starts some word of the name, in any order. */
  words: 2,
} as const;

export interface PoiIndex {
  readonly size: number;
  search(query: PoiSearch): PoiSearchResult;
}

export function buildPoiIndex(entries: Iterable<PoiEntry>): PoiIndex {
  const named: Named[] = [];
  let size = 0;
  for (const entry of entries) {
    size++;
    const folded = entry.name ? foldForSearch(entry.name) : '';
    if (folded) named.push({ entry, folded: ` ${folded}` });
  }
  // In answer order within a rank once, here: a query then only buckets its matches by rank, no sort.
  named.sort((a, b) => a.folded.length - b.folded.length || compare(a, b));

  return {
    size,
    search({ q, category, limit }) {
      const phrase = foldForSearch(q);
      if (!phrase) return { total: 0, items: [] };
      // Longest word first: it rules out most names with one `includes`.
      const words = [...new Set(phrase.split(' '))].sort((a, b) => b.length - a.length).map((w) => ` ${w}`);
      const spaced = ` ${phrase}`;
      const buckets: PoiEntry[][] = [[], [], []];
      let total = 0;
      scan: for (const { entry, folded } of named) {
        if (category && entry.category !== category) continue;
        for (const w of words) if (!folded.includes(w)) continue scan;
        total++;
        const at = folded.indexOf(spaced);
        const rank = at === 0 ? RANK.prefix : at > 0 ? RANK.phrase : RANK.words;
        if (buckets[rank].length < limit) buckets[rank].push(entry);
      }
      return { total, items: buckets.flat().slice(0, limit) };
    },
  };
}

/** Equal lengths: by folded name, then id, so the same query always lists the same way. */
function compare(a: Named, b: Named): number {
  return a.folded < b.folded ? -1 : a.folded > b.folded ? 1 : a.entry.id - b.entry.id;
}
