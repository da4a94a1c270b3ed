import { describe, expect, it } from 'vitest';
import type { EventRow } from '../../db/types';
import { type EventSource, StreamHub, type Timers } from './hub';
import type { SseSink } from './sink';

/** An in-memory events table with a commit signal, standing in for the store. */
function memorySource() {
  const rows: EventRow[] = [];
  const listeners = new Set<(id: number) => void>();
  const source: EventSource = {
    async eventsAfter(after, upTo, limit) {
      return rows.filter((r) => r.id > after && r.id <= upTo).slice(0, limit);
    },
    async eventBounds() {
      return { minId: rows[0]?.id ?? 0, maxId: rows[rows.length - 1]?.id ?? 0 };
    },
    async onEvents(l) {
      listeners.add(l);
      return async () => void listeners.delete(l);
    },
  };
  const append = (n: number, district = '001') => {
    for (let i = 0; i < n; i++) {
      const id = (rows[rows.length - 1]?.id ?? 0) + 1;
      rows.push({ id, at: new Date(), type: 'report.created', reportId: id, districtCode: district, communeCode: null, payload: { report: { id, title: `r${id}` } } });
    }
    for (const l of listeners) l(rows[rows.length - 1].id);
  };
  return { source, append, rows };
}

/** A sink that records what it is given; `stuck` ones never drain. */
function recordingSink(stuck = false) {
  let text = '';
  let closed = false;
  const closeListeners: Array<() => void> = [];
  const sink: SseSink = {
    write: (chunk) => void (text += chunk),
    bufferedBytes: () => (stuck ? text.length : 0),
    destroy: () => {
      closed = true;
      for (const l of closeListeners) l();
    },
    onClose: (l) => void closeListeners.push(l),
    drained: async () => {},
  };
  return {
    sink,
    ids: () => [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1])),
    events: () => [...text.matchAll(/^event: (.+)$/gm)].map((m) => m[1]),
    text: () => text,
    closed: () => closed,
  };
}

const manualTimers = () => {
  const fns: Array<() => void> = [];
  const timers: Timers = { setInterval: (fn) => fns.push(fn), clearInterval: () => {} };
  return { timers, tick: () => fns.forEach((f) => f()) };
};

const settle = () => new Promise((r) => setTimeout(r, 5));
const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

describe('StreamHub', () => {
  it('delivers live events to every client in id order', async () => {
    const m = memorySource();
    const hub = new StreamHub(m.source, manualTimers().timers);
    await hub.start();
    const a = recordingSink();
    const b = recordingSink();
    await hub.attach(a.sink, { kind: 'ops' });
    await hub.attach(b.sink, { kind: 'ops' });
    m.append(3);
    m.append(2);
    await settle();
    expect(a.ids()).toEqual([1, 2, 3, 4, 5]);
    expect(b.ids()).toEqual([1, 2, 3, 4, 5]);
    await hub.stop();
  });

  it.each([
    ['from the ring', 50, 10],
    ['from the table, then the ring', 5, 10],
    ['across many pages of the table', 20, 1_500],
  ])('resumes %s exactly once', async (_what, ringEvents, since) => {
    const m = memorySource();
    m.append(3_000);
    const hub = new StreamHub(m.source, manualTimers().timers, { ringEvents });
    await hub.start();
    m.append(40);
    await settle();
    const c = recordingSink();
    await hub.attach(c.sink, { kind: 'ops' }, since);
    m.append(5);
    await settle();
    expect(c.ids()).toEqual(range(since + 1, 3_045));
    await hub.stop();
  });

  it('sends reset for a gap older than it will replay, or an id it never issued', async () => {
    const m = memorySource();
    m.append(100);
    const hub = new StreamHub(m.source, manualTimers().timers, { maxReplayEvents: 50 });
    await hub.start();
    for (const since of [10, 5_000]) {
      const c = recordingSink();
      const lastId = m.rows.length;
      await hub.attach(c.sink, { kind: 'ops' }, since);
      expect(c.events()).toEqual(['reset']);
      expect(c.ids()).toEqual([lastId]);
      m.append(1);
      await settle();
      expect(c.ids().at(-1)).toBe(m.rows.length);
    }
    await hub.stop();
  });

  it('drops a client that stops reading, and keeps serving the others', async () => {
    const m = memorySource();
    const hub = new StreamHub(m.source, manualTimers().timers, { maxClientBufferBytes: 2_000 });
    await hub.start();
    const slow = recordingSink(true);
    const fast = recordingSink();
    await hub.attach(slow.sink, { kind: 'ops' });
    await hub.attach(fast.sink, { kind: 'ops' });
    for (let i = 0; i < 20; i++) m.append(5);
    await settle();
    expect(slow.closed()).toBe(true);
    expect(fast.ids()).toEqual(range(1, 100));
    expect(hub.stats()).toMatchObject({ clients: 1, dropped: 1 });
    await hub.stop();
  });

  it('scopes an area client to its area and strips the public feed', async () => {
    const m = memorySource();
    const hub = new StreamHub(m.source, manualTimers().timers);
    await hub.start();
    const area = recordingSink();
    const pub = recordingSink();
    await hub.attach(area.sink, { kind: 'area', code: '002' });
    await hub.attach(pub.sink, { kind: 'public' });
    m.append(2, '001');
    m.append(1, '002');
    await settle();
    expect(area.ids()).toEqual([3]);
    expect(pub.ids()).toEqual([1, 2, 3]);
    expect(pub.text()).not.toContain('title');
    await hub.stop();
  });

  it('beats the heart on its timer and follows commits it missed on the poll', async () => {
    const m = memorySource();
    const t = manualTimers();
    const hub = new StreamHub(m.source, t.timers);
    await hub.start();
    const c = recordingSink();
    await hub.attach(c.sink, { kind: 'ops' });
    m.rows.push({ ...m.rows[0], id: 1, at: new Date(), type: 'report.created', reportId: 1, districtCode: null, communeCode: null, payload: {} });
    t.tick();
    await settle();
    expect(c.text()).toMatch(/^: hb \d+$/m);
    expect(c.ids()).toEqual([1]);
    await hub.stop();
  });
});
