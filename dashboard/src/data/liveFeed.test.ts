import { afterEach, describe, expect, it } from 'vitest';
import { FakeStream } from './fakeStream';
import {
  FIRST_RETRY_MS,
  type FeedOptions,
  type FeedStatus,
  LiveFeed,
  MAX_RETRY_MS,
  STALE_AFTER_MS,
  type StreamEvent,
} from './liveFeed';

const event = (id: number) => ({
  id,
  type: 'layer.updated',
  at: '2026-03-02T02:00:00.000Z',
  layer: 'air',
  featureCount: 1,
});

function harness(options?: FeedOptions) {
  const fake = new FakeStream();
  const batches: number[][] = [];
  const resets: number[] = [];
  const statuses: FeedStatus[] = [];
  let unauthenticated = 0;
  const feed = new LiveFeed(
    '/api/stream',
    {
      onEvents(events: StreamEvent[]) {
        batches.push(events.map((e) => e.id));
        fake.wake();
      },
      onReset(lastId) {
        resets.push(lastId);
        fake.wake();
      },
      onStatus(s) {
        statuses.push(s);
        fake.wake();
      },
      onUnauthenticated() {
        unauthenticated++;
        fake.wake();
      },
    },
    fake.effects,
    options,
  );
  const delivered = () => batches.flat();
  return { fake, feed, batches, resets, statuses, delivered, unauthenticated: () => unauthenticated };
}

let stop: (() => void) | null = null;
afterEach(() => stop?.());

