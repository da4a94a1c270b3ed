import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DRIVERS } from '../../db/testing';
import { startTestApp, type TestApp } from '../testing';
import { InitiativeSimulation } from './initiatives';

describe.each(TEST_DRIVERS)('initiative simulator on %s', (driver) => {
  let t: TestApp;
  const now = new Date('2026-03-31T10:00:00Z');
  beforeAll(async () => {
    t = await startTestApp(driver, { now: () => now });
  });
  afterAll(async () => t?.close());

  it('backfills a week of ideas through the store: answered, published, supported', async () => {
    const sim = new InitiativeSimulation(t.runtime, { mode: 'on' }, 7);
    const n = await sim.backfill(now);
    const { value, asOfEventId } = await t.store.initiatives.list({}, { limit: 200 });
    expect(value.items.length).toBe(sim.counters.submitted);
    expect(sim.counters.submitted).toBeGreaterThan(n * 0.9);
    const count = (f: (i: (typeof value.items)[number]) => boolean) => value.items.filter(f).length;
    expect(count((i) => i.status !== 'submitted')).toBeGreaterThan(n / 2);
    expect(count((i) => i.publishedAt !== null)).toBeGreaterThan(n / 3);
    expect(count((i) => i.supportCount > 0)).toBeGreaterThan(n / 5);
    expect(count((i) => i.status === 'accepted' || i.status === 'declined')).toBeGreaterThan(0);
    // Every move left its answer; every change its event.
    const answered = value.items.filter((i) => i.firstAnsweredAt !== null);
    for (const i of answered) expect(value.answers.get(i.id)!.length).toBeGreaterThan(0);
    const supports = value.items.reduce((s, i) => s + i.supportCount, 0);
    const answers = [...value.answers.values()].reduce((s, a) => s + a.length, 0);
    const published = count((i) => i.publishedAt !== null);
    const { maxId } = await t.store.events.eventBounds();
    expect(maxId).toBe(asOfEventId);
    const events = await t.store.events.eventsAfter(0, maxId, 100_000);
    expect(events.filter((e) => e.type.startsWith('initiative.')).length).toBe(
      sim.counters.submitted + supports + answers + published,
    );
    // Nothing is in the future.
    for (const i of value.items) expect(i.updatedAt.getTime()).toBeLessThanOrEqual(now.getTime());
  });
});
