import { cityClock } from '../../core/cityClock';
import type { CityPack } from '../../core/cityPack';
import type { Store } from '../../db/store';
import { createWorkingClock } from '../domain/workingCalendar';
import { codeHash, newBookingCode } from './code';
import { receptionOffices } from './offices';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** A citizen's contact as the tests book with it: none of it may reach a public answer or a stream. */
export const TEST_CITIZEN = {
  name: 'Đỗ Thị Đặt Lịch',
  phone: '0977111222',
  subject: 'Hỏi về hồ sơ cấp phép xây dựng số 47',
};

/** The first local date after `now` with working time on the pack's calendar (YYYY-MM-DD). */
export function nextWorkingDate(pack: Pick<CityPack, 'calendar' | 'timezone'>, now: Date): string {
  const clock = createWorkingClock(pack.calendar);
  const local = cityClock(pack.timezone);
  for (let day = local.dayIndex(now) + 1; ; day++) {
    if (clock.workingHoursBetween(new Date(local.utcOfLocal(day)), new Date(local.utcOfLocal(day + 1))) > 0) {
      return new Date(day * DAY_MS).toISOString().slice(0, 10);
    }
  }
}

/**
 * Slots and bookings of one office written straight through the store, for tests that need them
 * in a state the API would take hours to reach (a slot already begun). Each `fresh…` makes a new
 * one, so a test that changes it leaves the next caller's untouched.
 */
export function receptionFixture(store: Pick<Store, 'reception'>, pack: CityPack, officeCode: string, actorUserId = 1) {
  const offices = receptionOffices(pack);
  const office = offices.get(officeCode);
  if (!office) throw new Error(`no office ${officeCode}`);
  const actor = { userId: actorUserId, role: 'operator' as const };
  async function slot(startsAt: Date, capacity = 20) {
    const local = cityClock(pack.timezone);
    const hhmm = (d: Date) => {
      const h = local.localHour(d);
      return `${String(Math.floor(h)).padStart(2, '0')}:${String(Math.round((h % 1) * 60)).padStart(2, '0')}`;
    };
    const endsAt = new Date(startsAt.getTime() + HOUR_MS);
    const { slot } = await store.reception.publishSlot(
      {
        officeCode: office!.code,
        officeLevel: office!.level,
        ...offices.place(office!),
        localDate: local.localDay(startsAt),
        startTime: hhmm(startsAt),
        endTime: hhmm(endsAt),
        startsAt,
        endsAt,
        topic: 'Thử nghiệm',
        officer: null,
        capacity,
      },
      new Date(startsAt.getTime() - DAY_MS),
      actor,
    );
    return slot.id;
  }
  async function booking(slotId: number, at: Date) {
    const code = newBookingCode();
    const r = await store.reception.book(slotId, codeHash(code), TEST_CITIZEN, at);
    if (!r.ok) throw new Error(`booking refused: ${r.refusal}`);
    return { id: r.booking.id, code };
  }
  return {
    /** A slot of an hour from `startsAt`, with `capacity` seats. */
    slotAt: (startsAt: Date, capacity?: number) => slot(startsAt, capacity),
    /** A slot a day ahead (any hour: the store does not check the calendar; the API does). */
    freshSlot: (now = new Date()) => slot(new Date(now.getTime() + DAY_MS)),
    /** A booking on a slot of its own. */
    async freshBooking(now = new Date()) {
      return booking(await slot(new Date(now.getTime() + DAY_MS)), now);
    },
    /** A booking on a slot that began a minute ago: attendance can be marked. */
    async freshBegunBooking(now = new Date()) {
      const id = await slot(new Date(now.getTime() - 60_000));
      return booking(id, new Date(now.getTime() - HOUR_MS));
    },
  };
}
