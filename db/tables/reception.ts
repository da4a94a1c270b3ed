import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { BOOKING_CANCELLERS, BOOKING_STATUSES, OFFICE_LEVELS, SLOT_STATUSES } from '../../core/reception';

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Reception slots an office publishes (core/reception.ts). `booked` is the seat count kept by the
 * one statement that books (a conditional UPDATE … WHERE booked < capacity), so two citizens can
 * never take the last seat twice; the checks hold it whatever writes it. The office's district and
 * commune are stored with it for scoping and for the events (a commune office's district is its
 * parent; the city's office has neither, so only the operations centre hears of it).
 */
export const receptionSlots = pgTable(
  'reception_slots',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    officeCode: text('office_code').notNull(),
    officeLevel: text('office_level', { enum: OFFICE_LEVELS }).notNull(),
    districtCode: text('district_code'),
    communeCode: text('commune_code'),
    // The city's local date and times, as the office published them; starts/ends are the instants.
    localDate: text('local_date').notNull(),
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
    startsAt: tstz('starts_at').notNull(),
    endsAt: tstz('ends_at').notNull(),
    topic: text('topic'),
    officer: text('officer'),
    capacity: integer('capacity').notNull(),
    booked: integer('booked').notNull().default(0),
    attended: integer('attended').notNull().default(0),
    noShow: integer('no_show').notNull().default(0),
    status: text('status', { enum: SLOT_STATUSES }).notNull().default('open'),
    cancelReason: text('cancel_reason'),
    cancelledAt: tstz('cancelled_at'),
    createdAt: tstz('created_at').notNull(),
    updatedAt: tstz('updated_at').notNull(),
  },
  (t) => [
    index('reception_slots_office_idx').on(t.officeCode, t.startsAt),
    index('reception_slots_starts_idx').on(t.startsAt),
    check('reception_slots_seats', sql`${t.capacity} > 0 and ${t.booked} between 0 and ${t.capacity}`),
    check(
      'reception_slots_marked',
      sql`${t.attended} >= 0 and ${t.noShow} >= 0 and ${t.attended} + ${t.noShow} <= ${t.booked}`,
    ),
    check('reception_slots_times', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/**
 * A citizen's booking. The confirmation code is not stored, only its SHA-256 (`code_hash`): it is
 * the citizen's only key to the booking, shown once; a copy of this table must not let anyone
 * cancel bookings, and the office never needs to read it back (it finds bookings by slot and id).
 */
export const receptionBookings = pgTable(
  'reception_bookings',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    slotId: bigint('slot_id', { mode: 'number' })
      .notNull()
      .references(() => receptionSlots.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull().unique(),
    status: text('status', { enum: BOOKING_STATUSES }).notNull(),
    cancelledBy: text('cancelled_by', { enum: BOOKING_CANCELLERS }),
    createdAt: tstz('created_at').notNull(),
    updatedAt: tstz('updated_at').notNull(),
    cancelledAt: tstz('cancelled_at'),
    // When the office marked it attended or no-show.
    markedAt: tstz('marked_at'),
  },
  (t) => [index('reception_bookings_slot_idx').on(t.slotId)],
);

/** The citizen's name, phone and subject: apart, as report_contacts, so no public query can join them by accident. */
export const bookingContacts = pgTable('booking_contacts', {
  bookingId: bigint('booking_id', { mode: 'number' })
    .primaryKey()
    .references(() => receptionBookings.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  phone: text('phone').notNull(),
  subject: text('subject').notNull(),
});
