import { cityClock } from '../../core/cityClock';
import type { SlotRow } from '../../db/stores/reception';
import {
  ATTEND_PROBABILITY,
  bookingsPerHour,
  CANCEL_PROBABILITY,
  citizenBooking,
  contentOf,
  createRng,
  type Rng,
  receptionSessions,
  targetFill,
} from '../../seeds/simulator';
import type { AppDeps } from '../context';
import { createWorkingClock } from '../domain/workingCalendar';
import { codeHash, newBookingCode } from '../reception/code';
import { receptionOffices } from '../reception/offices';

/** How often arrivals are drawn and due marks applied. */
const TICK_MS = 5_000;
/** The week's slots are re-read this often (an office may have edited or cancelled one). */
const RELOAD_MS = 30_000;
const WEEK_DAYS = 7;
const MS_PER_DAY = 86_400_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_MINUTE = 60_000;
/** On a first run, sessions later in the week already hold this share of what they will get. */
const EARLY_SHARE = 0.35;

/**
 * Citizen reception in the demo: every office publishes its sessions for the coming week of
 * working days (seeds/simulator/reception.ts says which), citizens book them through the day, a
 * few cancel, and each session's office marks who came once it has begun. Writes go through the
 * reception store, with no actor (the system), as the report simulator's moves do; the sessions
 * are checked against the working calendar the same way the API checks an office's.
 */
export class ReceptionSimulation {
  private timer: NodeJS.Timeout | null = null;
  private busy = false;
  private readonly rng: Rng;
  private readonly offices;
  private readonly working;
  private readonly local;
  private week = new Map<number, SlotRow>();
  private reloadedAt = 0;
  private lastTickMs = 0;
  private plannedDay = -1;
  /** The codes of bookings this process made, by slot, so a citizen can cancel one. */
  private codes = new Map<number, string[]>();
  private marked = new Set<number>();
  counters = { published: 0, booked: 0, cancelled: 0, marked: 0 };

  constructor(
    private readonly deps: AppDeps,
    seed = Date.now(),
  ) {
    this.rng = createRng(seed);
    this.offices = receptionOffices(deps.pack);
    this.working = createWorkingClock(deps.pack.calendar);
    this.local = cityClock(deps.pack.timezone);
  }

  async start(): Promise<void> {
    const now = this.deps.now();
    await this.planWeek(now);
    this.lastTickMs = now.getTime();
    this.timer = setInterval(() => void this.tick(), TICK_MS);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    while (this.busy) await new Promise((r) => setTimeout(r, 20));
  }

