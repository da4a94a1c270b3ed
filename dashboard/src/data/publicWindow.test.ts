import { describe, expect, it } from 'vitest';
import type { PublicCountsMessage } from '../../../core/events';
import { PublicWindowFollower, windowSummary } from './publicWindow';

const win = (until: string, districts: PublicCountsMessage['districts'] = []): PublicCountsMessage => ({
  type: 'public.counts',
  since: new Date(Date.parse(until) - 300_000).toISOString(),
  until,
  windowMin: 5,
  delayMin: 15,
  minCount: 3,
  districts,
  communes: [],
});

describe('PublicWindowFollower', () => {
  it('refetches the snapshot for each newer window, not for the first nor for one seen again', () => {
    const f = new PublicWindowFollower();
    expect(f.onCounts(win('2026-03-02T01:45:00.000Z'))).toBe(false);
    expect(f.onCounts(win('2026-03-02T01:45:00.000Z'))).toBe(false); // a reconnect sends the newest again
    expect(f.onCounts(win('2026-03-02T01:50:00.000Z'))).toBe(true);
    expect(f.onCounts(win('2026-03-02T01:40:00.000Z'))).toBe(false);
    expect(f.latest?.until).toBe('2026-03-02T01:50:00.000Z');
  });
});

it('sums the shown district figures, withheld ones as none, and lists the busiest', () => {
  const s = windowSummary(
    win('2026-03-02T01:45:00.000Z', [
      { code: '002', received: 3, resolved: null },
      { code: '001', received: 7, resolved: 4 },
      { code: '016', received: null, resolved: 3 },
    ]),
  );
  expect(s).toMatchObject({ received: 10, resolved: 7 });
  expect(s.top.map((d) => d.code)).toEqual(['001', '002']);
});
