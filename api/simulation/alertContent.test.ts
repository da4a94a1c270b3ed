import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERT_KINDS } from '../../core/alerts';
import type { CityPack } from '../../core/cityPack';
import { TEST_DRIVERS } from '../../db/testing';
import { checkAlertGeometry } from '../alerts/place';
import { MAX_ALERT_DAYS } from '../alerts/schemas';
import { loadCityPack } from '../../seeds/packs';
import { createAlertMaker, polygonAround } from '../../seeds/simulator/alerts';
import { createRng } from '../../seeds/simulator/random';
import { startTestApp, type TestApp } from '../testing';
import { AlertSimulation } from './alerts';

describe('the demo alerts', () => {
  let pack: CityPack;
  beforeAll(async () => {
    pack = await loadCityPack('hanoi');
  });

  it('draws alerts the API accepts: polygons valid and in the city, areas of the pack, a sane window, text in both languages', () => {
    const make = createAlertMaker(pack);
    const rng = createRng(7);
    const at = new Date('2026-03-02T02:00:00Z');
    const codes = new Set(pack.areas.map((a) => a.code));
    const kinds = new Set<string>();
    let polygons = 0;
    for (let i = 0; i < 300; i++) {
      const a = make.alert(at, rng);
      kinds.add(a.kind);
      if (a.place.geometry) {
        polygons++;
        expect(checkAlertGeometry(a.place.geometry, pack.bbox, pack.nameEn)).toEqual(a.place.geometry);
      } else expect(codes.has(a.place.areaCode)).toBe(true);
      expect(a.expiresAt.getTime()).toBeGreaterThan(a.startsAt.getTime());
      expect(a.expiresAt.getTime() - a.startsAt.getTime()).toBeLessThanOrEqual(MAX_ALERT_DAYS * 86_400_000);
      for (const s of [a.titleVi, a.titleEn, a.bodyVi, a.bodyEn]) expect(s).not.toMatch(/\{place\}|undefined/);
    }
    expect([...kinds].sort()).toEqual([...ALERT_KINDS].sort());
    // Some polygons, some areas.
    expect(polygons).toBeGreaterThan(50);
    expect(polygons).toBeLessThan(250);
    expect(make.news(rng).titleEn.length).toBeGreaterThan(3);
  });

  it('draws a closed counter-clockwise ring at about the radius asked', () => {
    const g = polygonAround(105.85, 21.03, 1_000, createRng(1));
    const ring = g.coordinates[0]!;
    expect(ring[0]).toEqual(ring.at(-1));
    let area2 = 0;
    for (let i = 0; i + 1 < ring.length; i++)
      area2 += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
    expect(area2).toBeGreaterThan(0);
    for (const [lng, lat] of ring) {
      const m = Math.hypot((lng! - 105.85) * 111_320 * Math.cos((21.03 * Math.PI) / 180), (lat! - 21.03) * 111_320);
      expect(m).toBeGreaterThan(650);
      expect(m).toBeLessThan(1_050);
    }
  });
});

describe.each(TEST_DRIVERS)('the alert simulator on %s', (driver) => {
  let t: TestApp;
  let clock = new Date('2026-03-02T02:00:00Z');
  beforeAll(async () => {
    t = await startTestApp(driver, { now: () => clock });
  });
  afterAll(async () => t?.close());

  it('opens the demo with a drawn and an area alert and a news item, which later expire by themselves', async () => {
    const sim = new AlertSimulation(t.runtime, 3);
    await sim.start();
    await sim.stop();
    const { value: alerts } = await t.store.alerts.list({ inForceAt: clock, limit: 10 });
    expect(alerts.filter((a) => a.geometry !== null)).toHaveLength(1);
    expect(alerts.filter((a) => a.areaCode !== null)).toHaveLength(1);
    for (const a of alerts) expect(a.areaCodes.length).toBeGreaterThan(0);
    expect((await t.store.news.list({ publishedOnly: true, limit: 5 })).value).toHaveLength(1);
    // A second start with alerts in force and news published adds none.
    const again = new AlertSimulation(t.runtime, 4);
    await again.start();
    await again.stop();
    expect(again.counters).toEqual({ alerts: 0, news: 0 });
    clock = new Date(clock.getTime() + 4 * 86_400_000);
    expect((await t.store.alerts.expire(clock)).map((a) => a.id).sort()).toEqual(alerts.map((a) => a.id).sort());
  });
});
