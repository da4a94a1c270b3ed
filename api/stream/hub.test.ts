import { describe, expect, it } from 'vitest';
import type { EventRow } from '../../db/types';
import { BROADCAST_SLICE_CLIENTS, type EventSource, StreamHub, type Timers } from './hub';
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
      rows.push({
        id,
        at: new Date(),
        type: 'report.created',
        reportId: id,
        districtCode: district,
        communeCode: null,
        payload: { report: { id, title: `r${id}` } },
      });
    }
    for (const l of listeners) l(rows[rows.length - 1].id);
  };
  return { source, append, rows };
}

/** A sink that records what it is given; `stuck` ones never drain. */
function recordingSink(stuck = false) {
  let text = '';
  const writes: string[] = [];
  let closed = false;
  const closeListeners: Array<() => void> = [];
  const sink: SseSink = {
    write: (chunk) => {
      writes.push(chunk);
      text += chunk;
    },
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
    /** Each write as it came: how many socket writes the hub made. */
    writes: () => writes,
    closed: () => closed,
  };
}

const manualTimers = () => {
  const fns: Array<() => void> = [];
  const timers: Timers = { setInterval: (fn) => fns.push(fn), clearInterval: () => {} };
  return { timers, tick: () => fns.forEach((f) => f()) };
};

const nextTurn = () => new Promise((r) => setImmediate(r));
/**
 * Lets the hub's reads and slices run (one per turn) until done() holds. The deadline only turns
 * a hang into a failure: every caller then asserts the fact it waited for.
 */
async function until(done: () => boolean) {
  const deadline = Date.now() + 10_000;
  while (!done() && Date.now() < deadline) await nextTurn();
}
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
    await until(() => a.ids().length + b.ids().length >= 10);
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
    await hub.log.catchUp(3_040);
    const c = recordingSink();
    await hub.attach(c.sink, { kind: 'ops' }, since);
    m.append(5);
    await until(() => c.ids().at(-1) === 3_045);
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
      await until(() => c.ids().at(-1) === m.rows.length);
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
    await until(() => fast.ids().at(-1) === 100);
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
    await hub.attach(area.sink, { kind: 'area', codes: ['002'] });
    await hub.attach(pub.sink, { kind: 'public' });
    m.append(2, '001');
    m.append(1, '002');
    // An overlay event after them reaches everyone: once the public client has it (id order), it
    // has had its chance at the report events, which the public never gets one by one.
    m.rows.push({
      id: 4,
      at: new Date(),
      type: 'layer.updated',
      reportId: null,
      districtCode: null,
      communeCode: null,
      payload: { layer: 'x', featureCount: 1 },
    });
    hub.log.signal(4);
    await until(() => area.ids().at(-1) === 4 && pub.ids().at(-1) === 4);
    expect(area.ids()).toEqual([3, 4]);
    expect(pub.ids()).toEqual([4]);
    expect(pub.text()).not.toContain('title');
    await hub.stop();
  });

  it('opens every stream with a first frame naming the position it joined at', async () => {
    const m = memorySource();
    m.append(7);
    const hub = new StreamHub(m.source, manualTimers().timers);
    await hub.start();
    const c = recordingSink();
    await hub.attach(c.sink, { kind: 'ops' });
    expect(c.text()).toBe('retry: 2000\n: connected 7\n\n');
    await hub.stop();
  });

  it('tells a log listener (the analytics) every event once, in order, and a throwing one stops nobody', async () => {
    const m = memorySource();
    const hub = new StreamHub(m.source, manualTimers().timers);
    await hub.start();
    const seen: number[] = [];
    const tos: number[] = [];
    hub.log.onBatch(() => {
      throw new Error('a consumer bug');
    });
    const stop = hub.log.onBatch((rows, to) => {
      seen.push(...rows.map((r) => r.id));
      tos.push(to);
    });
    const c = recordingSink();
    await hub.attach(c.sink, { kind: 'ops' });
    m.append(3);
    await hub.log.catchUp(3);
    m.append(2);
    await hub.log.catchUp(5);
    stop();
    m.append(1);
    await hub.log.catchUp(6);
    await until(() => c.ids().at(-1) === 6);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(tos).toEqual([3, 5]);
    expect(c.ids()).toEqual(range(1, 6));
    expect(hub.stats().lastError).toBe('a consumer bug');
    await hub.stop();
  });

  it('beats the heart on its timer and follows commits it missed on the poll', async () => {
    const m = memorySource();
    const t = manualTimers();
    const hub = new StreamHub(m.source, t.timers);
    await hub.start();
    const c = recordingSink();
    await hub.attach(c.sink, { kind: 'ops' });
    m.rows.push({
      ...m.rows[0],
      id: 1,
      at: new Date(),
      type: 'report.created',
      reportId: 1,
      districtCode: null,
      communeCode: null,
      payload: {},
    });
    t.tick();
    await until(() => c.ids().length > 0);
    expect(c.text()).toMatch(/^: hb \d+$/m);
    expect(c.ids()).toEqual([1]);
    await hub.stop();
  });
});

