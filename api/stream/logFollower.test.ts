import { describe, expect, it } from 'vitest';
import { CommittedEvents } from '../../db/committedEvents';
import type { EventRow } from '../../db/types';
import { type EventSource, LogFollower } from './logFollower';
import type { Timers } from './timers';

const NO_TIMERS: Timers = { setInterval: () => 0, clearInterval: () => {} };
const OPTIONS = { ringEvents: 100, maxReplayEvents: 1_000, pollMs: 1_000 };

function event(id: number): EventRow {
  return {
    id,
    at: new Date(0),
    type: 'report.created',
    reportId: id,
    districtCode: null,
    communeCode: null,
    payload: { report: { id } },
    actorUserId: null,
    actorRole: null,
  };
}

/**
 * An events table, its commit signal and this process's own commits (db/committedEvents.ts);
 * every read is counted, and `gate` can hold a read until the test lets it go.
 */
function world() {
  const table: EventRow[] = [];
  const signals = new Set<(id: number) => void>();
  const committed = new CommittedEvents();
  let reads = 0;
  let gate: Promise<void> | null = null;
  const source: EventSource = {
    async eventsAfter(after, upTo, limit) {
      reads++;
      if (gate) await gate;
      return table.filter((r) => r.id > after && r.id <= upTo).slice(0, limit);
    },
    async eventBounds() {
      return { minId: table[0]?.id ?? 0, maxId: table.at(-1)?.id ?? 0 };
    },
    async onEvents(l) {
      signals.add(l);
      return async () => void signals.delete(l);
    },
    onCommitted: (l) => committed.listen(l),
    localWritesSettled: () => committed.settled(),
  };
  const signal = (maxId = table.at(-1)!.id) => {
    for (const l of signals) l(maxId);
  };
  /** Events committed by another process: in the table, then the signal. */
  const elsewhere = (...ids: number[]) => {
    table.push(...ids.map(event));
    signal();
  };
  /** Events this process committed: in the table; handed over as the write returns. */
  const here = (...ids: number[]) => {
    const rows = ids.map(event);
    table.push(...rows);
    committed.tell(rows);
  };
  return {
    source,
    committed,
    signal,
    elsewhere,
    here,
    table,
    reads: () => reads,
    hold: () => {
      let release = () => {};
      gate = new Promise((r) => (release = r));
      return () => {
        gate = null;
        release();
      };
    },
  };
}

async function started(w: ReturnType<typeof world>) {
  const follower = new LogFollower(w.source, NO_TIMERS, OPTIONS);
  await follower.start();
  const told: number[] = [];
  follower.onBatch((rows) => void told.push(...rows.map((r) => r.id)));
  return { follower, told };
}

describe('LogFollower with events this process committed', () => {
  it('takes them as read when they are the next ids, and their signal then reads nothing', async () => {
    const w = world();
    const { follower, told } = await started(w);
    w.here(1, 2, 3);
    expect(told).toEqual([1, 2, 3]);
    w.signal();
    await follower.catchUp(3);
    expect(w.reads()).toBe(0);
    expect(follower.replayTail(0)!.map((r) => r.id)).toEqual([1, 2, 3]);
  });

  it('leaves them to the read when ids before them are not read yet (another process, a rollback gap)', async () => {
    const w = world();
    const { follower, told } = await started(w);
    w.table.push(event(1)); // another process's commit, its signal still on the way
    w.here(2, 3);
    expect(told).toEqual([]);
    w.signal();
    await follower.catchUp(3);
    expect(told).toEqual([1, 2, 3]);
    expect(w.reads()).toBe(1);
  });

  it('leaves them to a read under way, and tells each event once', async () => {
    const w = world();
    const { follower, told } = await started(w);
    const release = w.hold();
    w.elsewhere(1);
    await Promise.resolve();
    w.here(2);
    release();
    await follower.catchUp(2);
    w.signal();
    await follower.catchUp(2);
    expect(told).toEqual([1, 2]);
  });

  it('hands out nothing more while a listener holds the follower back', async () => {
    const w = world();
    const follower = new LogFollower(w.source, NO_TIMERS, OPTIONS);
    await follower.start();
    const told: number[] = [];
    let drain = () => {};
    const draining = new Promise<void>((r) => (drain = r));
    follower.onBatch((rows) => {
      told.push(...rows.map((r) => r.id));
      return rows[0]!.id === 1 ? draining : undefined;
    });
    w.here(1);
    w.here(2);
    expect(told).toEqual([1]);
    w.signal();
    drain();
    await follower.catchUp(2);
    expect(told).toEqual([1, 2]);
  });

  it('waits for its own writes under way when their signal arrives first, instead of reading', async () => {
    const w = world();
    const { follower, told } = await started(w);
    let answer = () => {};
    const write = w.committed.track(
      new Promise<void>((r) => {
        answer = () => {
          w.here(1, 2);
          r();
        };
      }),
    );
    w.signal(2); // NOTIFY before the commit's own answer
    answer();
    await write;
    await follower.catchUp(2);
    expect(told).toEqual([1, 2]);
    expect(w.reads()).toBe(0);
  });
});
