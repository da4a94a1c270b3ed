import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CitydeskEvent } from '../core/events';
import { isOpenStatus } from '../core/statuses';
import type { Store } from '../db/store';
import { createTestDatabase, TEST_DRIVERS } from '../db/testing';
import { loadCityPack } from '../seeds/packs';
import { createApp } from './app';
import { headersForNewAccount } from './auth/testAccounts';
import { createRuntime } from './runtime';
import { openSse, reachedId } from './sseClient';
import { postJson, reportBody, startTestApp, type TestApp } from './testing';
import type { HexesResponse, KpisResponse } from './wire';
import { as, type Requester } from './testClient';

/**
 * `asOfEventId` on a snapshot means: exactly the events up to it. Checked with a real race: a
 * snapshot taken while reports are filed and moved, plus the stream replayed from its
 * asOfEventId, must equal a snapshot taken once the writes have stopped, count for count.
 */

// Monday 2026-03-02 09:00 in Hanoi: every report is filed and moved at this instant.
const T0 = new Date('2026-03-02T02:00:00Z');
const WINDOW = `since=${new Date(T0.getTime() - 86_400_000).toISOString()}&until=${new Date(T0.getTime() + 3_600_000).toISOString()}`;
/** Rounds of writes: each files reports and moves others, several requests at once. */
const ROUNDS = 30;
/** Snapshots under test are taken once this many rounds are done, with writes still to come. */
const SNAPSHOT_AFTER_ROUNDS = [4, 8, 12, 16, 20, 24];

/** The next legal move of a report in each status, so that every move the writer asks for is accepted. */
const NEXT: Record<string, string | undefined> = {
  received: 'accept',
  accepted: 'start',
  in_progress: 'resolve',
  resolved: 'close',
  closed: 'reopen',
  reopened: 'start',
};

type Cells = Map<string, { received: number; open: number }>;

function cellsOf(r: HexesResponse): Cells {
  return new Map(r.cells.map((c) => [c.cell, { received: c.received, open: c.open }]));
}

/** What each event does to the res-7 cell counts and the city KPIs' received/open. */
function applyEvents(cells: Cells, kpis: { received: number; open: number }, events: CitydeskEvent[]) {
  for (const e of events) {
    if (!e.type.startsWith('report.') || !('report' in e)) continue;
    const cell = cells.get(e.report.h3r7) ?? { received: 0, open: 0 };
    if (e.type === 'report.created') {
      cell.received += 1;
      cell.open += 1;
      kpis.received += 1;
      kpis.open += 1;
    } else if ('from' in e) {
      const delta = Number(isOpenStatus(e.to)) - Number(isOpenStatus(e.from));
      cell.open += delta;
      kpis.open += delta;
    }
    cells.set(e.report.h3r7, cell);
  }
}

const nonZero = (cells: Cells) =>
  [...cells].filter(([, c]) => c.received || c.open).sort(([a], [b]) => (a < b ? -1 : 1));

