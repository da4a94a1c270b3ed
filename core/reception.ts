/**
 * Citizen reception (tiếp công dân): the vocabulary of reception offices, their slots and the
 * citizens' bookings, defined once. The tables (db/tables/reception.ts), the routes
 * (api/reception/), the events (core/events.ts) and the dashboard's panel all take it from here.
 * Pure: no IO.
 */

/**
 * Every area of the pack receives citizens, and so does the city itself: an office is the city
 * (its code is the pack's code, e.g. `hanoi`), a district (3 digits) or a ward/commune (5 digits).
 */
export const OFFICE_LEVELS = ['city', 'district', 'commune'] as const;
export type OfficeLevel = (typeof OFFICE_LEVELS)[number];

export interface ReceptionOffice {
  code: string;
  level: OfficeLevel;
}

/** A slot is open for booking until the office cancels it (or it starts: then it is past). */
export const SLOT_STATUSES = ['open', 'cancelled'] as const;
export type SlotStatus = (typeof SLOT_STATUSES)[number];

/**
 * A booking is confirmed on arrival (capacity permitting), then either cancelled (by the citizen
 * with the code, or by the office cancelling the slot) or, once the slot has begun, marked by the
 * office as attended or no-show.
 */
export const BOOKING_STATUSES = ['confirmed', 'cancelled', 'attended', 'no_show'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** Statuses that hold a seat: a cancelled booking gives its seat back. */
export const SEATED_BOOKING_STATUSES = ['confirmed', 'attended', 'no_show'] as const satisfies readonly BookingStatus[];

export const BOOKING_CANCELLERS = ['citizen', 'office'] as const;
export type BookingCanceller = (typeof BOOKING_CANCELLERS)[number];

/** What the office records once a slot has begun. */
export const ATTENDANCE_OUTCOMES = ['attended', 'no_show'] as const satisfies readonly BookingStatus[];
export type AttendanceOutcome = (typeof ATTENDANCE_OUTCOMES)[number];

/**
 * A slot as events and staff read it: when, where, who receives, and its seats. Never a citizen's
 * name, phone or subject (those live apart, in booking_contacts).
 */
export interface SlotSummary {
  id: number;
  office: ReceptionOffice;
  /** The local date and times of the city (YYYY-MM-DD, HH:MM). */
  date: string;
  start: string;
  end: string;
  startsAt: string;
  endsAt: string;
  /** What the session is about (land, social policy …) and who receives; either may be absent. */
  topic: string | null;
  officer: string | null;
  capacity: number;
  /** Seats taken (confirmed, attended, no-show); attended and noShow are among them. */
  booked: number;
  attended: number;
  noShow: number;
  status: SlotStatus;
}

/** A booking as events and staff read it: never its code or its contact. */
export interface BookingSummary {
  id: number;
  slotId: number;
  status: BookingStatus;
  createdAt: string;
  /** Who cancelled it, when it is cancelled. */
  cancelledBy: BookingCanceller | null;
}

/** What an edit of a slot changed, as [before, after]. */
export interface SlotChanges {
  capacity?: [number, number];
  topic?: [string | null, string | null];
  officer?: [string | null, string | null];
}

/** The reception's events and their payloads (merged into core/events.ts's EventPayloads). */
export interface ReceptionEventPayloads {
  'slot.published': { slot: SlotSummary };
  'slot.updated': { slot: SlotSummary; changes: SlotChanges };
  /** The office cancelled the slot; each of its confirmed bookings gets its own booking.cancelled. */
  'slot.cancelled': { slot: SlotSummary; reason: string | null; bookingsCancelled: number };
  'booking.confirmed': { booking: BookingSummary; slot: SlotSummary };
  'booking.cancelled': { booking: BookingSummary; slot: SlotSummary; reason: string | null };
  'booking.attended': { booking: BookingSummary; slot: SlotSummary };
  'booking.no_show': { booking: BookingSummary; slot: SlotSummary };
}

export const RECEPTION_EVENT_TYPES = [
  'slot.published',
  'slot.updated',
  'slot.cancelled',
  'booking.confirmed',
  'booking.cancelled',
  'booking.attended',
  'booking.no_show',
] as const satisfies readonly (keyof ReceptionEventPayloads)[];
export type ReceptionEventType = (typeof RECEPTION_EVENT_TYPES)[number];
// Fails to compile if a payload is defined above but its type is not listed.
const _everyReceptionTypeListed: [Exclude<keyof ReceptionEventPayloads, ReceptionEventType>] extends [never]
  ? true
  : false = true;
void _everyReceptionTypeListed;

export const isReceptionEventType = (t: string): t is ReceptionEventType =>
  (RECEPTION_EVENT_TYPES as readonly string[]).includes(t);

/** The event a marked attendance makes. */
export const ATTENDANCE_EVENT: Record<AttendanceOutcome, 'booking.attended' | 'booking.no_show'> = {
  attended: 'booking.attended',
  no_show: 'booking.no_show',
};

/** The office of an area code or the city's code: its level, or null for a code the pack does not have. */
export function officeOf(
  code: string,
  pack: { code: string; areas: readonly { code: string; level: 'district' | 'commune' }[] },
): ReceptionOffice | null {
  if (code === pack.code) return { code, level: 'city' };
  const area = pack.areas.find((a) => a.code === code);
  return area ? { code, level: area.level } : null;
}