  /** One step: called by the timer; tests call it with their own clock. */
  async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const now = this.deps.now();
      const dtHours = (now.getTime() - this.lastTickMs) / MS_PER_HOUR;
      this.lastTickMs = now.getTime();
      if (this.local.dayIndex(now) !== this.plannedDay) await this.planWeek(now);
      else if (now.getTime() - this.reloadedAt > RELOAD_MS) await this.reload(now);
      for (const slot of [...this.week.values()]) {
        if (slot.status !== 'open') continue;
        if (slot.startsAt > now) {
          const wanted = Math.ceil(slot.capacity * targetFill(slot.id)) - slot.booked;
          const rate = bookingsPerHour(wanted, (slot.startsAt.getTime() - now.getTime()) / MS_PER_HOUR);
          if (this.rng.chance(rate * dtHours)) await this.book(slot, now);
          // Spread over the days before it: a booking's chance to be cancelled in this tick.
          if (this.rng.chance((CANCEL_PROBABILITY * dtHours) / 48)) await this.cancelOne(slot, now);
        } else if (!this.marked.has(slot.id) && now.getTime() >= this.markAt(slot)) {
          await this.markAttendance(slot, now);
        }
      }
    } catch (e) {
      console.error('citydesk reception simulator:', e instanceof Error ? e.message : e);
    } finally {
      this.busy = false;
    }
  }

  /** The office marks attendance a while into the session, not at its first minute. */
  private markAt(slot: SlotRow): number {
    return slot.startsAt.getTime() + (5 + (slot.id % 20)) * MS_PER_MINUTE;
  }

  /** The local days from today that have working time, for the next WEEK_DAYS. */
  private workingDays(now: Date): number[] {
    const today = this.local.dayIndex(now);
    const days: number[] = [];
    for (let d = today; d < today + WEEK_DAYS; d++) {
      const from = new Date(this.local.utcOfLocal(d));
      const to = new Date(this.local.utcOfLocal(d + 1));
      if (this.working.workingHoursBetween(from, to) > 0) days.push(d);
    }
    return days;
  }

  /** Publishes what the week lacks (idempotent: sessions are drawn per office and date). */
  private async planWeek(now: Date): Promise<void> {
    this.plannedDay = this.local.dayIndex(now);
    await this.reload(now);
    const have = new Set([...this.week.values()].map((s) => `${s.officeCode}|${s.localDate}|${s.startTime}`));
    for (const day of this.workingDays(now)) {
      const date = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
      for (const office of this.offices.list) {
        for (const draft of receptionSessions(office, date)) {
          if (have.has(`${office.code}|${date}|${draft.start}`)) continue;
          const startsAt = new Date(this.local.utcOfLocal(day, minutes(draft.start)));
          const endsAt = new Date(this.local.utcOfLocal(day, minutes(draft.end)));
          // A session must lie in working time (the sessions are drawn inside the city's hours).
          if (
            this.working.workingHoursBetween(startsAt, endsAt) * MS_PER_HOUR !==
            endsAt.getTime() - startsAt.getTime()
          )
            continue;
          const { slot } = await this.deps.store.reception.publishSlot(
            {
              officeCode: office.code,
              officeLevel: office.level,
              ...this.offices.place(office),
              localDate: date,
              startTime: draft.start,
              endTime: draft.end,
              startsAt,
              endsAt,
              topic: draft.topic,
              officer: draft.officer,
              capacity: draft.capacity,
            },
            now,
            null,
          );
          this.counters.published++;
          this.week.set(slot.id, slot);
          await this.backfill(slot, now);
        }
      }
    }
  }

  /**
   * A session published on a first run has had its week of bookings already: today's begun ones
   * got theirs before they began (and are marked once due), later ones a share.
   */
  private async backfill(slot: SlotRow, now: Date): Promise<void> {
    const target = Math.ceil(slot.capacity * targetFill(slot.id));
    const begun = slot.startsAt <= now;
    const n = begun ? target : Math.floor(target * EARLY_SHARE);
    for (let i = 0; i < n; i++) {
      const at = begun ? new Date(slot.startsAt.getTime() - (i + 1) * MS_PER_HOUR) : now;
      await this.book(slot, at);
    }
  }

  private async reload(now: Date): Promise<void> {
    const from = new Date(this.local.startOfLocalDay(now));
    const until = new Date(from.getTime() + WEEK_DAYS * MS_PER_DAY + MS_PER_DAY);
    const { value } = await this.deps.store.reception.slots({ from, until });
    this.week = new Map(value.map((s) => [s.id, s]));
    this.reloadedAt = now.getTime();
  }

  private async book(slot: SlotRow, at: Date): Promise<void> {
    const code = newBookingCode();
    const r = await this.deps.store.reception.book(
      slot.id,
      codeHash(code),
      citizenBooking(this.rng, slot.topic, contentOf(this.deps.pack)),
      at,
    );
    if (!r.ok) return;
    this.counters.booked++;
    this.week.set(slot.id, r.slot);
    const held = this.codes.get(slot.id) ?? [];
    held.push(code);
    this.codes.set(slot.id, held);
  }

  private async cancelOne(slot: SlotRow, now: Date): Promise<void> {
    const held = this.codes.get(slot.id);
    const code = held?.splice(this.rng.int(held.length), 1)[0];
    if (!code) return;
    const done = await this.deps.store.reception
      .cancelByCode(
        codeHash(code),
        (b, s) => {
          if (b.status !== 'confirmed' || s.startsAt <= now) throw new Error('not cancellable');
        },
        now,
      )
      .catch(() => null);
    if (!done) return;
    this.counters.cancelled++;
    this.week.set(slot.id, done.slot);
  }

  private async markAttendance(slot: SlotRow, now: Date): Promise<void> {
    this.marked.add(slot.id);
    for (const b of await this.deps.store.reception.bookingsOfSlot(slot.id)) {
      if (b.status !== 'confirmed') continue;
      const outcome = this.rng.chance(ATTEND_PROBABILITY) ? 'attended' : 'no_show';
      const done = await this.deps.store.reception.markAttendance(b.id, outcome, () => {}, now, null);
      if (done) {
        this.counters.marked++;
        this.week.set(slot.id, done.slot);
      }
    }
  }
}

function minutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}
