import { describe, expect, it } from 'vitest';
import { cityClock } from '../../core/cityClock';
import { activeIncidents, incidentFeature, incidentsBetween, MAX_INCIDENT_MS } from './incidents';

const CELLS = Array.from({ length: 40 }, (_, i) => ({
  key: `cell${i}`,
  lng: 105.8 + i * 0.004,
  lat: 21.02 + (i % 5) * 0.004,
}));
const local = (iso: string) => new Date(`${iso}+07:00`).getTime();
/** The tables are worked in Hanoi's local time (UTC+7). */
const HANOI = cityClock('Asia/Ho_Chi_Minh');
const HOUR_MS = 3_600_000;

describe('simulated traffic incidents', () => {
  it('are a pure function of time: any window sees the same incidents', () => {
    const from = local('2026-03-04T00:00:00');
    const day = incidentsBetween(3, CELLS, from, from + 24 * HOUR_MS, HANOI);
    const halves = [
      ...incidentsBetween(3, CELLS, from, from + 12 * HOUR_MS, HANOI),
      ...incidentsBetween(3, CELLS, from + 12 * HOUR_MS, from + 24 * HOUR_MS, HANOI),
    ];
    const keys = new Set(halves.map((i) => i.key));
    expect([...keys].sort()).toEqual(day.map((i) => i.key).sort());
    expect(incidentsBetween(3, CELLS, from, from + 24 * HOUR_MS, HANOI)).toEqual(day);
  });

  it('appear more in rush hours than at night, and clear', () => {
    const from = local('2026-03-02T00:00:00'); // a Monday
    const week = incidentsBetween(5, CELLS, from, from + 5 * 24 * HOUR_MS, HANOI);
    const startedAt = (h0: number, h1: number) =>
      week.filter((i) => {
        const h = new Date(i.startMs + 7 * HOUR_MS).getUTCHours();
        return h >= h0 && h < h1 && i.startMs >= from;
      }).length;
    expect(startedAt(17, 19)).toBeGreaterThan(2 * startedAt(1, 3));
    expect(week.length).toBeGreaterThan(100);
    for (const i of week) {
      expect(i.endMs).toBeGreaterThan(i.startMs);
      expect(i.endMs - i.startMs).toBeLessThanOrEqual(MAX_INCIDENT_MS);
      expect(i.startMs % 60_000).toBe(0);
    }
  });

  it('are active between their start and their end only', () => {
    const from = local('2026-03-04T17:00:00');
    const [inc] = incidentsBetween(9, CELLS, from, from + HOUR_MS, HANOI).filter((i) => i.startMs >= from);
    expect(activeIncidents(9, CELLS, inc.startMs, HANOI).map((i) => i.key)).toContain(inc.key);
    expect(activeIncidents(9, CELLS, inc.startMs - 60_000, HANOI).map((i) => i.key)).not.toContain(inc.key);
    expect(activeIncidents(9, CELLS, inc.endMs, HANOI).map((i) => i.key)).not.toContain(inc.key);
    expect(incidentFeature(inc, inc.startMs).validUntil).toBeNull();
    expect(incidentFeature(inc, inc.endMs).validUntil).toEqual(new Date(inc.endMs));
    expect(incidentFeature(inc, inc.startMs).geometry).toMatchObject({ type: 'Point' });
  });
});
