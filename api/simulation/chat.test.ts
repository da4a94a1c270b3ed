import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../seeds/simulator';
import { as } from '../testClient';
import { postJson, reportBody, startTestApp, type TestApp } from '../testing';
import { ChatSimulation } from './chat';

/** The demo's chats, carried out through the chat store: on PGlite (the store itself is tested on both drivers). */
describe('simulated chats', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('pglite');
  });
  afterAll(async () => t?.close());

  it('asks, answers as a staff member in scope, and moves both read receipts', async () => {
    const agency = await t.headersFor('agency', { agencyCode: 'dept_construction' });
    await t.headersFor('operator');
    const ids: number[] = [];
    for (let i = 0; i < 20; i++) ids.push((await (await postJson(t.app, '/api/reports', reportBody())).json()).id);
    const sim = new ChatSimulation(t.runtime, createRng('chat-test'));
    const now = new Date();
    await sim.start(now);
    expect(sim.conversations).toBeGreaterThan(0);
    // A day later every step is due: each conversation runs to its end.
    const steps = await sim.tick(new Date(now.getTime() + 86_400_000));
    expect(steps).toBeGreaterThanOrEqual(sim.conversations * 4);
    expect(sim.conversations).toBe(0);

    const { items } = (await (await as(t.app, agency).request('/api/chats')).json()) as {
      items: Array<{ reportId: number; read: { citizen: number; staff: number } }>;
    };
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      expect(ids).toContain(item.reportId);
      const thread = await (await as(t.app, agency).request(`/api/reports/${item.reportId}/chat`)).json();
      const sides = thread.messages.map((m: { side: string }) => m.side);
      expect(sides.slice(0, 2)).toEqual(['citizen', 'staff']);
      // The agency of the report answers before the operations centre.
      expect(thread.messages[1].author.role).toBe('agency');
      expect(thread.thread.read.citizen).toBe(thread.messages[1].id);
      expect(thread.thread.read.staff).toBe(thread.messages.findLast((m: { side: string }) => m.side === 'citizen').id);
    }
  });
});
