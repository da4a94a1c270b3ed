import { Hono } from 'hono';
import { cityClock } from '../../core/cityClock';
import type { SlotRow } from '../../db/stores/reception';
import { Forbidden, type AppEnv } from '../auth/middleware';
import { staffOnly, staffScope } from '../auth/routeScope';
import { actorOf } from '../auth/viewer';
import type { AppDeps } from '../context';
import { slotInstants } from '../domain/receptionCalendar';
import { createWorkingClock } from '../domain/workingCalendar';
import { NotFound } from '../errors';
import { parseId } from '../schemas';
import { validate } from '../validate';
import {
  BookingNotMarkable,
  CapacityBelowBooked,
  SlotCancelled,
  SlotClosed,
  SlotNotStarted,
  UnknownOffice,
} from './errors';
import { inOfficeScope, officeScopeOf, type ReceptionOffices } from './offices';
import { attendanceBody, cancelSlotBody, editSlotBody, newSlotBody, staffSlotsQuery } from './schemas';
import { staffBookingView, staffSlotView } from './views';
import { listWindow, startOfToday } from './window';
import { describeRoute } from '../openapi/describe';

/** Staff see a week by default: the desk's "this week". */
const STAFF_LIST_DAYS = 7;
/** Who manages slots: the operations centre any office's, a chief its area's; an agency none. */
const MANAGERS = ['admin', 'operator', 'chief'] as const;

function forbiddenOffice(code: string) {
  return new Forbidden(`Office ${code} is outside your area / Nơi tiếp ${code} nằm ngoài địa bàn của bạn`);
}

/** A slot the office can still change: open and not begun. */
function checkChangeable(s: SlotRow, now: Date): void {
  if (s.status === 'cancelled') throw new SlotCancelled();
  if (s.startsAt <= now) throw new SlotClosed();
}

/**
 * The offices' side of reception: publish, edit and cancel slots, list them with their seats, see
 * a slot's bookings, read a booking's contact (logged), mark attendance. A slot or booking of
 * another area's office answers 404, as one that does not exist (as reports do); naming another
 * area's office (publishing there, filtering by it) answers 403, as an area filter does.
 */