describe.each(TEST_DRIVERS)('asOfEventId on %s', (driver) => {
  let t: TestApp;
  /** The operations centre: every staff route, the whole city. */
  let ops: Requester;
  let opsHeaders: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp(driver, { now: () => T0 });
    opsHeaders = await t.headersFor('operator');
    ops = as(t.app, opsHeaders);
  });
  afterAll(async () => t?.close());

  const get = async <T>(path: string): Promise<T> => {
    const res = await ops.request(path);
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };

  it('a snapshot taken mid-write plus the stream from its asOfEventId equals the snapshot after', async () => {
    const status = new Map<number, string>();
    const file = async (i: number) => {
      const body = reportBody({ lat: 21.0287 + (i % 5) * 0.012, lng: 105.8524 + (i % 3) * 0.012 });
      const r = (await (await postJson(t.app, '/api/reports', body)).json()) as { id: number; status: string };
      status.set(r.id, r.status);
    };
    const move = async (id: number) => {
      const action = NEXT[status.get(id) ?? ''];
      if (!action) return;
      const res = await postJson(ops, `/api/reports/${id}/transitions`, { action });
      expect(res.status).toBe(200);
      status.set(id, ((await res.json()) as { status: string }).status);
    };
    for (let i = 0; i < 6; i++) await file(i);

    let roundsDone = 0;
    const reached = new Map<number, () => void>();
    const points = SNAPSHOT_AFTER_ROUNDS.map((n) => new Promise<void>((r) => reached.set(n, r)));
    const writer = (async () => {
      for (let round = 0; round < ROUNDS; round++) {
        // Different reports per round, so no two moves of one report race each other.
        const ids = [...status.keys()].filter((id) => id % 3 === round % 3).slice(-4);
        await Promise.all([file(round * 3), file(round * 3 + 1), ...ids.map(move)]);
        reached.get(++roundsDone)?.();
      }
    })();

    const snapshots: Array<[HexesResponse, KpisResponse]> = [];
    for (const point of points) {
      await point;
      snapshots.push(
        await Promise.all([get<HexesResponse>(`/api/hexes?res=7&${WINDOW}`), get<KpisResponse>(`/api/kpis?${WINDOW}`)]),
      );
    }
    await writer;
    // Writes have stopped (hotspot flags may still come; they change no count).
    const after = await get<HexesResponse>(`/api/hexes?res=7&${WINDOW}`);
    const afterKpis = await get<KpisResponse>(`/api/kpis?${WINDOW}`);
    // The race happened: each snapshot is neither empty nor the end of the log.
    for (const [hexes] of snapshots) {
      expect(hexes.asOfEventId).toBeGreaterThan(0);
      expect(hexes.asOfEventId).toBeLessThan(after.asOfEventId);
    }

    const base = await t.listen();
    const replay = async (from: number, to: number) => {
      const stream = await openSse(`${base}/api/stream`, { lastEventId: from, headers: opsHeaders });
      const messages = await stream.collect(reachedId(to));
      stream.close();
      const events = messages
        .filter((m) => m.id && m.event !== 'reset')
        .map((m) => JSON.parse(m.data) as CitydeskEvent)
        .filter((e) => e.id <= to);
      expect(events.map((e) => e.id)).toEqual(Array.from({ length: to - from }, (_, i) => from + 1 + i));
      return events;
    };

    for (const [hexes, kpis] of snapshots) {
      const cells = cellsOf(hexes);
      applyEvents(cells, { received: 0, open: 0 }, await replay(hexes.asOfEventId, after.asOfEventId));
      expect(nonZero(cells)).toEqual(nonZero(cellsOf(after)));

      const replayedKpis = { received: kpis.received, open: kpis.open };
      applyEvents(new Map(), replayedKpis, await replay(kpis.asOfEventId, afterKpis.asOfEventId));
      expect(replayedKpis, `KPIs as of ${kpis.asOfEventId}`).toEqual({
        received: afterKpis.received,
        open: afterKpis.open,
      });
    }
  });

  it.each([
    '/api/hexes?res=7',
    '/api/areas?level=district',
    '/api/areas/series?level=district&bucket=day',
    '/api/timeseries?bucket=day',
    '/api/kpis',
    '/api/kpis/areas?level=district',
    '/api/hotspots',
    '/api/public/hexes?res=7',
    '/api/public/kpis',
    '/api/public/timeseries',
    '/api/public/areas',
  ])('%s says which event it is current to', async (path) => {
    const before = (await t.store.events.eventBounds()).maxId;
    const body = await get<{ asOfEventId: number }>(path);
    // Hotspot flags may be written meanwhile, so the log may have moved on by the time it answers.
    expect(body.asOfEventId).toBeGreaterThanOrEqual(before);
    expect(body.asOfEventId).toBeLessThanOrEqual((await t.store.events.eventBounds()).maxId);
  });
});

describe.each(TEST_DRIVERS)('KPIs from the mirror on %s', (driver) => {
  it('say an asOfEventId their figures match exactly, even when a move lands while the mirror re-reads', async () => {
    const db = await createTestDatabase(driver);
    const store = await db.open();
    let raceOnRead: (() => Promise<void>) | null = null;
    // The mirror re-reads the rows a batch named; this store commits one more move just before it does.
    const racyStore: Store = {
      ...store,
      analytics: {
        ...store.analytics,
        analyticsRowsByIds: async (ids) => {
          const race = raceOnRead;
          raceOnRead = null;
          await race?.();
          return store.analytics.analyticsRowsByIds(ids);
        },
      },
    };
    const pack = await loadCityPack('hanoi');
    const runtime = await createRuntime({ store: racyStore, pack, now: () => T0 });
    const app = createApp(runtime);
    const ops = as(app, await headersForNewAccount(store, pack, 'operator'));
    try {
      const filed = await postJson(app, '/api/reports', reportBody());
      const { id } = (await filed.json()) as { id: number };
      raceOnRead = async () => {
        expect((await postJson(ops, `/api/reports/${id}/transitions`, { action: 'reject' })).status).toBe(200);
      };
      const kpis = (await (await ops.request(`/api/kpis?${WINDOW}`)).json()) as KpisResponse;
      expect(raceOnRead).toBeNull();
      const { maxId } = await store.events.eventBounds();
      // Filed and rejected: none open. A figure that counted the rejection must be as of after it.
      expect(kpis).toMatchObject({ received: 1, open: 0 });
      expect(kpis.asOfEventId).toBe(maxId);
    } finally {
      await runtime.stop();
      await store.close();
      await db.drop();
    }
  });
});
