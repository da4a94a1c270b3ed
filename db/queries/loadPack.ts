import { sql } from 'drizzle-orm';
import type { CityPack } from '../../core/cityPack';
import type { Db } from '../connect';
import { areas, categories, meta } from '../schema';

/** Upserts a city pack's areas and categories; running it again changes nothing. */
export async function loadPack(db: Db, pack: CityPack): Promise<void> {
  await db.transaction(async (tx) => {
    const areaRows = pack.areas.map((a) => ({
      code: a.code,
      level: a.level,
      nameVi: a.nameVi,
      nameEn: a.nameEn,
      parentCode: a.parentCode,
      population: a.population,
      areaKm2: a.areaKm2,
      geometry: a.geometry,
    }));
    // Geometries are large: a few rows per statement keeps each message small.
    for (let i = 0; i < areaRows.length; i += 20) {
      await tx
        .insert(areas)
        .values(areaRows.slice(i, i + 20))
        .onConflictDoUpdate({
          target: areas.code,
          set: {
            level: sql`excluded.level`,
            nameVi: sql`excluded.name_vi`,
            nameEn: sql`excluded.name_en`,
            parentCode: sql`excluded.parent_code`,
            population: sql`excluded.population`,
            areaKm2: sql`excluded.area_km2`,
            geometry: sql`excluded.geometry`,
          },
        });
    }
    await tx
      .insert(categories)
      .values(pack.categories.map((c) => ({ ...c })))
      .onConflictDoUpdate({
        target: categories.code,
        set: {
          group: sql`excluded.group`,
          nameVi: sql`excluded.name_vi`,
          nameEn: sql`excluded.name_en`,
          agencyCode: sql`excluded.agency_code`,
          agencyVi: sql`excluded.agency_vi`,
          agencyEn: sql`excluded.agency_en`,
          severity: sql`excluded.severity`,
        },
      });
    await tx
      .insert(meta)
      .values({ key: 'city', value: { code: pack.code } })
      .onConflictDoUpdate({ target: meta.key, set: { value: sql`excluded.value` } });
  });
}
