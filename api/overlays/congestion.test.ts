import { describe, expect, it } from 'vitest';
import { cityClock } from '../../core/cityClock';
import { baseCongestion, congestionAt } from './congestion';

const local = (iso: string) => new Date(`${iso}+07:00`);
/** The tables are worked in Hanoi's local time (UTC+7). */
const HANOI = cityClock('Asia/Ho_Chi_Minh');
const CENTRE = { key: '8841aa0001fffff', centreKm: 0.5 };
const FRINGE = { key: '8841aa0003fffff', centreKm: 9 };

describe('simulated congestion', () => {
  it.each([
    ['07:30', '03:00'],
    ['08:00', '11:00'],
    ['17:30', '14:00'],
    ['18:00', '22:00'],
  ])('on a weekday, %s is busier than %s', (peak, calm) => {
    // 2026-03-04 is a Wednesday.
    expect(baseCongestion(local(`2026-03-04T${peak}:00`), HANOI)).toBeGreaterThan(
      baseCongestion(local(`2026-03-04T${calm}:00`), HANOI) + 0.2,
    );
  });

  it('peaks in the evening rush hour and is flatter at the weekend', () => {
    const weekday = Array.from({ length: 24 }, (_, h) =>
      baseCongestion(local(`2026-03-04T${String(h).padStart(2, '0')}:00:00`), HANOI),
    );
    const peakHour = weekday.indexOf(Math.max(...weekday));
    expect(peakHour).toBeGreaterThanOrEqual(17);
    expect(peakHour).toBeLessThanOrEqual(19);
    expect(weekday[8]).toBeGreaterThan(0.7);
    const sunday = baseCongestion(local('2026-03-08T08:00:00'), HANOI);
    expect(sunday).toBeLessThan(weekday[8] - 0.2);
  });

  it('is deterministic, stays in 0–1 and is heavier at the centre', () => {
    const t = local('2026-03-04T18:00:00');
    expect(congestionAt(1, CENTRE, t, HANOI)).toBe(congestionAt(1, CENTRE, new Date(t), HANOI));
    let centre = 0;
    let fringe = 0;
    for (let m = 0; m < 24 * 60; m += 5) {
      const at = new Date(local('2026-03-04T00:00:00').getTime() + m * 60_000);
      const c = congestionAt(1, CENTRE, at, HANOI);
      const f = congestionAt(1, FRINGE, at, HANOI);
      expect(c).toBeGreaterThanOrEqual(0);
      expect(c).toBeLessThanOrEqual(1);
      centre += c;
      fringe += f;
    }
    expect(centre).toBeGreaterThan(fringe);
  });

  it('rises where an incident blocks the street', () => {
    const t = local('2026-03-04T11:00:00');
    expect(congestionAt(1, CENTRE, t, HANOI, [3])).toBeCloseTo(
      Math.min(1, congestionAt(1, CENTRE, t, HANOI) + 0.25),
      1,
    );
  });
});
