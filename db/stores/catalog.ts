import { asc, eq } from 'drizzle-orm';
import type { CityPack } from '../../core/cityPack';
import type { Db } from '../connect';
import { loadPack } from '../queries/loadPack';
import { areas, categories } from '../schema';

/** The city's catalogue from its pack: categories and areas (districts, communes). */
export interface CatalogStore {
  /** Upserts the pack's areas and categories; running it again changes nothing. */
  loadPack(pack: CityPack): Promise<void>;
  categories(): Promise<(typeof categories.$inferSelect)[]>;
  areas(level: 'district' | 'commune'): Promise<(typeof areas.$inferSelect)[]>;
}

export function createCatalogStore(db: Db): CatalogStore {
  return {
    loadPack: (pack) => loadPack(db, pack),
    categories: () => db.select().from(categories).orderBy(asc(categories.code)),
    areas: (level) => db.select().from(areas).where(eq(areas.level, level)).orderBy(asc(areas.code)),
  };
}