describe('LiveFeed', () => {
  it('asks for the events after the id it starts from, and delivers them in order', async () => {
    const { fake, feed, delivered } = harness();
    stop = () => feed.stop();
    feed.start(41);
    const c = await fake.connection(1);
    expect(c.lastEventId).toBe(41);
    c.event(event(42));
    c.event(event(43));
    await fake.until(() => delivered().length === 2);
    expect(delivered()).toEqual([42, 43]);
    expect(feed.resumeId).toBe(43);
  });

  it('ignores an id it has delivered already, or an older one', async () => {
    const { fake, feed, delivered } = harness();
    stop = () => feed.stop();
    feed.start(41);
    const c = await fake.connection(1);
    c.write([42, 42, 40, 43, 43].map((id) => `id: ${id}\nevent: x\ndata: ${JSON.stringify(event(id))}\n\n`).join(''));
    await fake.until(() => delivered().includes(43));
    c.event(event(43));
    c.event(event(44));
    await fake.until(() => delivered().includes(44));
    expect(delivered()).toEqual([42, 43, 44]);
  });

  it('reconnects after a broken connection, resuming after the last id it delivered', async () => {
    const { fake, feed, delivered, statuses } = harness();
    stop = () => feed.stop();
    feed.start(0);
    const first = await fake.connection(1);
    first.event(event(1));
    first.event(event(2));
    await fake.until(() => delivered().length === 2);
    first.fail();
    const second = await fake.connection(2);
    expect(second.lastEventId).toBe(2);
    expect(fake.sleeps).toEqual([FIRST_RETRY_MS]);
    expect(statuses.some((s) => !s.connected)).toBe(true);
    second.event(event(2));
    second.event(event(3));
    await fake.until(() => delivered().includes(3));
    expect(delivered()).toEqual([1, 2, 3]);
    expect(statuses.at(-1)).toMatchObject({ connected: true, stale: false });
  });

  it('waits longer after each failed attempt, up to a cap, and starts again after a success', async () => {
    const { fake, feed } = harness();
    stop = () => feed.stop();
    fake.failNext(6);
    feed.start(5);
    const c = await fake.connection(1);
    expect(c.lastEventId).toBe(5);
    expect(fake.sleeps).toEqual([1_000, 2_000, 4_000, 8_000, MAX_RETRY_MS, MAX_RETRY_MS]);
    c.end();
    await fake.connection(2);
    expect(fake.sleeps.at(-1)).toBe(FIRST_RETRY_MS);
  });

  it('on reset, delivers what came before it, hands over the new id and goes on from there', async () => {
    const { fake, feed, delivered, resets } = harness();
    stop = () => feed.stop();
    feed.start(10);
    const c = await fake.connection(1);
    c.write(
      `id: 11\nevent: x\ndata: ${JSON.stringify(event(11))}\n\n` +
        `id: 90\nevent: reset\ndata: ${JSON.stringify({ lastId: 90 })}\n\n` +
        `id: 85\nevent: x\ndata: ${JSON.stringify(event(85))}\n\n` +
        `id: 91\nevent: x\ndata: ${JSON.stringify(event(91))}\n\n`,
    );
    await fake.until(() => delivered().includes(91));
    expect(resets).toEqual([90]);
    expect(delivered()).toEqual([11, 91]);
    c.fail();
    expect((await fake.connection(2)).lastEventId).toBe(91);
  });

  it('goes back to an older id at once when rewound, and delivers from there again', async () => {
    const { fake, feed, delivered } = harness();
    stop = () => feed.stop();
    feed.start(0);
    const first = await fake.connection(1);
    for (const id of [1, 2, 3]) first.event(event(id));
    await fake.until(() => delivered().includes(3));
    feed.rewindTo(1);
    const second = await fake.connection(2);
    expect(second.lastEventId).toBe(1);
    expect(fake.sleeps).toEqual([]);
    second.event(event(2));
    await fake.until(() => delivered().length === 4);
    expect(delivered()).toEqual([1, 2, 3, 2]);
  });

  it('marks a silent feed stale and reconnects; a heartbeat keeps it fresh', async () => {
    const { fake, feed, statuses } = harness();
    stop = () => feed.stop();
    feed.start(7);
    const c = await fake.connection(1);
    await fake.until(() => statuses.at(-1)?.connected === true);
    fake.nowMs += STALE_AFTER_MS - 1;
    c.heartbeat();
    await fake.until(() => statuses.at(-1)?.lastSeenMs === fake.nowMs);
    fake.nowMs += STALE_AFTER_MS - 1;
    fake.tickWatchdog();
    expect(statuses.at(-1)?.stale).toBe(false);
    fake.nowMs += 2;
    fake.tickWatchdog();
    expect(statuses.some((s) => s.stale)).toBe(true);
    expect((await fake.connection(2)).lastEventId).toBe(7);
  });

  it.each([
    [undefined, 'same-origin'],
    [{ credentials: 'omit' as const }, 'omit'],
  ])('sends the session cookie unless told not to (%o), on every reconnect too', async (options, expected) => {
    const { fake, feed } = harness(options);
    stop = () => feed.stop();
    feed.start(0);
    (await fake.connection(1)).fail();
    await fake.connection(2);
    expect(fake.credentials).toEqual([expected, expected]);
  });

  it('on a 401 stops for good and says so once, instead of retrying', async () => {
    const { fake, feed, unauthenticated } = harness();
    stop = () => feed.stop();
    fake.refuseNext(401);
    feed.start(3);
    await fake.until(() => unauthenticated() === 1);
    expect(feed.started).toBe(false);
    expect(fake.sleeps).toEqual([]);
    expect(fake.connections).toHaveLength(0);
    expect(fake.refused).toBe(1);
  });

  it('retries a refusal that is not about the viewer (503, stream full)', async () => {
    const { fake, feed, unauthenticated } = harness();
    stop = () => feed.stop();
    fake.refuseNext(503);
    feed.start(3);
    expect((await fake.connection(1)).lastEventId).toBe(3);
    expect(fake.sleeps).toEqual([FIRST_RETRY_MS]);
    expect(unauthenticated()).toBe(0);
  });

  it('stops for good: no reconnect after stop', async () => {
    const { fake, feed, statuses } = harness();
    feed.start(0);
    const c = await fake.connection(1);
    await fake.until(() => statuses.at(-1)?.connected === true);
    feed.stop();
    await fake.until(() => c.closed && statuses.at(-1)?.connected === false);
    expect(fake.connections).toHaveLength(1);
    expect(fake.sleeps).toEqual([]);
  });
});
