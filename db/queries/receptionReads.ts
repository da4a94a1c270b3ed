import { and, asc, eq, gte, lt, ne } from 'drizzle-orm';
import type { Db } from '../connect';
import { bookingContacts, receptionBookings, receptionSlots } from '../schema';
import type { BookingContact } from './receptionBookings';
import type { BookingRow, SlotRow } from './receptionSummary';
import { inOfficeScope, type OfficeScope } from './receptionSlots';

export interface SlotFilter {
  /** One office, or any in the scope. */
  officeCode?: string;
  /** Slots starting in [from, until). */
  from: Date;
  until: Date;
  /** Leave cancelled slots out (the citizens' list). */
  openOnly?: boolean;
}

/** Slots in time order (then id), inside the scope. */
export async function listSlots(db: Db, f: SlotFilter, scope?: OfficeScope, limit = 5_000): Promise<SlotRow[]> {
  const s = receptionSlots;
  return db
    .select()
    .from(s)
    .where(
      and(
        f.officeCode === undefined ? undefined : eq(s.officeCode, f.officeCode),
        gte(s.startsAt, f.from),
        lt(s.startsAt, f.until),
        f.openOnly ? ne(s.status, 'cancelled') : undefined,
        inOfficeScope(scope),
      ),
    )
    .orderBy(asc(s.startsAt), asc(s.id))
    .limit(limit);
}

export async function getSlot(db: Db, id: number, scope?: OfficeScope): Promise<SlotRow | null> {
  const [row] = await db
    .select()
    .from(receptionSlots)
    .where(and(eq(receptionSlots.id, id), inOfficeScope(scope)));
  return row ?? null;
}

export async function bookingsOfSlot(db: Db, slotId: number): Promise<BookingRow[]> {
  return db
    .select()
    .from(receptionBookings)
    .where(eq(receptionBookings.slotId, slotId))
    .orderBy(asc(receptionBookings.id));
}

/** A booking with its slot, by id inside the scope or by the hash of its code. */
export async function findBooking(
  db: Db,
  where: { id: number; scope?: OfficeScope } | { codeHash: string },
): Promise<{ booking: BookingRow; slot: SlotRow } | null> {
  const b = receptionBookings;
  const [row] = await db
    .select({ booking: b, slot: receptionSlots })
    .from(b)
    .innerJoin(receptionSlots, eq(receptionSlots.id, b.slotId))
    .where('id' in where ? and(eq(b.id, where.id), inOfficeScope(where.scope)) : eq(b.codeHash, where.codeHash));
  return row ?? null;
}

/** A booking's contact; null once erased. Callers log the read (db/stores/reception.ts does). */
export async function bookingContact(db: Db, bookingId: number): Promise<BookingContact | null> {
  const [row] = await db
    .select({ name: bookingContacts.name, phone: bookingContacts.phone, subject: bookingContacts.subject })
    .from(bookingContacts)
    .where(eq(bookingContacts.bookingId, bookingId));
  return row ?? null;
}
