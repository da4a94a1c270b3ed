import { sql } from 'drizzle-orm';
import type { Db } from '../connect';
import { rowsOf, toDate, toNumber } from '../rows';

/**
 * Erasing booking contacts (name, phone, subject) by the rule of reporter contacts
 * (db/queries/contactErasure.ts): the booking_contacts row goes, the booking and the slot's counts
 * stay, and each erasure is one audit_log row ('booking.contact.erased', the booking's id in its
 * detail), written by the same statement, so processes running it at once erase and log each
 * contact exactly once.
 *
 * A booking is finished when it was cancelled, or when its slot has ended (attended, no-show, or
 * never marked): nothing more is owed to the citizen after that.
 */
export async function eraseExpiredBookingContacts(
  db: Db,
  finishedBefore: Date,
  at: Date,
  retentionDays: number,
): Promise<number[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`with erased as (
        delete from booking_contacts c using reception_bookings b, reception_slots s
        where c.booking_id = b.id and s.id = b.slot_id
          and coalesce(b.cancelled_at, s.ends_at) < ${finishedBefore.toISOString()}::timestamptz
        returning c.booking_id, coalesce(b.cancelled_at, s.ends_at) as finished_at
      )
      insert into audit_log (at, user_id, role, action, report_id, detail)
      select ${at.toISOString()}::timestamptz, null, null, 'booking.contact.erased', null,
        jsonb_build_object('bookingId', booking_id, 'reason', 'retention',
          'retentionDays', ${retentionDays}::int, 'finishedAt', finished_at)
      from erased
      returning (detail->>'bookingId')::int8 as booking_id`),
  );
  return rows.map((r) => toNumber(r.booking_id)).sort((a, b) => a - b);
}

/** When the booking's contact was erased, if it was. */
export async function bookingContactErasedAt(db: Db, bookingId: number): Promise<Date | null> {
  const [row] = rowsOf<Record<string, unknown>>(
    await db.execute(
      sql`select max(at) as at from audit_log
        where action = 'booking.contact.erased' and detail->>'bookingId' = ${String(bookingId)}`,
    ),
  );
  return toDate(row?.at ?? null);
}
