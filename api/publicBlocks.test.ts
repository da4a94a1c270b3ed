import { latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DRIVERS } from '../db/testing';
import { postJson, reportBody, startTestApp, type TestApp } from './testing';

/**
 * The public snapshots are sums of blocks each withheld under 3 on its own (api/privacy/publicBlocks.ts):
 * a refetch one window later, which the public page makes on every `public.counts`, must not
 * reveal a lone report that the window's own counts withheld.
 */

// 09:00 and 10:00 on Monday 2 March 2026 in Hanoi (UTC+7); local midnights 17:00 UTC the day before.
const NINE = new Date('2026-03-02T02:00:00Z');
const TEN = new Date('2026-03-02T03:00:00Z');
const MIDNIGHT = '2026-03-01T17:00:00.000Z';
const NEXT_MIDNIGHT = '2026-03-02T17:00:00.000Z';
const AT = { lat: 21.028734, lng: 105.852417 }; // by Hoàn Kiếm Lake: district 002
const HOAN_KIEM = '002';

describe.each(TEST_DRIVERS)('public blocks on %s', (driver) => {
  let t: TestApp;
  let clock = NINE;
  const json = async (url: string) => {
    const res = await t.app.request(url);
    expect(res.status).toBe(200);
    return res.json();
  };
  const district = async (q: string) =>
    (await json(`/api/public/areas?level=district&${q}`)).items.find((a: { code: string }) => a.code === HOAN_KIEM);
  const cell = async (q: string) =>
    (await json(`/api/public/hexes?res=8&${q}`)).cells.find(
      (c: { cell: string }) => c.cell === latLngToCell(AT.lat, AT.lng, 8),
    );

  beforeAll(async () => {
    t = await startTestApp(driver, { now: () => clock });
    // Three at nine (one window), one alone at ten (another window).
    for (const at of [NINE, NINE, NINE, TEN]) {
      clock = at;
      expect((await postJson(t.app, '/api/reports', reportBody(AT))).status).toBe(201);
    }
    clock = new Date('2026-03-03T05:00:00Z');
  });
  afterAll(async () => t?.close());

  it('a refetch one window later shows the same figures when that window held one report', async () => {
    // Before and after the lone report's window: the old per-window sum went 3 → 4 and gave it away.
    const before = `since=${NINE.toISOString()}&until=2026-03-02T03:00:00Z`;
    const after = `since=${NINE.toISOString()}&until=2026-03-02T03:05:00Z`;
    expect(await district(before)).toMatchObject({ received: 3 });
    expect(await district(after)).toMatchObject({ received: 3 });
    expect(await cell(before)).toMatchObject({ received: 3 });
    expect(await cell(after)).toMatchObject({ received: 3 });
  });

  it('a whole local day that is over counts as one block: all four', async () => {
    const day = `since=${MIDNIGHT}&until=${NEXT_MIDNIGHT}`;
    expect(await district(day)).toMatchObject({ received: 4, open: 4 });
    expect(await cell(day)).toMatchObject({ received: 4 });
    // A window that starts an hour into the day holds no whole day: windows again, the lone one withheld.
    expect(await district(`since=2026-03-01T18:00:00Z&until=${NEXT_MIDNIGHT}`)).toMatchObject({ received: 3 });
  });
});
