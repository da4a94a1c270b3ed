import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DRIVERS } from '../db/testing';
import { createRuntime } from './runtime';
import { openSse, reachedId, type SseMessage } from './sseClient';
import { postJson, reportBody, startTestApp, type TestApp } from './testing';
import { as, type Requester } from './testClient';

const T0 = new Date('2026-03-02T02:00:00Z'); // Monday 09:00 in Hanoi
const CLUSTER = 15;
const SOC_SON_COMMUNE_POINT = { lat: 21.2573, lng: 105.8486 };

const hotspotEvents = (ms: SseMessage[]) =>
  ms.filter((m) => m.event.startsWith('hotspot.')).map((m) => ({ event: m.event, ...JSON.parse(m.data) }));

describe.each(TEST_DRIVERS)('hotspots on %s', (driver) => {
  let t: TestApp;
  /** The operations centre: every staff route, the whole city. */
  let ops: Requester;
  let opsHeaders: Record<string, string>;
  let other: Awaited<ReturnType<typeof createRuntime>>;
  let base: string;
  const clock = T0;
  const cluster: number[] = [];

  beforeAll(async () => {
    t = await startTestApp(driver, { now: () => clock, analytics: { hotspots: { flagDebounceMs: 20 } } });
    opsHeaders = await t.headersFor('operator');
    ops = as(t.app, opsHeaders);
    // A second API process on the same database: flags must still be announced once.
    other = await createRuntime({
      store: t.store,
      pack: t.pack,
      now: () => clock,
      overlays: false,
      analytics: { hotspots: { flagDebounceMs: 20 } },
    });
    base = await t.listen();
  });
  afterAll(async () => {
    await other?.stop();
    await t?.close();
  });

  it('finds no hotspot in an empty city', async () => {
    const body = await (await ops.request('/api/hotspots')).json();
    expect(body).toMatchObject({ res: 8, metric: 'open', k: 1, fdr: false, cells: [], flags: [] });
    expect(body.studyCells).toBeGreaterThan(4_000);
  });

  it('flags the areas around a backlog cluster, once, and tells each area of its own', async () => {
    // A ward's chief, its district's, the press (anonymous) and a far ward's chief.
    const viewers = await Promise.all(
      ['00070', '002', null, '00376'].map((areaCode) => (areaCode ? t.headersFor('chief', { areaCode }) : {})),
    );
    const [wardStream, districtStream, pressStream, farStream] = await Promise.all(
      viewers.map((headers) => openSse(`${base}/api/stream`, { headers })),
    );
    const ward = wardStream.collect((all) => hotspotEvents(all).length >= 1);
    const district = districtStream.collect((all) => hotspotEvents(all).some((e) => e.area.code === '00070'));
    const press = pressStream.collect((all) => hotspotEvents(all).length >= 1);
    for (let i = 0; i < CLUSTER; i++)
      cluster.push((await (await postJson(t.app, '/api/reports', reportBody())).json()).id);
    const socSon = await (await postJson(t.app, '/api/reports', reportBody(SOC_SON_COMMUNE_POINT))).json();

    const body = await (await ops.request('/api/hotspots')).json();
    await other.analytics.settle();
    const hot = body.cells.find((c: { value: number }) => c.value === CLUSTER);
    expect(hot).toMatchObject({ bin: 3, pattern: 'new-hot-spot' });
    expect(hot.z).toBeGreaterThan(10);
    const ward00070 = body.flags.find((f: { code: string }) => f.code === '00070');
    expect(ward00070).toMatchObject({ level: 'commune', nameEn: 'Hoan Kiem Ward', trend: { pattern: 'new-hot-spot' } });
    expect(ward00070.reasons[0]).toMatchObject({ test: 'hot-cell' });
    expect(ward00070.reasons[0].cells.map((c: { cell: string }) => c.cell)).toContain(hot.cell);
    expect(body.flags.map((f: { code: string }) => f.code)).toContain('002');

    // Each flag announced exactly once, although two processes derived it.
    const flagged = (await t.store.events.eventsAfter(0, 1e9, 10_000)).filter((e) => e.type === 'hotspot.flagged');
    expect(flagged.map((e) => (e.payload as { area: { code: string } }).area.code).sort()).toEqual(
      body.flags.map((f: { code: string }) => f.code).sort(),
    );

    const wardEvents = hotspotEvents(await ward);
    expect(wardEvents[0]).toMatchObject({
      event: 'hotspot.flagged',
      area: { code: '00070', level: 'commune' },
      trend: { pattern: 'new-hot-spot' },
    });
    expect(hotspotEvents(await district).map((e) => e.area.code)).toContain('00070');
    const pressEvents = hotspotEvents(await press);
    expect(pressEvents[0]).toMatchObject({ tests: ['hot-cell'] });
    expect(JSON.stringify(pressEvents)).not.toContain(hot.cell);
    // Sóc Sơn hears of nothing: an event of its own committed after every flag (accepting its
    // report, which stays open, so the backlog is unchanged) arrives with no hotspot event before it.
    await postJson(ops, `/api/reports/${socSon.id}/transitions`, { action: 'accept' });
    const { maxId: markerId } = await t.store.events.eventBounds();
    const far = await farStream.collect(reachedId(markerId));
    expect(far.at(-1)).toMatchObject({ event: 'report.accepted', id: String(markerId) });
    expect(hotspotEvents(far)).toEqual([]);
    for (const s of [wardStream, districtStream, pressStream, farStream]) s.close();
  });

  it('gives Gi* for the overdue backlog, another ring radius and FDR on request', async () => {
    const overdue = await (await ops.request('/api/hotspots?metric=overdue')).json();
    expect(overdue.cells).toEqual([]); // nothing is overdue yet
    const wide = await (await ops.request('/api/hotspots?k=2&fdr=true')).json();
    expect(wide).toMatchObject({ k: 2, fdr: true, flagRule: { k: 1, fdr: true, days: 14 } });
    expect(wide.cells.filter((c: { bin: number }) => c.bin === 3).length).toBeGreaterThanOrEqual(19); // the cell and two rings
    expect(wide.flags.length).toBeGreaterThan(0);
  });

  it('clears the flags when the backlog is worked off, and says so on the stream', async () => {
    const wardStream = await openSse(`${base}/api/stream`, {
      headers: await t.headersFor('chief', { areaCode: '00070' }),
    });
    const ward = wardStream.collect((all) => hotspotEvents(all).some((e) => e.event === 'hotspot.cleared'));
    for (const id of cluster) {
      await postJson(ops, `/api/reports/${id}/transitions`, { action: 'accept' });
      await postJson(ops, `/api/reports/${id}/transitions`, { action: 'resolve' });
    }
    const body = await (await ops.request('/api/hotspots')).json();
    await other.analytics.settle();
    expect(body.flags).toEqual([]);
    expect(body.cells.find((c: { value: number }) => c.value === CLUSTER)).toBeUndefined();
    const cleared = hotspotEvents(await ward).find((e) => e.event === 'hotspot.cleared');
    expect(cleared).toMatchObject({ area: { code: '00070', level: 'commune' } });
    const all = (await t.store.events.eventsAfter(0, 1e9, 10_000)).filter((e) => e.type.startsWith('hotspot.'));
    const count = (type: string) => all.filter((e) => e.type === type).length;
    expect(count('hotspot.cleared')).toBe(count('hotspot.flagged'));
    wardStream.close();
  });

  it.each(['metric=backlog', 'k=0', 'k=9', 'fdr=maybe', 'res=9'])('refuses %s with 400', async (q) => {
    expect((await ops.request(`/api/hotspots?${q}`)).status).toBe(400);
  });
});
