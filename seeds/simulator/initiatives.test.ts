import { describe, expect, it } from 'vitest';
import { canMoveInitiative, type InitiativeStatus } from '../../core/initiatives';
import { loadCityPack } from '../packs';
import { contentOf } from './content';
import { composeInitiative, planInitiative } from './initiatives';
import { createPlaceSampler } from './places';
import { createRng } from './random';

const pack = await loadCityPack('hanoi');

describe('simulated initiatives', () => {
  it('compose varied ideas in every topic, placed by point, by commune or not at all', () => {
    const places = createPlaceSampler(pack);
    const rng = createRng('ideas');
    const ideas = Array.from({ length: 2_000 }, () =>
      composeInitiative(places.sample('initiative', rng), rng, contentOf(pack)),
    );
    expect(new Set(ideas.map((i) => i.topic)).size).toBe(6);
    const byPoint = ideas.filter((i) => i.place && 'lat' in i.place).length / ideas.length;
    const byArea = ideas.filter((i) => i.place && 'area' in i.place).length / ideas.length;
    expect(byPoint).toBeGreaterThan(0.65);
    expect(byPoint).toBeLessThan(0.75);
    expect(byArea).toBeGreaterThan(0.16);
    expect(byArea).toBeLessThan(0.24);
    for (const i of ideas) {
      expect(i.title).not.toMatch(/[{}]/);
      expect(i.text.length).toBeGreaterThanOrEqual(10);
    }
  });

  it('plan lives the move table allows: moves in order, supports only once published', () => {
    const rng = createRng('plans');
    const from = new Date('2026-03-02T02:00:00Z');
    const outcomes = new Map<string, number>();
    for (let n = 0; n < 2_000; n++) {
      const steps = planInitiative({ status: 'submitted', published: false }, from, rng);
      let status: InitiativeStatus = 'submitted';
      let published = false;
      let last = from.getTime();
      for (const s of steps) {
        expect(s.at.getTime()).toBeGreaterThanOrEqual(last);
        last = s.at.getTime();
        if (s.kind === 'move') {
          expect(canMoveInitiative(status, s.to), `${status} → ${s.to}`).toBe(true);
          expect(s.answer.vi.length).toBeGreaterThan(5);
          status = s.to;
        } else if (s.kind === 'publish') {
          expect(published).toBe(false);
          published = true;
        } else {
          expect(published).toBe(true);
          expect(s.phone).toMatch(/^09\d{8}$/);
        }
      }
      outcomes.set(status, (outcomes.get(status) ?? 0) + 1);
    }
    // Most are reviewed; about half of those accepted, some of them implemented; a quarter declined.
    for (const s of ['submitted', 'under_review', 'accepted', 'implemented', 'declined']) {
      expect(outcomes.get(s), s).toBeGreaterThan(100);
    }
  });
});