export function receptionStaffRoutes(deps: AppDeps, offices: ReceptionOffices) {
  const { pack } = deps;
  const { reception } = deps.store;
  const workingClock = createWorkingClock(pack.calendar);
  const local = cityClock(pack.timezone);
  const scopeOf = (c: Parameters<typeof staffScope>[0]) => {
    const { viewer } = staffScope(c, pack, ...MANAGERS);
    return { viewer, scope: officeScopeOf(viewer, pack), actor: actorOf(viewer) };
  };
  const slotId = (param: string, what = 'Slot') => {
    const id = parseId(param);
    if (id === null) throw new NotFound(`${what} ${param}`);
    return id;
  };

  return new Hono<AppEnv>()
    .get(
      '/slots',
      describeRoute({
        summary: 'Slots, with their seats',
        tags: ['reception'],
        description: "Default this week from today; an office outside a chief's area is refused (403).",
        responses: { 200: 'The slots' },
      }),
      staffOnly(...MANAGERS),
      validate('query', staffSlotsQuery),
      async (c) => {
        const { scope } = scopeOf(c);
        const q = c.req.valid('query');
        if (q.office !== undefined) {
          if (!offices.get(q.office)) throw new UnknownOffice(q.office);
          if (!inOfficeScope(scope, q.office)) throw forbiddenOffice(q.office);
        }
        const window = listWindow(q, { from: startOfToday(local, deps.now()), days: STAFF_LIST_DAYS });
        const { asOfEventId, value } = await reception.slots({ officeCode: q.office, ...window }, scope);
        return c.json({
          from: window.from.toISOString(),
          until: window.until.toISOString(),
          items: value.map((s) => staffSlotView(s, offices)),
          asOfEventId,
        });
      },
    )
    .post(
      '/slots',
      describeRoute({
        summary: 'Publish a slot',
        tags: ['reception'],
        description: "On a working day of the city's calendar, in the office's local time.",
        responses: { 201: 'The slot, with `eventId` (Location: its URL)' },
      }),
      staffOnly(...MANAGERS),
      validate('json', newSlotBody),
      async (c) => {
        const { scope, actor } = scopeOf(c);
        const body = c.req.valid('json');
        const office = offices.get(body.office);
        if (!office) throw new UnknownOffice(body.office);
        if (!inOfficeScope(scope, office.code)) throw forbiddenOffice(office.code);
        const now = deps.now();
        const { startsAt, endsAt } = slotInstants(body, pack.calendar, workingClock, now);
        const { slot, eventId } = await reception.publishSlot(
          {
            officeCode: office.code,
            officeLevel: office.level,
            ...offices.place(office),
            localDate: body.date,
            startTime: body.start,
            endTime: body.end,
            startsAt,
            endsAt,
            topic: body.topic ?? null,
            officer: body.officer ?? null,
            capacity: body.capacity,
          },
          now,
          actor,
        );
        return c.json({ ...staffSlotView(slot, offices), eventId }, 201, {
          Location: `/api/reception/slots/${slot.id}`,
        });
      },
    )
    .patch(
      '/slots/:id',
      describeRoute({
        summary: 'Edit a slot',
        tags: ['reception'],
        params: { id: 'The slot id' },
        responses: {
          200: 'The slot, with `eventId`',
          404: "No such slot in the viewer's area",
          409: 'Cancelled or begun, or fewer seats than booked',
        },
      }),
      staffOnly(...MANAGERS),
      validate('json', editSlotBody),
      async (c) => {
        const { scope, actor } = scopeOf(c);
        const body = c.req.valid('json');
        const now = deps.now();
        const done = await reception.editSlot(
          slotId(c.req.param('id')),
          (current) => {
            checkChangeable(current, now);
            if (body.capacity !== undefined && body.capacity < current.booked)
              throw new CapacityBelowBooked(current.booked);
            return body;
          },
          now,
          actor,
          scope,
        );
        if (!done) throw new NotFound(`Slot ${c.req.param('id')}`);
        return c.json({ ...staffSlotView(done.slot, offices), eventId: done.eventId });
      },
    )
    .post(
      '/slots/:id/cancel',
      describeRoute({
        summary: 'Cancel a slot and its bookings',
        tags: ['reception'],
        params: { id: 'The slot id' },
        responses: {
          200: 'The slot, the bookings cancelled, and `eventId`',
          404: "No such slot in the viewer's area",
          409: 'Cancelled already, or begun',
        },
      }),
      staffOnly(...MANAGERS),
      validate('json', cancelSlotBody),
      async (c) => {
        const { scope, actor } = scopeOf(c);
        const now = deps.now();
        const done = await reception.cancelSlot(
          slotId(c.req.param('id')),
          (current) => checkChangeable(current, now),
          c.req.valid('json').reason ?? null,
          now,
          actor,
          scope,
        );
        if (!done) throw new NotFound(`Slot ${c.req.param('id')}`);
        return c.json({
          ...staffSlotView(done.slot, offices),
          bookingsCancelled: done.bookingsCancelled,
          eventId: done.eventId,
        });
      },
    )
    .get(
      '/slots/:id/bookings',
      describeRoute({
        summary: "A slot's bookings",
        tags: ['reception'],
        params: { id: 'The slot id' },
        responses: { 200: 'The slot and its bookings (no contacts)', 404: "No such slot in the viewer's area" },
      }),
      staffOnly(...MANAGERS),
      async (c) => {
        const { scope } = scopeOf(c);
        const slot = await reception.slot(slotId(c.req.param('id')), scope);
        if (!slot) throw new NotFound(`Slot ${c.req.param('id')}`);
        const bookings = await reception.bookingsOfSlot(slot.id);
        return c.json({ slot: staffSlotView(slot, offices), items: bookings.map(staffBookingView) });
      },
    )
    .get(
      '/bookings/:id/contact',
      describeRoute({
        summary: "A booking's contact",
        tags: ['reception'],
        params: { id: 'The booking id' },
        description: 'Each read is logged; an erased contact shows as `erasedAt`.',
        responses: { 200: 'The contact, or when it was erased', 404: "No such booking in the viewer's area" },
      }),
      staffOnly(...MANAGERS),
      async (c) => {
        const { scope, actor } = scopeOf(c);
        const id = slotId(c.req.param('id'), 'Booking');
        const found = await reception.booking(id, scope);
        if (!found) throw new NotFound(`Booking ${c.req.param('id')}`);
        const contact = await reception.readContact(id, actor, deps.now());
        // An erased contact (retention) shows as erased, with when.
        const erasedAt = contact ? null : await reception.contactErasedAt(id);
        c.header('Cache-Control', 'no-store');
        return c.json({ bookingId: id, contact, erasedAt: erasedAt?.toISOString() ?? null });
      },
    )
    .post(
      '/bookings/:id/attendance',
      describeRoute({
        summary: 'Mark whether the citizen came',
        tags: ['reception'],
        params: { id: 'The booking id' },
        responses: {
          200: 'The booking, with `eventId`',
          404: "No such booking in the viewer's area",
          409: 'The slot has not begun, or the booking is cancelled or marked so already',
        },
      }),
      staffOnly(...MANAGERS),
      validate('json', attendanceBody),
      async (c) => {
        const { scope, actor } = scopeOf(c);
        const { outcome } = c.req.valid('json');
        const now = deps.now();
        const done = await reception.markAttendance(
          slotId(c.req.param('id'), 'Booking'),
          outcome,
          (booking, slot) => {
            if (booking.status === 'cancelled' || booking.status === outcome)
              throw new BookingNotMarkable(booking.status);
            if (slot.startsAt > now) throw new SlotNotStarted();
          },
          now,
          actor,
          scope,
        );
        if (!done) throw new NotFound(`Booking ${c.req.param('id')}`);
        return c.json({
          ...staffBookingView(done.booking),
          slot: staffSlotView(done.slot, offices),
          eventId: done.eventId,
        });
      },
    );
}
