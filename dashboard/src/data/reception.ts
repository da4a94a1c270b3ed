import { cityClock } from '../../../core/cityClock';
import type { SlotSummary } from '../../../core/reception';
import { isReceptionEventType } from '../../../core/reception';
import type { StreamEvent } from './liveFeed';

/**
 * The desk's view of reception: the slots of the week ahead (today and six days, local dates)
 * kept by id, from a snapshot and then from the stream's slot.* and booking.* events, each of
 * which carries its slot's counts as they stand after it. A slot is replaced only by a newer
 * event than the one it reflects, so a snapshot landing after events (or events replayed over a
 * snapshot) never takes a count back. Pure: the hook (useReception.ts) does the fetching.
 */
export interface Seats {
  slots: number;
  capacity: number;
  booked: number;
  attended: number;
  noShow: number;
}

export interface OfficeDay {
  code: string;
  level: SlotSummary['office']['level'];
  today: Seats;
  week: Seats;
}

const empty = (): Seats => ({ slots: 0, capacity: 0, booked: 0, attended: 0, noShow: 0 });

function add(s: Seats, slot: SlotSummary) {
  s.slots++;
  s.capacity += slot.capacity;
  s.booked += slot.booked;
  s.attended += slot.attended;
  s.noShow += slot.noShow;
}

const MS_PER_DAY = 86_400_000;
const WEEK_DAYS = 7;

/**
 * The city's today and the desk's week: today and the six days after, as local dates, and the
 * week's instants. A rolling week rather than Monday to Sunday: on a Friday or a weekend the desk
 * should show the coming sessions, not the days already past.
 */
export function weekOf(nowMs: number, timezone: string) {
  const clock = cityClock(timezone);
  const day = clock.dayIndex(nowMs);
  const date = (d: number) => new Date(d * MS_PER_DAY).toISOString().slice(0, 10);
  return {
    today: date(day),
    from: date(day),
    until: date(day + WEEK_DAYS),
    fromMs: clock.utcOfLocal(day),
    untilMs: clock.utcOfLocal(day + WEEK_DAYS),
  };
}

export class ReceptionBoard {
  private slots = new Map<number, { slot: SlotSummary; asOf: number }>();
  private asOf = 0;
  private week = { from: '', until: '' };

  /** A snapshot of the week's slots as of event `asOfEventId`: it replaces what is older. */
  loadSnapshot(items: readonly SlotSummary[], asOfEventId: number, week: { from: string; until: string }): void {
    const kept = new Map<number, { slot: SlotSummary; asOf: number }>();
    // Events newer than the snapshot that already arrived stay.
    for (const [id, s] of this.slots) if (s.asOf > asOfEventId) kept.set(id, s);
    for (const slot of items) if (!kept.has(slot.id)) kept.set(slot.id, { slot, asOf: asOfEventId });
    this.slots = kept;
    this.asOf = asOfEventId;
    this.week = week;
  }

  /** Applies the reception events of a batch; true if anything changed. */
  onEvents(events: readonly StreamEvent[]): boolean {
    let changed = false;
    for (const e of events) {
      if (!isReceptionEventType(e.type) || !('slot' in e)) continue;
      const slot = e.slot as SlotSummary;
      const held = this.slots.get(slot.id);
      if (held ? e.id <= held.asOf : e.id <= this.asOf) continue;
      // Only this week's slots are the desk's; a slot published for next week waits for its week.
      if (this.week.from && (slot.date < this.week.from || slot.date >= this.week.until)) continue;
      this.slots.set(slot.id, { slot, asOf: e.id });
      changed = true;
    }
    return changed;
  }

  /**
   * Per office, today's and this week's seats (cancelled slots left out), the busiest today first;
   * `offices` narrows to an area's (the server already scopes a chief's).
   */
  byOffice(today: string, offices?: ReadonlySet<string>): OfficeDay[] {
    const rows = new Map<string, OfficeDay>();
    for (const { slot } of this.slots.values()) {
      if (slot.status === 'cancelled' || (offices && !offices.has(slot.office.code))) continue;
      let row = rows.get(slot.office.code);
      if (!row) {
        row = { code: slot.office.code, level: slot.office.level, today: empty(), week: empty() };
        rows.set(row.code, row);
      }
      add(row.week, slot);
      if (slot.date === today) add(row.today, slot);
    }
    return [...rows.values()].sort(
      (a, b) => b.today.booked - a.today.booked || b.week.booked - a.week.booked || a.code.localeCompare(b.code),
    );
  }

  /** Today's slots in time order (the wall's next sessions). */
  todaySlots(today: string, offices?: ReadonlySet<string>): SlotSummary[] {
    return [...this.slots.values()]
      .map((s) => s.slot)
      .filter((s) => s.date === today && s.status !== 'cancelled' && (!offices || offices.has(s.office.code)))
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.id - b.id);
  }
}

export function totalOf(rows: readonly OfficeDay[], which: 'today' | 'week'): Seats {
  const t = empty();
  for (const r of rows) {
    const s = r[which];
    t.slots += s.slots;
    t.capacity += s.capacity;
    t.booked += s.booked;
    t.attended += s.attended;
    t.noShow += s.noShow;
  }
  return t;
}
