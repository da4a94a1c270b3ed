import type { AttendanceOutcome } from '../../core/reception';
import type { Connection } from '../connect';
import { bookingContactErasedAt, eraseExpiredBookingContacts } from '../queries/bookingContactErasure';
import * as bookings from '../queries/receptionBookings';
import type { BookingContact, BookingResult } from '../queries/receptionBookings';
import * as reads from '../queries/receptionReads';
import type { SlotFilter } from '../queries/receptionReads';
import * as slots from '../queries/receptionSlots';
import type { NewSlot, OfficeScope, ReceptionActor, SlotEdit } from '../queries/receptionSlots';
import type { BookingRow, SlotRow } from '../queries/receptionSummary';
import { readSnapshot, type AsOf } from '../queries/snapshot';
import { createAuditStore } from './audit';

export type { BookingContact, BookingRefusal, BookingResult } from '../queries/receptionBookings';
export type { NewSlot, OfficeScope, ReceptionActor, SlotEdit } from '../queries/receptionSlots';
export type { BookingRow, SlotRow } from '../queries/receptionSummary';
export type { SlotFilter } from '../queries/receptionReads';

type Found = { booking: BookingRow; slot: SlotRow };
type Moved = Found & { eventId: number };

/**
 * Citizen reception: offices' slots, citizens' bookings on them, and the bookings' contacts (read
 * only through `readContact`, which logs the read first; erased by the retention job). Every
 * change is one event transaction with its event (slot.* / booking.*).
 */
export interface ReceptionStore {
  /** `actor` null: the system (the demo's simulator). */
  publishSlot(slot: NewSlot, at: Date, actor: ReceptionActor | null): Promise<{ slot: SlotRow; eventId: number }>;
  editSlot(
    id: number,
    decide: (current: SlotRow) => SlotEdit,
    at: Date,
    actor: ReceptionActor,
    scope?: OfficeScope,
  ): Promise<{ slot: SlotRow; eventId: number | null } | null>;
  cancelSlot(
    id: number,
    check: (current: SlotRow) => void,
    reason: string | null,
    at: Date,
    actor: ReceptionActor,
    scope?: OfficeScope,
  ): Promise<{ slot: SlotRow; bookingsCancelled: number; eventId: number } | null>;
  /** Slots and the last event they reflect (a consistent snapshot: the stream resumes after it). */
  slots(filter: SlotFilter, scope?: OfficeScope): Promise<AsOf<SlotRow[]>>;
  slot(id: number, scope?: OfficeScope): Promise<SlotRow | null>;
  bookingsOfSlot(slotId: number): Promise<BookingRow[]>;
  /** `actor`: a staff member booking for a citizen; none for the citizen itself. */
  book(
    slotId: number,
    codeHash: string,
    contact: BookingContact,
    at: Date,
    actor?: ReceptionActor,
  ): Promise<BookingResult>;
  bookingByCode(codeHash: string): Promise<Found | null>;
  booking(id: number, scope?: OfficeScope): Promise<Found | null>;
  cancelByCode(
    codeHash: string,
    check: (b: BookingRow, s: SlotRow) => void,
    at: Date,
    actor?: ReceptionActor,
  ): Promise<Moved | null>;
  markAttendance(
    bookingId: number,
    outcome: AttendanceOutcome,
    check: (b: BookingRow, s: SlotRow) => void,
    at: Date,
    actor: ReceptionActor | null,
    scope?: OfficeScope,
  ): Promise<Moved | null>;
  /** The contact, after logging who read it ('booking.contact.read'); null once erased. */
  readContact(bookingId: number, reader: ReceptionActor, at: Date): Promise<BookingContact | null>;
  contactErasedAt(bookingId: number): Promise<Date | null>;
  /** Contacts of bookings finished (cancelled, or the slot ended) before `finishedBefore`, erased and logged; their ids. */
  eraseExpiredContacts(finishedBefore: Date, at: Date, retentionDays: number): Promise<number[]>;
}

export function createReceptionStore(conn: Connection): ReceptionStore {
  const { db } = conn;
  const audit = createAuditStore(db);
  return {
    publishSlot: (slot, at, actor) => slots.insertSlot(conn, slot, at, actor),
    editSlot: (id, decide, at, actor, scope) => slots.updateSlot(conn, id, decide, at, actor, scope),
    cancelSlot: (id, check, reason, at, actor, scope) => slots.cancelSlot(conn, id, check, reason, at, actor, scope),
    slots: (filter, scope) => readSnapshot(db, (tx) => reads.listSlots(tx, filter, scope)),
    slot: (id, scope) => reads.getSlot(db, id, scope),
    bookingsOfSlot: (slotId) => reads.bookingsOfSlot(db, slotId),
    book: (slotId, codeHash, contact, at, actor) => bookings.bookSeat(conn, slotId, codeHash, contact, at, actor),
    bookingByCode: (codeHash) => reads.findBooking(db, { codeHash }),
    booking: (id, scope) => reads.findBooking(db, { id, scope }),
    cancelByCode: (codeHash, check, at, actor) => bookings.cancelByCode(conn, codeHash, check, at, actor),
    markAttendance: (id, outcome, check, at, actor, scope) =>
      bookings.markAttendance(conn, id, outcome, check, at, actor, scope),
    async readContact(bookingId, reader, at) {
      const contact = await reads.bookingContact(db, bookingId);
      // Logged before it leaves: no contact read goes unrecorded (Decree 13/2023/NĐ-CP).
      if (contact) {
        await audit.record({ action: 'booking.contact.read', ...reader, at, detail: { bookingId } });
      }
      return contact;
    },
    contactErasedAt: (id) => bookingContactErasedAt(db, id),
    eraseExpiredContacts: (before, at, days) => eraseExpiredBookingContacts(db, before, at, days),
  };
}
