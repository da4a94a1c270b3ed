import { Hono } from 'hono';
import type { AppEnv } from '../auth/middleware';
import { viewerOf } from '../auth/middleware';
import { actorOf, isStaff } from '../auth/viewer';
import type { AppDeps } from '../context';
import { rateLimit } from '../edge/rateLimit';
import { NotFound, ValidationError } from '../errors';
import { parseId } from '../schemas';
import { validate } from '../validate';
import { canonicalCode, codeHash, newBookingCode } from './code';
import { BookingNotCancellable, SlotCancelled, SlotClosed, SlotFull } from './errors';
import type { ReceptionOffices } from './offices';
import { bookingBody, codeBody, publicSlotsQuery } from './schemas';
import { citizenBookingView, publicSlotView } from './views';
import { listWindow } from './window';
import { describeRoute } from '../openapi/describe';

/** A citizen looks a month ahead by default. */
const PUBLIC_LIST_DAYS = 30;

const REFUSALS = {
  not_found: (id: string) => new NotFound(`Slot ${id}`),
  cancelled: () => new SlotCancelled(),
  started: () => new SlotClosed(),
  full: () => new SlotFull(),
};

/** Said with the code, the one time it is shown. */
const KEEP_THE_CODE = {
  vi: 'Hãy lưu mã xác nhận: mã chỉ hiển thị một lần và là cách duy nhất để tra cứu hoặc hủy lịch hẹn.',
  en: 'Keep the confirmation code: it is shown only once and is the only way to look up or cancel the booking.',
};

/**
 * The citizens' side, with no account (issue 10): list an office's slots, book one with a name,
 * a phone and a subject, then look the booking up or cancel it with the confirmation code. The
 * code travels in request bodies only, never in a URL (URLs end up in logs, histories and
 * Referer headers). Nothing here returns a contact, not even the citizen's own. Writes are held
 * to the filing rate per client (a script cannot fill every slot, or walk through codes); staff
 * booking for a citizen are not counted, and are recorded as the actor.
 */
export function receptionCitizenRoutes(deps: AppDeps, offices: ReceptionOffices) {
  const { reception } = deps.store;
  const limited = rateLimit(deps.edge?.filingRate ?? null, { exempt: (c) => viewerOf(c).kind === 'staff' });
  const actorIn = (c: Parameters<typeof viewerOf>[0]) => {
    const v = viewerOf(c);
    return isStaff(v) ? actorOf(v) : undefined;
  };
  const hashOf = (typed: string) => {
    const code = canonicalCode(typed);
    if (!code) throw new ValidationError('code: not a booking confirmation code / Mã xác nhận không hợp lệ', 'code');
    return codeHash(code);
  };

  return new Hono<AppEnv>()
    .get(
      '/offices',
      describeRoute({ summary: 'Citizen reception offices', tags: ['reception'], responses: { 200: 'The offices' } }),
      (c) => c.json({ items: offices.list }),
    )
    .get(
      '/offices/:office/slots',
      describeRoute({
        summary: "An office's open slots",
        tags: ['reception'],
        params: { office: 'The office code' },
        description: 'Default the next 30 days; cancelled slots left out.',
        responses: { 200: 'The slots with their free seats', 404: 'No such office' },
      }),
      validate('query', publicSlotsQuery),
      async (c) => {
        const office = offices.get(c.req.param('office'));
        if (!office) throw new NotFound(`Office ${c.req.param('office')}`);
        const now = deps.now();
        const window = listWindow(c.req.valid('query'), { from: now, days: PUBLIC_LIST_DAYS, notBefore: now });
        // A public read with no viewer in it: no scope, and the office's cancelled slots left out.
        const { value } = await reception.slots({ officeCode: office.code, ...window, openOnly: true });
        return c.json({
          office,
          from: window.from.toISOString(),
          until: window.until.toISOString(),
          items: value.map((s) => publicSlotView(s, offices, now)),
        });
      },
    )
    .post(
      '/slots/:id/bookings',
      describeRoute({
        summary: 'Book a slot',
        tags: ['reception'],
        params: { id: 'The slot id' },
        description:
          'A name, a phone and a subject; no account. The answer carries the confirmation code, shown this once: the only way to look the booking up or cancel it. Limited per client (staff booking for a citizen are not counted, and are recorded).',
        responses: {
          201: 'The booking with its code',
          404: 'No such slot',
          409: 'The slot is full, cancelled or has begun',
          429: 'Too many bookings from this client',
        },
      }),
      limited,
      validate('json', bookingBody),
      async (c) => {
        const id = parseId(c.req.param('id'));
        if (id === null) throw new NotFound(`Slot ${c.req.param('id')}`);
        const code = newBookingCode();
        const now = deps.now();
        const result = await reception.book(id, codeHash(code), c.req.valid('json'), now, actorIn(c));
        if (!result.ok) throw REFUSALS[result.refusal](c.req.param('id'));
        c.header('Cache-Control', 'no-store');
        return c.json(
          {
            booking: { ...citizenBookingView(result.booking, result.slot, offices, now), code },
            notice: KEEP_THE_CODE,
          },
          201,
        );
      },
    )
    .post(
      '/bookings/lookup',
      describeRoute({
        summary: 'Look a booking up by its code',
        tags: ['reception'],
        description: 'The code travels in the body, never in a URL.',
        responses: {
          200: 'The booking (no contact)',
          404: 'No booking with this code',
          429: 'Too many tries from this client',
        },
      }),
      limited,
      validate('json', codeBody),
      async (c) => {
        const found = await reception.bookingByCode(hashOf(c.req.valid('json').code));
        if (!found) throw new NotFound('Booking');
        c.header('Cache-Control', 'no-store');
        return c.json({ booking: citizenBookingView(found.booking, found.slot, offices, deps.now()) });
      },
    )
    .post(
      '/bookings/cancel',
      describeRoute({
        summary: 'Cancel a booking by its code',
        tags: ['reception'],
        responses: {
          200: 'The booking, cancelled, with `eventId`',
          404: 'No booking with this code',
          409: 'Not cancellable: cancelled already, or the slot has begun',
          429: 'Too many tries from this client',
        },
      }),
      limited,
      validate('json', codeBody),
      async (c) => {
        const now = deps.now();
        const done = await reception.cancelByCode(
          hashOf(c.req.valid('json').code),
          (booking, slot) => {
            if (booking.status !== 'confirmed') throw new BookingNotCancellable(booking.status);
            if (slot.startsAt <= now) throw new SlotClosed();
          },
          now,
          actorIn(c),
        );
        if (!done) throw new NotFound('Booking');
        c.header('Cache-Control', 'no-store');
        return c.json({ booking: citizenBookingView(done.booking, done.slot, offices, now), eventId: done.eventId });
      },
    );
}
