import { sql } from 'drizzle-orm';
import type { Connection } from '../db/connect';
import { rowsOf } from '../db/rows';

/**
 * The tables the issue-10 features write (initiatives, reception, alerts and news, chat): small in
 * any test, so each can be read whole. Reports are counted by their store (api/fuzz.test.ts): a
 * test files thousands.
 */
export const FEATURE_TABLES = [
  'initiatives',
  'initiative_contacts',
  'initiative_supports',
  'initiative_answers',
  'reception_slots',
  'reception_bookings',
  'booking_contacts',
  'alerts',
  'alert_events',
  'news_items',
  'chat_threads',
  'chat_messages',
] as const;

/**
 * What is stored, as one value to compare before and after a request that was refused: each
 * feature table's row count and an md5 of its rows as text (so an update shows, not only an
 * insert), the last event and the last audit entry. Hotspot events are left out: the analytics
 * write them in the background whenever the flags change, whatever the request was.
 */
export async function storedDigest(conn: Connection): Promise<Record<string, string>> {
  const digests = FEATURE_TABLES.map(
    (table) =>
      sql`(select count(*) || ':' || coalesce(md5(string_agg(x::text, '|' order by x::text)), '') from ${sql.identifier(table)} x) as ${sql.identifier(table)}`,
  );
  const [row] = rowsOf<Record<string, unknown>>(
    await conn.db.execute(sql`select ${sql.join(digests, sql`, `)},
      (select max(id) from events where type not like 'hotspot.%')::text as events,
      (select max(id) from audit_log)::text as audit_log`),
  );
  return Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, String(v)]));
}
