import { cityClock } from '../../core/cityClock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DRIVERS } from '../../db/testing';
import { loadCityOverlays } from '../../seeds/overlays';
import { LIVE_LAYER_CODES } from '../../core/overlayLayers';
import { sseMessages } from '../sseClient';
import { startTestApp, type TestApp } from '../testing';
import { pm25At } from './airQuality';
import { OverlaySimulator } from './simulator';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
// Thursday 15 January 2026, 05:00 in Hanoi: a winter early morning.
const T0 = new Date('2026-01-14T22:00:00Z');
const SEED = 11;
const noTimers = { setInterval: () => 0, clearInterval: () => {} };

describe.each(TEST_DRIVERS)('overlay layers on %s', (driver) => {
  let t: TestApp;
  let clock = T0;
  let sim: OverlaySimulator;
  const get = async (url: string) => {
    const res = await t.app.request(url);
    return { status: res.status, body: await res.json(), headers: res.headers };
  };

  beforeAll(async () => {
    t = await startTestApp(driver, { now: () => clock });
    sim = new OverlaySimulator(
      t.store.layers,
      () => clock,
      { seed: SEED, center: t.pack.center, timezone: t.pack.timezone },
      noTimers,
    );
  });
  afterAll(async () => {
    await sim?.stop();
    await t?.close();
  });

  it('loads the pack’s layers idempotently: a reload changes nothing, a change is applied by key', async () => {
    const list = async () =>
      Object.fromEntries((await t.store.layers.list(clock)).map((l) => [l.code, l.featureCount]));
    const stations = async () => (await t.store.layers.featureList(LIVE_LAYER_CODES.airQuality)).map((f) => f.id);
    const before = await list();
    expect(before).toMatchObject({ transit_bus_stops: 3_135, environment_air_quality: 5, traffic_incidents: 0 });
    expect(before.planning_land_use).toBeGreaterThan(550);
    const ids = await stations();
    const layers = await loadCityOverlays(t.pack);
    await t.store.layers.load(layers);
    expect(await list()).toEqual(before);
    const fewer = layers.map((l) => (l.code === 'transit_bus_stops' ? { ...l, features: l.features!.slice(1) } : l));
    await t.store.layers.load(fewer);
    expect((await list()).transit_bus_stops).toBe(3_134);
    await t.store.layers.load(layers);
    expect(await list()).toEqual(before);
    expect(await stations()).toEqual(ids);
    const renamed = layers.map((l) => (l.code === 'transit_bus_stops' ? { ...l, nameEn: 'Bus stops (OSM)' } : l));
    await t.store.layers.load(renamed);
    expect((await t.store.layers.get('transit_bus_stops'))?.nameEn).toBe('Bus stops (OSM)');
    await t.store.layers.load(layers);
  });

  it('backfills the last 24 h on start, and a second backfill adds nothing', async () => {
    await sim.prepare();
    expect(sim.layers.sort()).toEqual(Object.values(LIVE_LAYER_CODES).sort());
    await sim.backfill();
    const stored = sim.counters.readings;
    // 5 stations × 2 metrics × 1,440 minutes, plus ~105 cells × 288 five-minute slots.
    expect(stored).toBeGreaterThan(5 * 2 * 1_440 + 100 * 288);
    expect(sim.counters.events).toBe(0);
    await sim.backfill();
    expect(sim.counters.readings).toBe(stored);
    const { body } = await get('/api/layers');
    const aq = body.items.find((l: { code: string }) => l.code === LIVE_LAYER_CODES.airQuality);
    expect(aq.latestReadingAt).toBe(T0.toISOString());
  });

  it('lists layers with kind, names, source, licence, simulated, date and feature count', async () => {
    const { status, body } = await get('/api/layers');
    expect(status).toBe(200);
    const byCode = Object.fromEntries(body.items.map((l: { code: string }) => [l.code, l]));
    expect(byCode.transit_bus_stops).toMatchObject({
      kind: 'transit',
      nameVi: 'Điểm dừng xe buýt',
      nameEn: 'Bus stops',
      source: '© OpenStreetMap contributors',
      licence: 'ODbL 1.0',
      simulated: false,
      dataDate: '2025-12',
      featureCount: 3_135,
      latestReadingAt: null,
    });
    expect(byCode.environment_air_quality).toMatchObject({
      kind: 'environment',
      simulated: true,
      source: expect.stringMatching(/readings simulated/),
    });
    expect(byCode.environment_air_quality.legend.metrics.map((m: { key: string }) => m.key)).toEqual(['pm25', 'aqi']);
    expect(byCode.planning_land_use.legend.classes).toHaveLength(7);
    expect(byCode.traffic_incidents.featureCount).toBeGreaterThanOrEqual(0);
  });

  it('ticks: one layer.readings event per layer per tick, under 8 KB, through the outbox', async () => {
    const { maxId: before } = await t.store.events.eventBounds();
    clock = new Date(T0.getTime() + 5 * MINUTE_MS + 20_000);
    await sim.advanceTo(clock);
    const { maxId } = await t.store.events.eventBounds();
    const events = await t.store.events.eventsAfter(before, maxId, 100);
    expect(events.every((e) => e.type === 'layer.readings' && e.districtCode === null)).toBe(true);
    const byLayer = (code: string) => events.filter((e) => (e.payload as { layer: string }).layer === code);
    // Catch-up minutes write rows only; the newest slot of each layer is one event.
    expect(byLayer(LIVE_LAYER_CODES.airQuality)).toHaveLength(1);
    expect(byLayer(LIVE_LAYER_CODES.congestion)).toHaveLength(1);
    const aq = byLayer(LIVE_LAYER_CODES.airQuality)[0].payload as {
      at: string;
      readings: Array<{ featureId: number; metric: string; value: number }>;
    };
    expect(aq.at).toBe(new Date(T0.getTime() + 5 * MINUTE_MS).toISOString());
    expect(aq.readings).toHaveLength(10);
    const congestion = byLayer(LIVE_LAYER_CODES.congestion)[0].payload as { readings: unknown[] };
    expect(congestion.readings.length).toBeGreaterThan(60);
    for (const e of events) expect(Buffer.byteLength(JSON.stringify(e.payload))).toBeLessThan(8_000);
    // Nothing new within the same minute.
    await sim.advanceTo(new Date(clock.getTime() + 10_000));
    expect((await t.store.events.eventBounds()).maxId).toBe(maxId);
  });

  it('streams layer events to a district chief’s stream too, resuming from Last-Event-ID', async () => {
    const base = await t.listen();
    const { maxId: from } = await t.store.events.eventBounds();
    clock = new Date(clock.getTime() + MINUTE_MS);
    await sim.advanceTo(clock);
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), 10_000);
    const seen: Array<{ id: number; layer: string }> = [];
    try {
      const headers = await t.headersFor('chief', { areaCode: '016' });
      for await (const m of sseMessages(`${base}/api/stream`, { lastEventId: from, signal: ctrl.signal, headers })) {
        expect(m.event).toBe('layer.readings');
        seen.push({ id: Number(m.id), layer: JSON.parse(m.data).layer });
        if (seen.length === 1) break;
      }
    } finally {
      clearTimeout(timer);
      ctrl.abort();
    }
    expect(seen).toEqual([{ id: from + 1, layer: LIVE_LAYER_CODES.airQuality }]);
  });

  it('serves a layer as GeoJSON with each feature’s id and latest value per metric', async () => {
    const { status, body, headers } = await get(`/api/layers/${LIVE_LAYER_CODES.airQuality}/geojson`);
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('no-cache');
    expect(body.layer).toMatchObject({
      code: LIVE_LAYER_CODES.airQuality,
      simulated: true,
      licence: expect.any(String),
    });
    expect(body.features).toHaveLength(5);
    const embassy = body.features.find((f: { properties: { key: string } }) => f.properties.key === 'airnow:HN1010001');
    const at = new Date(T0.getTime() + 6 * MINUTE_MS);
    expect(embassy.properties).toMatchObject({
      id: embassy.id,
      name: expect.stringMatching(/US Embassy/),
      pm25: expect.any(Number),
      aqi: expect.any(Number),
      readingAt: at.toISOString(),
    });
    // The simulator's values are the model's, given its seed.
    expect(embassy.properties.pm25).toBe(pm25At(SEED, 'airnow:HN1010001', at, cityClock(t.pack.timezone)));
    const cells = (await get(`/api/layers/${LIVE_LAYER_CODES.congestion}/geojson`)).body;
    expect(cells.features[0].properties).toMatchObject({ congestion: expect.any(Number), cell: expect.any(String) });
    expect(cells.features[0].geometry.type).toBe('Polygon');
    const stops = await get('/api/layers/transit_bus_stops/geojson');
    expect(stops.body.features).toHaveLength(3_135);
    expect(stops.body.features[0].properties).toMatchObject({ id: expect.any(Number), readingAt: null });
    expect(stops.headers.get('cache-control')).toMatch(/max-age/);
  });

  it('shows only the incidents present at the time asked', async () => {
    const { body } = await get(`/api/layers/${LIVE_LAYER_CODES.incidents}/geojson`);
    for (const f of body.features)
      expect(new Date(f.properties.validFrom).getTime()).toBeLessThanOrEqual(clock.getTime());
    const dayAgo = await get(
      `/api/layers/${LIVE_LAYER_CODES.incidents}/geojson?at=${new Date(T0.getTime() - 12 * HOUR_MS).toISOString()}`,
    );
    const keys = new Set(body.features.map((f: { properties: { key: string } }) => f.properties.key));
    expect(dayAgo.body.features.every((f: { properties: { key: string } }) => !keys.has(f.properties.key))).toBe(true);
  });

  it('serves a feature’s readings as series per metric', async () => {
    const { body: fc } = await get(`/api/layers/${LIVE_LAYER_CODES.airQuality}/geojson`);
    const id = fc.features[0].id;
    const since = new Date(T0.getTime() - 2 * HOUR_MS).toISOString();
    const { status, body } = await get(
      `/api/layers/${LIVE_LAYER_CODES.airQuality}/readings?featureId=${id}&since=${since}`,
    );
    expect(status).toBe(200);
    expect(body.series.map((s: { metric: string }) => s.metric).sort()).toEqual(['aqi', 'pm25']);
    const pm25 = body.series.find((s: { metric: string }) => s.metric === 'pm25');
    expect(pm25.unit).toBe('µg/m³');
    expect(pm25.points.length).toBeGreaterThanOrEqual(2 * 60 + 5);
    expect(pm25.points[0].at < pm25.points[1].at).toBe(true);
    const onlyAqi = await get(
      `/api/layers/${LIVE_LAYER_CODES.airQuality}/readings?featureId=${id}&since=${since}&metric=aqi`,
    );
    expect(onlyAqi.body.series).toHaveLength(1);
  });

  it.each([
    ['/api/layers/nope/geojson', 404, 'not_found'],
    ['/api/layers/DROP%20TABLE/geojson', 404, 'not_found'],
    ['/api/layers/transit_bus_stops/readings?featureId=999999999', 404, 'not_found'],
    ['/api/layers/transit_bus_stops/readings', 400, 'invalid_request'],
    ['/api/layers/transit_bus_stops/readings?featureId=1&since=2026-02-01&until=2026-01-01', 400, 'invalid_request'],
    ['/api/layers/transit_bus_stops/geojson?at=yesterday', 400, 'invalid_request'],
  ])('GET %s → %d %s', async (url, status, code) => {
    const res = await get(url);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
  });

  it('prunes readings older than 48 h', async () => {
    clock = new Date(T0.getTime() + 49 * HOUR_MS);
    await sim.advanceTo(clock);
    const { body: fc } = await get(`/api/layers/${LIVE_LAYER_CODES.airQuality}/geojson`);
    const since = new Date(T0.getTime() - 30 * HOUR_MS).toISOString();
    const { body } = await get(
      `/api/layers/${LIVE_LAYER_CODES.airQuality}/readings?featureId=${fc.features[0].id}&since=${since}&until=${clock.toISOString()}`,
    );
    const first = new Date(body.series[0].points[0].at).getTime();
    expect(first).toBeGreaterThanOrEqual(clock.getTime() - 48 * HOUR_MS);
  });
});
