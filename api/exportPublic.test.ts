import { parse } from 'csv-parse/sync';
import { cellToBoundary, latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DRIVERS } from '../db/testing';
import {
  PUBLIC_POINTS_TEXT as POINT_TEXT,
  THREE_IN_ONE_CELL as THREE,
  TWO_IN_ONE_CELL as TWO,
} from './fixtures/publicPoints';
import { postJson, reportBody, startTestApp, type TestApp } from './testing';

const T0 = new Date('2026-03-02T02:00:00Z');
const HOUR_MS = 3_600_000;

/** What the public export must never hold: report text, contacts, exact points, public ids. */
const SECRETS = {
  title: 'Zqx-TITLE-8841 nhà ông Tư',
  description: 'Zqx-DESC-8841 số 7 ngõ 9',
  name: 'Zqx Trần Thị Kín',
  phone: '0912888441',
  email: 'zqx.kin@example.vn',
};

/**
 * The public export is the public view as a file: the same cells and areas as /api/public/hexes and
 * /api/public/areas (delayed, on the public grid, under 3 withheld), and nothing of a report.
 */
describe.each(TEST_DRIVERS)('public export (%s)', (driver) => {
  let t: TestApp;
  let clock = T0;
  const publicIds: string[] = [];

  const file = async (p: { lat: number; lng: number }, i: number) => {
    const res = await postJson(
      t.app,
      '/api/reports',
      reportBody({
        ...p,
        title: `${SECRETS.title} ${i}`,
        description: SECRETS.description,
        reporter: { name: SECRETS.name, phone: SECRETS.phone, email: SECRETS.email },
      }),
    );
    expect(res.status).toBe(201);
    publicIds.push((await res.json()).publicId);
  };

  beforeAll(async () => {
    t = await startTestApp(driver, { now: () => clock });
    for (const [i, p] of [...THREE, ...TWO].entries()) await file(p, i);
    clock = new Date(T0.getTime() + 2 * HOUR_MS);
  });
  afterAll(async () => t?.close());

  const get = async (url: string) => {
    const res = await t.app.request(url);
    const text = await res.text();
    expect(res.status, `${url}: ${text.slice(0, 300)}`).toBe(200);
    return { res, text };
  };
  const csvRows = (text: string): Record<string, string>[] => parse(text, { bom: true, columns: true });
  const noSecrets = (text: string) => {
    for (const s of [...Object.values(SECRETS), ...publicIds, ...POINT_TEXT]) expect(text).not.toContain(s);
  };

  it.each([6, 7, 8])('hexes at r%d: the public cells, a cell of 2 left out', async (res) => {
    const api = JSON.parse((await get(`/api/public/hexes?res=${res}`)).text);
    const { res: r, text } = await get(`/api/public/export.csv?kind=hexes&res=${res}`);
    expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    // The public answers' cache rule: a CDN may carry it.
    expect(r.headers.get('cache-control')).toBe('public, max-age=60');
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    const rows = csvRows(text);
    expect(rows.map((x) => ({ cell: x.cell, received: +x.received!, handled: +x.handled!, open: +x.open! }))).toEqual(
      api.cells,
    );
    expect(rows.map((x) => x.cell)).toEqual([latLngToCell(THREE[0]!.lat, THREE[0]!.lng, res)]);
    expect(rows[0]!.res).toBe(String(res));
    // The window in the city's time: the same instants as the API's.
    expect(rows[0]!.since).toMatch(/\+07:00$/);
    expect(Date.parse(rows[0]!.since!)).toBe(Date.parse(api.since));
    expect(Date.parse(rows[0]!.until!)).toBe(Date.parse(api.until));
    noSecrets(text);
    expect(text).not.toContain(latLngToCell(TWO[0]!.lat, TWO[0]!.lng, res));
  });

  it('hexes as GeoJSON: the cells as polygons, [lng, lat], with the window, delay and threshold', async () => {
    const { res, text } = await get('/api/public/export.geojson?res=8');
    expect(res.headers.get('content-type')).toBe('application/geo+json; charset=utf-8');
    const fc = JSON.parse(text);
    const cell = latLngToCell(THREE[0]!.lat, THREE[0]!.lng, 8);
    expect(fc).toMatchObject({ type: 'FeatureCollection', delayMin: 15, windowMin: 5, minReportsPerCell: 3 });
    expect(fc.features).toHaveLength(1);
    expect(fc.features[0].geometry).toEqual({ type: 'Polygon', coordinates: [cellToBoundary(cell, true)] });
    expect(fc.features[0].properties).toMatchObject({ cell, res: 8, received: 3, handled: 0, open: 3 });
    noSecrets(text);
  });

  it.each(['district', 'commune'] as const)('areas by %s: the public areas', async (level) => {
    const api = JSON.parse((await get(`/api/public/areas?level=${level}`)).text);
    expect(api.items.length).toBeGreaterThan(0);
    const { text } = await get(`/api/public/export.csv?kind=areas&level=${level}`);
    const rows = csvRows(text);
    expect(
      rows.map((x) => ({
        code: x.code,
        nameVi: x.name_vi,
        nameEn: x.name_en,
        received: +x.received!,
        handled: +x.handled!,
        open: +x.open!,
      })),
    ).toEqual(api.items);
    noSecrets(text);
    const fc = JSON.parse((await get(`/api/public/export.geojson?kind=areas&level=${level}`)).text);
    expect(fc.features.map((f: { properties: { code: string } }) => f.properties.code)).toEqual(
      api.items.map((a: { code: string }) => a.code),
    );
    const area = t.pack.areas.find((a) => a.code === api.items[0].code)!;
    expect(fc.features[0].geometry).toEqual(area.geometry);
  });

  it('is delayed as the public view is: reports filed now are not in it', async () => {
    const before = (await get('/api/public/export.csv?res=8')).text;
    // Three, so that their 5-minute block is not withheld once it is public.
    for (const [i, p] of THREE.entries()) await file(p, 100 + i);
    const after = await get('/api/public/export.csv?res=8');
    expect(csvRows(after.text)).toEqual(csvRows(before));
    // Once the delay has passed, it is.
    const saved = clock;
    clock = new Date(clock.getTime() + HOUR_MS);
    try {
      const later = csvRows((await get('/api/public/export.csv?res=8')).text);
      expect(later.map((r) => +r.received!)).toEqual([6]);
    } finally {
      clock = saved;
    }
  });

  it('names the file by city, what, window and time', async () => {
    const { res } = await get('/api/public/export.geojson?kind=areas&level=commune&category=traffic_roads');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="hanoi-communes_20260131-20260302_traffic_roads_exported-20260302T1100\+0700\.geojson"$/,
    );
  });

  it.each([
    ['res=9', 'res'],
    ['res=5', 'res'],
    ['kind=reports', 'kind'],
    ['level=ward', 'level'],
    ['status=received', 'status'],
    ['bbox=105,21,106,22', 'bbox'],
    ['area=002', 'area'],
    ['since=nope', 'since'],
    [`until=${new Date(T0.getTime() - 40 * 86_400_000).toISOString()}&since=2026-03-01`, 'until'],
    ['category=Bad-Code', 'category'],
  ])('refuses %s with 400 naming %s', async (query, field) => {
    for (const ext of ['csv', 'geojson']) {
      const res = await t.app.request(`/api/public/export.${ext}?${query}`);
      const body = await res.json();
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(body.error.field).toMatch(new RegExp(`^${field}(\\.\\d+)?$`));
    }
  });
});
