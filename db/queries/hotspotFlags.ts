import { isDeepStrictEqual } from 'node:util';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { HotspotArea, HotspotReason, HotspotTrend } from '../../core/events';
import type { Connection, Db } from '../connect';
import { events, hotspotFlags, meta } from '../schema';
import type { NewEvent } from '../types';

export interface DesiredFlag {
  code: string;
  level: HotspotArea['level'];
  reasons: HotspotReason[];
  trend: HotspotTrend;
}

export type FlagRow = typeof hotspotFlags.$inferSelect;

/** meta key: the event id the stored flags were derived at. */
const AS_OF_KEY = 'hotspot_flags_as_of';

export async function listHotspotFlags(db: Db): Promise<FlagRow[]> {
  return db.select().from(hotspotFlags).orderBy(asc(hotspotFlags.level), asc(hotspotFlags.code));
}

/**
 * Makes the stored flags the desired ones and announces each change: `hotspot.flagged` for an
 * area newly flagged, `hotspot.cleared` for one no longer (a change of reasons is stored quietly).
 * Runs under the event-writing lock, so it serialises with every other process doing the same:
 * the first to arrive writes the change and its events, the next finds nothing left to change.
 * A process whose view of the log (`asOfEventId`) is older than the one the stored flags came
 * from changes nothing, so a lagging process cannot undo a fresher one's flags.
 */
export async function syncHotspotFlags(
  conn: Connection,
  desired: DesiredFlag[],
  asOfEventId: number,
  at: Date,
  /** Each commune's district, so that district's chief hears of its communes' flags too. */
  parents: ReadonlyMap<string, string | null>,
): Promise<{ flags: FlagRow[]; flagged: string[]; cleared: string[]; stale: boolean }> {
  return conn.eventTransaction(async (tx, wrote) => {
    const [asOf] = await tx.select().from(meta).where(eq(meta.key, AS_OF_KEY));
    const storedAsOf = Number((asOf?.value as { eventId?: number } | undefined)?.eventId ?? 0);
    if (asOfEventId < storedAsOf) return { flags: await listHotspotFlags(tx), flagged: [], cleared: [], stale: true };

    const current = new Map((await listHotspotFlags(tx)).map((f) => [f.code, f]));
    const wanted = new Map(desired.map((f) => [f.code, f]));
    const added = desired.filter((f) => !current.has(f.code));
    const removed = [...current.values()].filter((f) => !wanted.has(f.code));
    const kept = desired.filter((f) => current.has(f.code));

    if (added.length) {
      await tx.insert(hotspotFlags).values(
        added.map((f) => ({
          code: f.code,
          level: f.level,
          reasons: f.reasons,
          trend: f.trend ?? null,
          flaggedAt: at,
          updatedAt: at,
        })),
      );
    }
    if (removed.length)
      await tx.delete(hotspotFlags).where(
        inArray(
          hotspotFlags.code,
          removed.map((f) => f.code),
        ),
      );
    // Compared as values: jsonb gives keys back in its own order, so their text never matched and
    // every kept flag was rewritten on every sync.
    const changed = kept.filter((f) => {
      const was = current.get(f.code)!;
      return !isDeepStrictEqual(was.reasons, f.reasons) || !isDeepStrictEqual(was.trend, f.trend ?? null);
    });
    // One statement for them all: this runs under the event lock, which every filing waits for.
    if (changed.length) {
      const values = JSON.stringify(changed.map((f) => ({ code: f.code, reasons: f.reasons, trend: f.trend ?? null })));
      await tx.execute(sql`update ${hotspotFlags}
        set reasons = v.reasons, trend = v.trend, updated_at = ${at.toISOString()}::timestamptz
        from jsonb_to_recordset(${values}::jsonb) as v(code text, reasons jsonb, trend jsonb)
        where ${hotspotFlags.code} = v.code`);
    }

    const eventRows: NewEvent[] = [
      ...added.map(
        (f): NewEvent => ({
          at,
          reportId: null,
          type: 'hotspot.flagged',
          ...areaColumns(f.level, f.code, parents.get(f.code) ?? null),
          payload: { area: { code: f.code, level: f.level }, reasons: f.reasons, trend: f.trend ?? null },
        }),
      ),
      ...removed.map(
        (f): NewEvent => ({
          at,
          reportId: null,
          type: 'hotspot.cleared',
          ...areaColumns(f.level, f.code, parents.get(f.code) ?? null),
          // Stored from a DesiredFlag, so of its type (the jsonb column reads back as unknown).
          payload: {
            area: { code: f.code, level: f.level },
            flaggedAt: f.flaggedAt.toISOString(),
            reasons: f.reasons as HotspotReason[],
          },
        }),
      ),
    ];
    if (eventRows.length) {
      const ids = await tx.insert(events).values(eventRows).returning({ id: events.id });
      wrote(Math.max(...ids.map((e) => e.id)));
    }
    await tx
      .insert(meta)
      .values({ key: AS_OF_KEY, value: { eventId: asOfEventId } })
      .onConflictDoUpdate({ target: meta.key, set: { value: sql`excluded.value` } });
    return {
      flags: await listHotspotFlags(tx),
      flagged: added.map((f) => f.code),
      cleared: removed.map((f) => f.code),
      stale: false,
    };
  });
}

/** An area's event carries its code where area audiences look (api/stream/audience.ts). */
function areaColumns(level: 'district' | 'commune', code: string, parentCode: string | null) {
  return level === 'district'
    ? { districtCode: code, communeCode: null }
    : { districtCode: parentCode, communeCode: code };
}
