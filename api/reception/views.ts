import type { BookingRow, SlotRow } from '../../db/stores/reception';
import { bookingSummary, slotSummary } from '../../db/queries/receptionSummary';
import type { OfficeRef, ReceptionOffices } from './offices';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The office with its names; one the pack no longer has keeps its code as its name. */
function officeView(s: SlotRow, offices: ReceptionOffices): OfficeRef {
  const code = s.officeCode;
  return offices.get(code) ?? { code, level: s.officeLevel, nameVi: code, nameEn: code, parentCode: null };
}

/**
 * A slot as anyone may see it: when, where, about what, and how many seats are left. Nothing of
 * who booked: not even how many came.
 */
export function publicSlotView(s: SlotRow, offices: ReceptionOffices, now: Date) {
  const available = s.capacity - s.booked;
  return {
    id: s.id,
    office: officeView(s, offices),
    date: s.localDate,
    start: s.startTime,
    end: s.endTime,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    topic: s.topic,
    officer: s.officer,
    capacity: s.capacity,
    available,
    status: s.status,
    /** Whether a booking can be made now. */
    bookable: s.status === 'open' && s.startsAt > now && available > 0,
  };
}

/** A slot as its office's staff see it: the seats taken and the attendance so far. */
export function staffSlotView(s: SlotRow, offices: ReceptionOffices) {
  return {
    ...slotSummary(s),
    office: officeView(s, offices),
    cancelReason: s.cancelReason,
    cancelledAt: iso(s.cancelledAt),
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

/** A booking as staff list it: no code, no contact (that is its own, logged read). */
export function staffBookingView(b: BookingRow) {
  return { ...bookingSummary(b), cancelledAt: iso(b.cancelledAt), markedAt: iso(b.markedAt) };
}

/** What the citizen reads back with the code: the booking and its slot, never the contact. */
export function citizenBookingView(b: BookingRow, s: SlotRow, offices: ReceptionOffices, now: Date) {
  return {
    id: b.id,
    status: b.status,
    cancelledBy: b.cancelledBy,
    createdAt: b.createdAt.toISOString(),
    slot: publicSlotView(s, offices, now),
  };
}
