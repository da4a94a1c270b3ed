import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { AttendanceOutcome } from '../../core/reception';
import { ATTENDANCE_EVENT } from '../../core/reception';
import type { Connection, Db } from '../connect';
import { bookingContacts, receptionBookings, receptionSlots } from '../schema';
import { bookingSummary, type BookingRow, type SlotRow, slotSummary } from './receptionSummary';
import {
  actorColumns,
  appendEvent,
  eventPlace,
  inOfficeScope,
  type OfficeScope,
  type ReceptionActor,
} from './receptionSlots';

export interface BookingContact {
  name: string;
  phone: string;
  subject: string;
}

/** Why a slot took no booking: it is unknown, cancelled, already begun, or every seat is taken. */
export type BookingRefusal = 'not_found' | 'cancelled' | 'started' | 'full';

export type BookingResult =
  | { ok: true; booking: BookingRow; slot: SlotRow; eventId: number }
  | { ok: false; refusal: BookingRefusal };

/**
 * Books a seat. The seat is taken by one conditional UPDATE (`booked < capacity`, the slot open and
 * not begun) whose row lock makes a second booker wait and then re-check the condition against the
 * committed count, so however many citizens ask at once, no more than `capacity` get a booking;
 * the booking, its contact and its event go in the same transaction. A refusal writes nothing
 * and says why, from the slot as it then stands.
 */
export async function bookSeat(
  conn: Connection,
  slotId: number,
  codeHash: string,
  contact: BookingContact,
  at: Date,
  actor?: ReceptionActor,
): Promise<BookingResult> {
  return conn.eventTransaction(async (tx, wrote): Promise<BookingResult> => {
    const s = receptionSlots;
    const [slot] = await tx
      .update(s)
      .set({ booked: sql`${s.booked} + 1`, updatedAt: at })
      .where(and(eq(s.id, slotId), eq(s.status, 'open'), gt(s.startsAt, at), lt(s.booked, s.capacity)))
      .returning();
    if (!slot) return { ok: false, refusal: await whyRefused(tx, slotId, at) };
    const [booking] = await tx
      .insert(receptionBookings)
      .values({ slotId, codeHash, status: 'confirmed', createdAt: at, updatedAt: at })
      .returning();
    await tx.insert(bookingContacts).values({ bookingId: booking.id, ...contact });
    const eventId = await appendEvent(tx, wrote, {
      at,
      type: 'booking.confirmed',
      ...eventPlace(slot),
      payload: { booking: bookingSummary(booking), slot: slotSummary(slot) },
      ...actorColumns(actor),
    });
    return { ok: true, booking, slot, eventId };
  });
}

// A citizen has no account: its own booking or cancellation has no actor, as a report filed by the
// public; staff booking for a citizen (on the phone, at the counter) are recorded as themselves.

async function whyRefused(tx: Db, slotId: number, at: Date): Promise<BookingRefusal> {
  const [slot] = await tx.select().from(receptionSlots).where(eq(receptionSlots.id, slotId));
  if (!slot) return 'not_found';
  if (slot.status === 'cancelled') return 'cancelled';
  if (slot.startsAt <= at) return 'started';
  return 'full';
}

/** A booking and its slot, the booking locked for the rest of the transaction. */
async function lockBooking(
  tx: Db,
  where: { id: number } | { codeHash: string },
  scope?: OfficeScope,
): Promise<{ booking: BookingRow; slot: SlotRow } | null> {
  const b = receptionBookings;
  const [row] = await tx
    .select({ booking: b, slot: receptionSlots })
    .from(b)
    .innerJoin(receptionSlots, eq(receptionSlots.id, b.slotId))
    .where(and('id' in where ? eq(b.id, where.id) : eq(b.codeHash, where.codeHash), inOfficeScope(scope)))
    .for('update', { of: b });
  return row ?? null;
}

/**
 * The citizen cancels with the code: the booking becomes cancelled and its seat is free again.
 * `check` may refuse (already cancelled or marked, or the slot has begun); null for an unknown code.
 */
export async function cancelByCode(
  conn: Connection,
  codeHash: string,
  check: (booking: BookingRow, slot: SlotRow) => void,
  at: Date,
  actor?: ReceptionActor,
): Promise<{ booking: BookingRow; slot: SlotRow; eventId: number } | null> {
  return conn.eventTransaction(async (tx, wrote) => {
    const found = await lockBooking(tx, { codeHash });
    if (!found) return null;
    check(found.booking, found.slot);
    const [booking] = await tx
      .update(receptionBookings)
      .set({ status: 'cancelled', cancelledBy: 'citizen', cancelledAt: at, updatedAt: at })
      .where(eq(receptionBookings.id, found.booking.id))
      .returning();
    const [slot] = await tx
      .update(receptionSlots)
      .set({ booked: sql`${receptionSlots.booked} - 1`, updatedAt: at })
      .where(eq(receptionSlots.id, found.slot.id))
      .returning();
    const eventId = await appendEvent(tx, wrote, {
      at,
      type: 'booking.cancelled',
      ...eventPlace(slot),
      payload: { booking: bookingSummary(booking), slot: slotSummary(slot), reason: null },
      ...actorColumns(actor),
    });
    return { booking, slot, eventId };
  });
}

/**
 * The office marks a booking attended or no-show (or corrects one mark to the other), keeping the
 * slot's counts. `check` may refuse; null when the booking is unknown or outside the scope.
 */
export async function markAttendance(
  conn: Connection,
  bookingId: number,
  outcome: AttendanceOutcome,
  check: (booking: BookingRow, slot: SlotRow) => void,
  at: Date,
  actor: ReceptionActor | null,
  scope?: OfficeScope,
): Promise<{ booking: BookingRow; slot: SlotRow; eventId: number } | null> {
  return conn.eventTransaction(async (tx, wrote) => {
    const found = await lockBooking(tx, { id: bookingId }, scope);
    if (!found) return null;
    check(found.booking, found.slot);
    const before = found.booking.status;
    const [booking] = await tx
      .update(receptionBookings)
      .set({ status: outcome, markedAt: at, updatedAt: at })
      .where(eq(receptionBookings.id, bookingId))
      .returning();
    const s = receptionSlots;
    const delta = (status: AttendanceOutcome) => (outcome === status ? 1 : 0) - (before === status ? 1 : 0);
    const [slot] = await tx
      .update(s)
      .set({
        attended: sql`${s.attended} + ${delta('attended')}`,
        noShow: sql`${s.noShow} + ${delta('no_show')}`,
        updatedAt: at,
      })
      .where(eq(s.id, found.slot.id))
      .returning();
    const eventId = await appendEvent(tx, wrote, {
      at,
      type: ATTENDANCE_EVENT[outcome],
      ...eventPlace(slot),
      payload: { booking: bookingSummary(booking), slot: slotSummary(slot) },
      ...actorColumns(actor),
    });
    return { booking, slot, eventId };
  });
}
