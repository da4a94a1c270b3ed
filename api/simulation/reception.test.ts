import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkingClock } from '../domain/workingCalendar';
import { startTestApp, type TestApp } from '../testing';
import { ReceptionSimulation } from './reception';

/** Tuesday 3 March 2026, 11:00 in Hanoi: the morning sessions have begun. */
const T0 = new Date('2026-03-03T04:00:00Z');

describe('the reception demo (pglite)', () => {
  let t: TestApp;
  let clock = T0;
  let sim: ReceptionSimulation;

  beforeAll(async () => {
    t = await startTestApp('pglite', { now: () => clock });
    sim = new ReceptionSimulation(t.runtime, 42);
    await sim.start();
    await sim.stop();
  });
  afterAll(async () => t?.close());

  const week = async () =>
    (await t.store.reception.slots({ from: new Date('2026-03-02T17:00:00Z'), until: new Date('2026-03-11T17:00:00Z') }))
      .value;

  it('publishes every office’s sessions for the coming week, on working days, inside working hours', async () => {
    const slots = await week();
    const working = createWorkingClock(t.pack.calendar);
    expect(new Set(slots.map((s) => s.localDate))).toEqual(
      new Set(['2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-09']),
    );
    for (const s of slots) {
      expect(working.workingHoursBetween(s.startsAt, s.endsAt) * 3_600_000, `${s.id}`).toBe(
        s.endsAt.getTime() - s.startsAt.getTime(),
      );
    }
    // The city every day twice; most districts at least once in the week; many wards.
    expect(slots.filter((s) => s.officeLevel === 'city')).toHaveLength(10);
    expect(new Set(slots.filter((s) => s.officeLevel === 'district').map((s) => s.officeCode)).size).toBeGreaterThan(
      20,
    );
    expect(new Set(slots.filter((s) => s.officeLevel === 'commune').map((s) => s.officeCode)).size).toBeGreaterThan(60);
    // Today's begun sessions were booked before they began; later ones hold a share already.
    const morning = slots.find(
      (s) => s.officeLevel === 'city' && s.localDate === '2026-03-03' && s.startTime === '08:00',
    )!;
    expect(morning.booked).toBeGreaterThan(0);
    expect(slots.reduce((n, s) => n + s.booked, 0)).toBeGreaterThan(slots.length);
  });

  it('marks attendance once a session is well under way, and books the open ones through the day', async () => {
    const bookedAtStart = sim.counters.booked;
    clock = new Date(T0.getTime() + 30 * 60_000);
    for (let i = 0; i < 60; i++) {
      clock = new Date(clock.getTime() + 5 * 60_000);
      await sim.tick();
    }
    const after = await week();
    for (const s of after.filter((x) => x.localDate === '2026-03-03' && x.startTime === '08:00')) {
      expect(s.attended + s.noShow, `${s.officeCode}`).toBe(s.booked);
    }
    // 5 hours of a Tuesday: citizens kept booking the sessions still to come.
    expect(sim.counters.booked).toBeGreaterThan(bookedAtStart);
    const types = new Set((await t.store.events.eventsAfter(0, Number.MAX_SAFE_INTEGER, 100_000)).map((e) => e.type));
    for (const ty of ['slot.published', 'booking.confirmed', 'booking.attended', 'booking.no_show'])
      expect(types).toContain(ty);
  });

  it('publishes nothing twice when it starts again', async () => {
    const again = new ReceptionSimulation(t.runtime, 7);
    await again.start();
    await again.stop();
    expect(again.counters.published).toBe(0);
  });
});
