import type { InferSelectModel } from 'drizzle-orm';
import type { BookingSummary, SlotSummary } from '../../core/reception';
import type { receptionBookings, receptionSlots } from '../schema';

export type SlotRow = InferSelectModel<typeof receptionSlots>;
export type BookingRow = InferSelectModel<typeof receptionBookings>;

/** What an event and the staff's list say of a slot: its time, office and seats, nobody's contact. */
export function slotSummary(s: SlotRow): SlotSummary {
  return {
    id: s.id,
    office: { code: s.officeCode, level: s.officeLevel },
    date: s.localDate,
    start: s.startTime,
    end: s.endTime,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    topic: s.topic,
    officer: s.officer,
    capacity: s.capacity,
    booked: s.booked,
    attended: s.attended,
    noShow: s.noShow,
    status: s.status,
  };
}

/** A booking without its code or contact. */
export function bookingSummary(b: BookingRow): BookingSummary {
  return {
    id: b.id,
    slotId: b.slotId,
    status: b.status,
    createdAt: b.createdAt.toISOString(),
    cancelledBy: b.cancelledBy,
  };
}