describe('StreamHub broadcasting to more clients than one slice', () => {
  it('writes one slice per turn of the event loop, and reads the next page meanwhile', async () => {
    const m = memorySource();
    const sinks: Array<ReturnType<typeof recordingSink>> = [];
    const having = (id: number) => sinks.filter((s) => s.ids().includes(id)).length;
    const readWhileHaving: number[] = [];
    const source: EventSource = {
      ...m.source,
      eventsAfter: (after, upTo, limit) => {
        readWhileHaving.push(having(1));
        return m.source.eventsAfter(after, upTo, limit);
      },
    };
    const hub = new StreamHub(source, manualTimers().timers);
    await hub.start();
    const total = 2 * BROADCAST_SLICE_CLIENTS + 3;
    for (let i = 0; i < total; i++) {
      sinks.push(recordingSink());
      await hub.attach(sinks[i].sink, { kind: 'ops' });
    }
    // When the first client has event 1, the rest of its slice gets it in the same turn; by the
    // next microtask that slice is done and no other client has it yet. Event 2 commits then, as
    // the loop that read event 1 is ending: it must be read at once, not on the next poll.
    let afterFirstSlice = -1;
    const first = sinks[0].sink.write;
    sinks[0].sink.write = (chunk) => {
      first(chunk);
      if (afterFirstSlice < 0) queueMicrotask(() => ((afterFirstSlice = having(1)), m.append(1)));
    };
    m.append(1);
    await until(() => sinks.every((s) => s.ids().length === 2));
    expect(afterFirstSlice).toBe(BROADCAST_SLICE_CLIENTS);
    // Event 2 was read before event 1 had reached every client.
    expect(readWhileHaving[1]).toBe(BROADCAST_SLICE_CLIENTS);
    for (const s of sinks) expect(s.ids()).toEqual([1, 2]);
    await hub.stop();
  });

  it('writes the clients a walk has yet to reach what they lack in one write, however many batches', async () => {
    const m = memorySource();
    const hub = new StreamHub(m.source, manualTimers().timers);
    await hub.start();
    const sinks: Array<ReturnType<typeof recordingSink>> = [];
    for (let i = 0; i < 2 * BROADCAST_SLICE_CLIENTS + 3; i++) {
      sinks.push(recordingSink());
      await hub.attach(sinks[i].sink, { kind: 'ops' });
    }
    // Events 2 and 3 commit, one after the other, once the first slice has event 1.
    let appended = false;
    const first = sinks[0].sink.write;
    sinks[0].sink.write = (chunk) => {
      first(chunk);
      if (!appended) {
        appended = true;
        queueMicrotask(() => {
          m.append(1);
          queueMicrotask(() => m.append(1));
        });
      }
    };
    m.append(1);
    await until(() => sinks.every((s) => s.ids().length === 3));
    for (const s of sinks) expect(s.ids()).toEqual([1, 2, 3]);
    // The first slice had event 1 on its own; every later client got 1–3 in one write.
    const eventWrites = (s: (typeof sinks)[number]) => s.writes().filter((w) => w.includes('id: '));
    for (const s of sinks.slice(BROADCAST_SLICE_CLIENTS)) {
      expect(eventWrites(s).map((w) => [...w.matchAll(/^id: (\d+)$/gm)].map((x) => Number(x[1])))).toEqual([[1, 2, 3]]);
    }
    expect(eventWrites(sinks[0])[0]).toMatch(/^id: 1\n/);
    await hub.stop();
  });

  it('gives every client every batch exactly once and in order, back to back, while clients come, resume and go', async () => {
    const m = memorySource();
    // A small ring, so some resumes read the table and others the ring.
    const hub = new StreamHub(m.source, manualTimers().timers, { ringEvents: 25 });
    m.append(40);
    await hub.start();
    let seed = 11;
    const rand = () => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;
    /** Each client and the first id it must get; gone ones must have got an unbroken run. */
    const clients: Array<{ rec: ReturnType<typeof recordingSink>; from: number | null; gone: boolean }> = [];
    const join = (since?: number) => {
      const rec = recordingSink();
      clients.push({ rec, from: since === undefined ? null : since + 1, gone: false });
      return hub.attach(rec.sink, { kind: 'ops' }, since);
    };
    for (let i = 0; i < 2 * BROADCAST_SLICE_CLIENTS + 101; i++) await join();
    const attaching: Array<Promise<void>> = [];
    for (let step = 0; step < 300; step++) {
      const r = rand();
      if (r < 0.4) m.append(1 + Math.floor(rand() * 3));
      else if (r < 0.55) await nextTurn();
      else if (r < 0.65) await Promise.resolve();
      else if (r < 0.75) attaching.push(join());
      else if (r < 0.85) attaching.push(join(Math.max(0, m.rows.length - Math.floor(rand() * 60))));
      else {
        const c = clients[Math.floor(rand() * clients.length)];
        c.gone = true;
        c.rec.sink.destroy();
      }
    }
    await Promise.all(attaching);
    const end = m.rows.length;
    await until(() => clients.every((c) => c.gone || c.rec.ids().at(-1) === end));
    for (const c of clients) {
      // A fresh client starts after the id it was told it joined at.
      const from = c.from ?? Number(/^: connected (\d+)$/m.exec(c.rec.text())![1]) + 1;
      const ids = c.rec.ids();
      if (c.gone) expect(ids).toEqual(range(from, from + ids.length - 1));
      else expect(ids).toEqual(range(from, end));
    }
    expect(hub.stats().dropped).toBe(0);
    await hub.stop();
  });
});
