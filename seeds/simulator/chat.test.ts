import { describe, expect, it } from 'vitest';
import { scrubContacts } from '../../api/privacy/contactScrub';
import { planChat } from './chat';
import { createRng } from './random';

describe('planned chats', () => {
  const from = new Date('2026-03-02T02:00:00Z');
  const plans = Array.from({ length: 500 }, (_, i) => planChat(createRng(i), from, true));

  it('ask, read, answer, read, in time order after the filing', () => {
    for (const steps of plans) {
      expect(steps.slice(0, 4).map((s) => `${s.kind}:${s.side}`)).toEqual([
        'message:citizen',
        'read:staff',
        'message:staff',
        'read:citizen',
      ]);
      const times = steps.map((s) => s.at.getTime());
      expect(times[0]).toBeGreaterThan(from.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
    // Sometimes the citizen thanks them, and the staff read that too.
    const thanked = plans.filter((s) => s.length === 6).length;
    expect(thanked / plans.length).toBeGreaterThan(0.3);
    expect(thanked / plans.length).toBeLessThan(0.5);
  });

  it('asks only when nobody can answer', () => {
    expect(planChat(createRng(1), from, false).map((s) => s.kind)).toEqual(['message']);
  });

  it('writes nothing the contact scrub would take out', () => {
    for (const s of plans.flat()) if (s.kind === 'message') expect(scrubContacts(s.text)).toBe(s.text);
  });
});
