import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DRIVERS } from '../../db/testing';
import { eraseExpiredBookingContacts } from '../privacy/retention';
import { openSse, reachedId, type SseMessage } from '../sseClient';
import { as, type Requester } from '../testClient';
import { startTestApp, type TestApp } from '../testing';

/** Monday 2 March 2026, 08:00 in Hanoi: the offices are open. */
const T0 = new Date('2026-03-02T01:00:00Z');
const hn = (local: string) => new Date(`${local}:00+07:00`);
const DAY_MS = 86_400_000;

const CITY = 'hanoi';
const DISTRICT = '002'; // Hoàn Kiếm (pre-2025)
const COMMUNE = '00070'; // a ward of 002
const ELSEWHERE = '016'; // Sóc Sơn

const CITIZEN = {
  name: 'Trần Văn Công Dân',
  phone: '0912 345 678',
  subject: 'Tranh chấp ranh giới đất với hộ liền kề',
};

function send(r: Requester, method: string, url: string, body?: unknown) {
  return r.request(url, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
}

const STREAM_WHO = ['anonymous', 'operator', 'chiefOfDistrict', 'chiefOfCommune', 'chiefElsewhere', 'agency'] as const;
type Who = (typeof STREAM_WHO)[number];

const slotBody = (over: Record<string, unknown> = {}) => ({
  office: COMMUNE,
  date: '2026-03-03',
  start: '09:00',
  end: '10:00',
  topic: 'Đất đai',
  officer: 'Chủ tịch UBND phường',
  capacity: 3,
  ...over,
});

describe.each(TEST_DRIVERS)('citizen reception (%s)', (driver) => {
  let t: TestApp;
  let clock = T0;
  let ops: Requester;
  let chiefDistrict: Requester;
  let chiefCommune: Requester;
  let chiefElsewhere: Requester;
  let agency: Requester;
  let base: string;
  const headers = {} as Record<Who, Record<string, string>>;

  async function publish(who: Requester, over: Record<string, unknown> = {}) {
    const res = await send(who, 'POST', '/api/reception/slots', slotBody(over));
    expect(res.status, await res.clone().text()).toBe(201);
    return res.json();
  }
  async function book(slotId: number, who: Requester = t.app) {
    return send(who, 'POST', `/api/reception/slots/${slotId}/bookings`, CITIZEN);
  }
  const counts = async () => {
    const { maxId } = await t.store.events.eventBounds();
    const { value } = await t.store.reception.slots({ from: new Date(0), until: new Date('2099-01-01') });
    return { maxId, slots: value.length };
  };

  beforeAll(async () => {
    t = await startTestApp(driver, { now: () => clock });
    base = await t.listen();
    headers.anonymous = {};
    headers.operator = await t.headersFor('operator');
    headers.chiefOfDistrict = await t.headersFor('chief', { areaCode: DISTRICT });
    headers.chiefOfCommune = await t.headersFor('chief', { areaCode: COMMUNE });
    headers.chiefElsewhere = await t.headersFor('chief', { areaCode: ELSEWHERE });
    headers.agency = await t.headersFor('agency', { agencyCode: 'dept_construction' });
    ops = as(t.app, headers.operator);
    chiefDistrict = as(t.app, headers.chiefOfDistrict);
    chiefCommune = as(t.app, headers.chiefOfCommune);
    chiefElsewhere = as(t.app, headers.chiefElsewhere);
    agency = as(t.app, headers.agency);
  });
  afterAll(async () => t?.close());

  it.each([
    ['a holiday (30 April)', { date: '2026-04-30' }, 'slot_on_holiday', 'date'],
    ['a Saturday', { date: '2026-03-07' }, 'slot_not_working_day', 'date'],
    ['the evening', { start: '18:00', end: '19:00' }, 'slot_outside_hours', 'start'],
    ['over lunch', { start: '11:30', end: '14:00' }, 'slot_outside_hours', 'end'],
    ['a past date', { date: '2026-02-27' }, 'slot_in_past', 'date'],
    ['earlier today', { date: '2026-03-02', start: '07:00', end: '07:30' }, 'slot_in_past', 'date'],
    ['capacity 0', { capacity: 0 }, 'invalid_request', 'capacity'],
    ['capacity −2', { capacity: -2 }, 'invalid_request', 'capacity'],
    ['capacity 1.5', { capacity: 1.5 }, 'invalid_request', 'capacity'],
    ['an unknown office', { office: '99999' }, 'unknown_office', 'office'],
    ['a date that does not exist', { date: '2026-02-30' }, 'invalid_request', 'date'],
    ['a time that is not one', { start: '9h' }, 'invalid_request', 'start'],
    ['an unknown field', { colour: 'red' }, 'invalid_request', 'colour'],
    ['markup in the topic', { topic: '<b>Đất</b>' }, 'invalid_request', 'topic'],
  ])('refuses a slot on %s with 400 %s (field %s), storing nothing', async (_label, over, code, field) => {
    const before = await counts();
    const res = await send(ops, 'POST', '/api/reception/slots', slotBody(over));
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code, field });
    expect(await counts()).toEqual(before);
  });

  it('publishes a slot, lists it for the public without anyone’s data, books it, looks it up and cancels it with the code', async () => {
    const slot = await publish(chiefCommune);
    expect(slot).toMatchObject({
      office: { code: COMMUNE, level: 'commune' },
      date: '2026-03-03',
      start: '09:00',
      end: '10:00',
      startsAt: hn('2026-03-03T09:00').toISOString(),
      capacity: 3,
      booked: 0,
      status: 'open',
    });

    const res = await book(slot.id);
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { booking } = await res.json();
    expect(booking).toMatchObject({ status: 'confirmed', slot: { id: slot.id, available: 2, bookable: true } });
    expect(booking.code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);

    // The public list and the citizen's own answers never carry a contact, not even its own.
    const list = await (await t.app.request(`/api/reception/offices/${COMMUNE}/slots`)).json();
    expect(list.items.map((s: { id: number; available: number }) => [s.id, s.available])).toContainEqual([slot.id, 2]);
    const looked = await send(t.app, 'POST', '/api/reception/bookings/lookup', {
      code: booking.code.toLowerCase().replace(/-/g, ' '),
    });
    expect(looked.status).toBe(200);
    const lookedUp = await looked.json();
    expect(lookedUp.booking).toMatchObject({ id: booking.id, status: 'confirmed' });
    for (const text of [JSON.stringify(list), JSON.stringify(lookedUp), JSON.stringify(booking)]) {
      for (const s of [CITIZEN.name, '0912345678', CITIZEN.subject]) expect(text).not.toContain(s);
    }
    // The code is stored only as its hash.
    const row = await t.store.reception.booking(booking.id);
    expect(row?.booking.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(booking.code);

    // Unknown and malformed codes.
    expect((await send(t.app, 'POST', '/api/reception/bookings/lookup', { code: 'AAAA-AAAA-AAAA-AAAA' })).status).toBe(
      404,
    );
    const bad = await send(t.app, 'POST', '/api/reception/bookings/lookup', { code: 'nope' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatchObject({ field: 'code' });

    const cancelled = await send(t.app, 'POST', '/api/reception/bookings/cancel', { code: booking.code });
    expect(cancelled.status).toBe(200);
    expect((await cancelled.json()).booking).toMatchObject({ status: 'cancelled', cancelledBy: 'citizen' });
    const again = await send(t.app, 'POST', '/api/reception/bookings/cancel', { code: booking.code });
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe('booking_not_cancellable');
    expect((await t.store.reception.slot(slot.id))?.booked).toBe(0);
  });

  it('gives exactly 3 of 50 concurrent bookings a seat of a 3-seat slot; the others 409 slot_full', async () => {
    const slot = await publish(ops, { capacity: 3 });
    const answers = await Promise.all(Array.from({ length: 50 }, () => book(slot.id)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(statuses.filter((s) => s === 409)).toHaveLength(47);
    const refusals = await Promise.all(answers.filter((r) => r.status === 409).map((r) => r.json()));
    expect(new Set(refusals.map((r) => r.error.code))).toEqual(new Set(['slot_full']));
    expect(await t.store.reception.bookingsOfSlot(slot.id)).toHaveLength(3);
    expect((await t.store.reception.slot(slot.id))?.booked).toBe(3);
    const confirmed = (await t.store.events.eventsAfter(0, Number.MAX_SAFE_INTEGER, 10_000)).filter(
      (e) => e.type === 'booking.confirmed' && (e.payload as { slot: { id: number } }).slot.id === slot.id,
    );
    expect(confirmed).toHaveLength(3);
    // Seats freed by a cancellation can be taken again, up to the capacity once more.
    const seated = await Promise.all(answers.filter((r) => r.status === 201).map((r) => r.json()));
    await send(t.app, 'POST', '/api/reception/bookings/cancel', { code: seated[0].booking.code });
    const retry = await Promise.all(Array.from({ length: 10 }, () => book(slot.id)));
    expect(retry.map((r) => r.status).sort()).toEqual([201, ...Array(9).fill(409)]);
  });

  it('keeps each office to its staff: chiefs their area (a district its communes), agencies none', async () => {
    const status = async (who: Requester, over: Record<string, unknown>) =>
      (await send(who, 'POST', '/api/reception/slots', slotBody(over))).status;
    expect(await status(chiefDistrict, { office: DISTRICT })).toBe(201);
    expect(await status(chiefDistrict, { office: COMMUNE })).toBe(201);
    expect(await status(chiefDistrict, { office: ELSEWHERE })).toBe(403);
    expect(await status(chiefDistrict, { office: CITY })).toBe(403);
    expect(await status(chiefCommune, { office: DISTRICT })).toBe(403);
    expect(await status(ops, { office: CITY })).toBe(201);
    expect(await status(agency, { office: COMMUNE })).toBe(403);
    expect(await status(t.app, { office: COMMUNE })).toBe(401);

    const slot = await publish(chiefCommune);
    const res = await book(slot.id);
    const { booking } = await res.json();
    // Another area's slot and booking are as unknown as ones that do not exist.
    for (const [method, url, body] of [
      ['PATCH', `/api/reception/slots/${slot.id}`, { capacity: 5 }],
      ['POST', `/api/reception/slots/${slot.id}/cancel`, {}],
      ['GET', `/api/reception/slots/${slot.id}/bookings`, undefined],
      ['GET', `/api/reception/bookings/${booking.id}/contact`, undefined],
      ['POST', `/api/reception/bookings/${booking.id}/attendance`, { outcome: 'attended' }],
    ] as const) {
      expect((await send(chiefElsewhere, method, url, body)).status, `${method} ${url}`).toBe(404);
      expect((await send(agency, method, url, body)).status, `${method} ${url}`).toBe(403);
    }
    const filtered = await ops.request(`/api/reception/slots?office=${ELSEWHERE}`);
    expect(filtered.status).toBe(200);
    expect((await chiefDistrict.request(`/api/reception/slots?office=${ELSEWHERE}`)).status).toBe(403);
    // A chief's list holds its own offices only; the operations centre's every office.
    const offices = async (who: Requester) =>
      new Set(
        ((await (await who.request('/api/reception/slots')).json()).items as Array<{ office: { code: string } }>).map(
          (s) => s.office.code,
        ),
      );
    expect(await offices(chiefDistrict)).toEqual(new Set([DISTRICT, COMMUNE]));
    expect(await offices(chiefCommune)).toEqual(new Set([COMMUNE]));
    expect(await offices(ops)).toEqual(new Set([DISTRICT, COMMUNE, CITY]));
    expect(await offices(chiefElsewhere)).toEqual(new Set());

    // The contact: the office's chiefs and the operations centre, each read logged.
    for (const who of [chiefDistrict, chiefCommune, ops]) {
      const r = await who.request(`/api/reception/bookings/${booking.id}/contact`);
      expect(r.status).toBe(200);
      expect((await r.json()).contact).toEqual({ ...CITIZEN, phone: '0912345678' });
    }
    const reads = (await t.store.audit.list({ action: 'booking.contact.read' })).filter(
      (a) => a.detail?.bookingId === booking.id,
    );
    expect(reads).toHaveLength(3);
    // The staff's lists never carry it.
    const lists = [
      await (await chiefCommune.request(`/api/reception/slots/${slot.id}/bookings`)).text(),
      await (await ops.request('/api/reception/slots')).text(),
    ];
    for (const text of lists)
      for (const s of [CITIZEN.name, '0912345678', CITIZEN.subject]) expect(text).not.toContain(s);
  });

  it('edits a slot within its bookings, cancels it with its bookings, and marks attendance once begun', async () => {
    const slot = await publish(chiefDistrict, { office: DISTRICT, capacity: 4 });
    const codes: string[] = [];
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { booking } = await (await book(slot.id)).json();
      codes.push(booking.code);
      ids.push(booking.id);
    }
    const below = await send(chiefDistrict, 'PATCH', `/api/reception/slots/${slot.id}`, { capacity: 2 });
    expect(below.status).toBe(409);
    expect((await below.json()).error).toMatchObject({ code: 'capacity_below_booked', field: 'capacity' });
    const edited = await send(chiefDistrict, 'PATCH', `/api/reception/slots/${slot.id}`, {
      capacity: 3,
      topic: 'Chính sách xã hội',
    });
    expect(edited.status).toBe(200);
    expect(await edited.json()).toMatchObject({ capacity: 3, topic: 'Chính sách xã hội', booked: 3 });
    expect((await (await book(slot.id)).json()).error.code).toBe('slot_full');

    // Attendance only once the slot has begun.
    const early = await send(chiefDistrict, 'POST', `/api/reception/bookings/${ids[0]}/attendance`, {
      outcome: 'attended',
    });
    expect(early.status).toBe(409);
    expect((await early.json()).error.code).toBe('slot_not_started');
    await send(t.app, 'POST', '/api/reception/bookings/cancel', { code: codes[2] });
    clock = hn('2026-03-03T09:05');
    try {
      const mark = (id: number, outcome: string) =>
        send(chiefDistrict, 'POST', `/api/reception/bookings/${id}/attendance`, { outcome });
      expect((await mark(ids[0]!, 'attended')).status).toBe(200);
      expect((await mark(ids[0]!, 'attended')).status).toBe(409);
      expect((await mark(ids[1]!, 'attended')).status).toBe(200);
      const corrected = await mark(ids[1]!, 'no_show');
      expect(corrected.status).toBe(200);
      expect((await corrected.json()).slot).toMatchObject({ booked: 2, attended: 1, noShow: 1 });
      expect((await mark(ids[2]!, 'attended')).status).toBe(409);
      // Begun: the citizen can no longer cancel, nor anyone book, nor the office cancel the slot.
      const late = await send(t.app, 'POST', '/api/reception/bookings/cancel', { code: codes[0] });
      expect((await late.json()).error.code).toBe('booking_not_cancellable');
      expect((await (await book(slot.id)).json()).error.code).toBe('slot_closed');
      expect((await send(chiefDistrict, 'POST', `/api/reception/slots/${slot.id}/cancel`, {})).status).toBe(409);
    } finally {
      clock = T0;
    }

    // Cancelling a slot cancels its confirmed bookings, each with its own event.
    const other = await publish(ops, { office: DISTRICT, date: '2026-03-04' });
    const held = await Promise.all([book(other.id), book(other.id)]).then((rs) => Promise.all(rs.map((r) => r.json())));
    const { maxId: before } = await t.store.events.eventBounds();
    const res = await send(ops, 'POST', `/api/reception/slots/${other.id}/cancel`, { reason: 'Lãnh đạo đi công tác' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'cancelled', booked: 0, bookingsCancelled: 2 });
    const written = await t.store.events.eventsAfter(before, Number.MAX_SAFE_INTEGER, 100);
    expect(written.map((e) => e.type)).toEqual(['booking.cancelled', 'booking.cancelled', 'slot.cancelled']);
    expect(written.every((e) => e.actorRole === 'operator' && e.districtCode === DISTRICT)).toBe(true);
    const looked = await send(t.app, 'POST', '/api/reception/bookings/lookup', { code: held[0].booking.code });
    expect((await looked.json()).booking).toMatchObject({ status: 'cancelled', cancelledBy: 'office' });
    expect((await (await book(other.id)).json()).error.code).toBe('slot_cancelled');
    const publicList = await (await t.app.request(`/api/reception/offices/${DISTRICT}/slots`)).json();
    expect(publicList.items.map((s: { id: number }) => s.id)).not.toContain(other.id);
    expect((await t.app.request('/api/reception/offices/99999/slots')).status).toBe(404);
  });

  /**
   * Who hears of which office's slots and bookings: the operations centre of every office; a chief
   * of its area's (a district chief also its communes'); an agency and the public of none. No
   * stream carries a citizen's name, phone, subject or confirmation code.
   */
  it('carries each office’s events to its chiefs and the operations centre only, without contacts', async () => {
    const streams = await Promise.all(
      STREAM_WHO.map((who) => openSse(`${base}/api/stream`, { headers: headers[who] })),
    );
    const post = (r: Requester, url: string, body: unknown) =>
      r.request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const publish = async (office: string) => {
      const body = { office, date: '2026-03-03', start: '14:00', end: '15:00', capacity: 2 };
      const res = await post(ops, '/api/reception/slots', body);
      expect(res.status).toBe(201);
      return (await res.json()).id as number;
    };
    const slots = {
      commune: await publish('00070'),
      district: await publish('002'),
      elsewhere: await publish('016'),
      city: await publish('hanoi'),
    };
    const codes: string[] = [];
    for (const id of Object.values(slots)) {
      const res = await post(t.app, `/api/reception/slots/${id}/bookings`, CITIZEN);
      expect(res.status).toBe(201);
      codes.push((await res.json()).booking.code);
    }
    expect((await post(t.app, '/api/reception/bookings/cancel', { code: codes[0] })).status).toBe(200);
    // Every audience hears overlays: once a stream has this one, it has had all it was going to get.
    const [layer] = await t.store.layers.list(clock);
    const { eventId: last } = await t.store.layers.writeTick({ layer: layer!.code, at: clock, readings: [] }, true);

    const heard = await Promise.all(
      streams.map(async (s) => {
        const msgs = await s.collect(reachedId(last!));
        s.close();
        return msgs;
      }),
    );
    const slotsHeard = (msgs: SseMessage[]) =>
      [
        ...new Set(
          msgs
            .filter((m) => m.event.startsWith('slot.') || m.event.startsWith('booking.'))
            .map((m) => JSON.parse(m.data).slot.id as number),
        ),
      ].sort((a, b) => a - b);
    const sorted = (...ids: number[]) => ids.sort((a, b) => a - b);
    const expected: Record<Who, number[]> = {
      anonymous: [],
      operator: sorted(...Object.values(slots)),
      chiefOfDistrict: sorted(slots.commune, slots.district),
      chiefOfCommune: [slots.commune],
      chiefElsewhere: [slots.elsewhere],
      agency: [],
    };
    STREAM_WHO.forEach((who, i) => {
      const msgs = heard[i]!;
      expect(slotsHeard(msgs), who).toEqual(expected[who]);
      const text = msgs.map((m) => m.data).join('\n');
      for (const s of [CITIZEN.name, '0912345678', CITIZEN.subject, ...codes]) expect(text, who).not.toContain(s);
    });
    // The operations centre heard each kind once per slot, in order.
    const opsTypes = heard[1]!
      .filter((m) => m.event.startsWith('slot.') || m.event.startsWith('booking.'))
      .map((m) => m.event);
    expect(opsTypes).toEqual([
      ...Array(4).fill('slot.published'),
      ...Array(4).fill('booking.confirmed'),
      'booking.cancelled',
    ]);
  });

  it('erases booking contacts past the retention days, logging each, and keeps the bookings', async () => {
    const slot = await publish(ops, { office: ELSEWHERE, date: '2026-03-05' });
    const { booking } = await (await book(slot.id)).json();
    const days = 30;
    // Finished when the slot ended (5 March 10:00): kept until 30 days after.
    expect(
      await eraseExpiredBookingContacts(t.store, new Date(hn('2026-03-05T09:59').getTime() + days * DAY_MS), days),
    ).not.toContain(booking.id);
    const at = new Date(hn('2026-03-05T10:01').getTime() + days * DAY_MS);
    const [a, b] = await Promise.all([
      eraseExpiredBookingContacts(t.store, at, days),
      eraseExpiredBookingContacts(t.store, at, days),
    ]);
    expect([...a, ...b].filter((id) => id === booking.id)).toEqual([booking.id]);
    const logged = (await t.store.audit.list({ action: 'booking.contact.erased' })).filter(
      (e) => e.detail?.bookingId === booking.id,
    );
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ userId: null, detail: { reason: 'retention', retentionDays: days } });
    const r = await (await ops.request(`/api/reception/bookings/${booking.id}/contact`)).json();
    expect(r).toEqual({ bookingId: booking.id, contact: null, erasedAt: at.toISOString() });
    expect((await t.store.reception.booking(booking.id))?.booking.status).toBe('confirmed');
  });
});
