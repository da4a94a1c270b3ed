import { describe, expect, it } from 'vitest';
import type { SlotSummary } from '../../../core/reception';
import type { StreamEvent } from './liveFeed';
import { ReceptionBoard, totalOf, weekOf } from './reception';

const WEEK = { today: '2026-03-02', from: '2026-03-02', until: '2026-03-09' };

function slot(id: number, over: Partial<SlotSummary> = {}): SlotSummary {
  return {
    id,
    office: { code: '00070', level: 'commune' },
    date: '2026-03-03',
    start: '09:00',
    end: '10:00',
    startsAt: '2026-03-03T02:00:00.000Z',
    endsAt: '2026-03-03T03:00:00.000Z',
    topic: null,
    officer: null,
    capacity: 3,
    booked: 0,
    attended: 0,
    noShow: 0,
    status: 'open',
    ...over,
  };
}

const event = (id: number, type: string, s: SlotSummary) =>
  ({ id, type, at: '2026-03-02T03:00:00.000Z', slot: s }) as unknown as StreamEvent;

describe('the reception board', () => {
  it('takes the city’s today and the six days after, in Hanoi time', () => {
    // 23:30 on Sunday 1 March 2026 in Hanoi is still the 1st; 00:30 is Monday the 2nd.
    expect(weekOf(Date.parse('2026-03-01T16:30:00Z'), 'Asia/Ho_Chi_Minh')).toEqual({
      today: '2026-03-01',
      from: '2026-03-01',
      until: '2026-03-08',
      fromMs: Date.parse('2026-02-28T17:00:00Z'),
      untilMs: Date.parse('2026-03-07T17:00:00Z'),
    });
    expect(weekOf(Date.parse('2026-03-01T17:30:00Z'), 'Asia/Ho_Chi_Minh')).toMatchObject(WEEK);
  });

  it('counts today and the week per office, busiest today first, cancelled slots left out', () => {
    const b = new ReceptionBoard();
    b.loadSnapshot(
      [
        slot(1, { booked: 2, attended: 1 }),
        slot(2, { date: '2026-03-05', booked: 3 }),
        slot(3, { office: { code: '002', level: 'district' }, booked: 3, capacity: 5 }),
        slot(4, { office: { code: '002', level: 'district' }, status: 'cancelled', capacity: 9 }),
      ],
      10,
      WEEK,
    );
    const rows = b.byOffice('2026-03-03');
    expect(rows.map((r) => [r.code, r.today.booked, r.today.capacity, r.week.booked, r.week.capacity])).toEqual([
      ['002', 3, 5, 3, 5],
      ['00070', 2, 3, 5, 6],
    ]);
    expect(totalOf(rows, 'today')).toEqual({ slots: 2, capacity: 8, booked: 5, attended: 1, noShow: 0 });
    expect(b.byOffice('2026-03-03', new Set(['00070'])).map((r) => r.code)).toEqual(['00070']);
  });

  it('follows events newer than what it holds, and never takes a count back', () => {
    const b = new ReceptionBoard();
    // An event that arrives before the snapshot it is newer than survives the snapshot.
    expect(b.onEvents([event(12, 'booking.confirmed', slot(1, { booked: 2 }))])).toBe(true);
    b.loadSnapshot([slot(1, { booked: 1 }), slot(2)], 11, WEEK);
    expect(b.byOffice('2026-03-03')[0]!.today.booked).toBe(2);
    // Older than the snapshot or than the slot's last event: ignored.
    expect(b.onEvents([event(11, 'booking.confirmed', slot(2, { booked: 1 }))])).toBe(false);
    expect(b.onEvents([event(12, 'booking.cancelled', slot(1, { booked: 1 }))])).toBe(false);
    // A new slot of this week, and one of next week (not this desk's yet), and a report event.
    expect(
      b.onEvents([
        event(13, 'slot.published', slot(5, { date: '2026-03-06' })),
        event(14, 'slot.published', slot(6, { date: '2026-03-10' })),
        { id: 15, type: 'report.created', at: '', report: {} } as unknown as StreamEvent,
      ]),
    ).toBe(true);
    expect(b.byOffice('2026-03-03')[0]!.week.slots).toBe(3);
    expect(b.onEvents([event(16, 'slot.cancelled', slot(5, { date: '2026-03-06', status: 'cancelled' }))])).toBe(true);
    expect(b.byOffice('2026-03-03')[0]!.week.slots).toBe(2);
    expect(b.todaySlots('2026-03-03').map((s) => s.id)).toEqual([1, 2]);
  });
});
