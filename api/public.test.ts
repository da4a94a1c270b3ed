import { latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DRIVERS } from '../db/testing';
import {
  PUBLIC_POINTS_TEXT as COORDINATE_TEXT,
  THREE_IN_ONE_CELL as THREE,
  TWO_IN_ONE_CELL as TWO,
} from './fixtures/publicPoints';
import { postJson, reportBody, startTestApp, type TestApp } from './testing';

const T0 = new Date('2026-03-02T02:00:00Z');
const HOUR_MS = 3_600_000;

/** Strings the public API must never return: report text, contacts and exact points. */
const SECRETS = {
  title: 'Zqx-TITLE-7731 ổ gà nhà bà Lan',
  description: 'Zqx-DESC-7731 số nhà 12 ngõ 34',
  name: 'Zqx Nguyễn Văn Bí Mật',
  phone: '0912777331',
  email: 'zqx.secret@example.vn',
};

describe.each(TEST_DRIVERS)('public API on %s', (driver) => {
  let t: TestApp;
  let clock = T0;
  const get = async (url: string) => {
    const res = await t.app.request(url);
    return { res, text: await res.text() };
  };

  beforeAll(async () => {
    t = await startTestApp(driver, { now: () => clock });
    for (const [i, p] of [...THREE, ...TWO].entries()) {
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
    }
    clock = new Date(T0.getTime() + 2 * HOUR_MS);
  });
  afterAll(async () => t?.close());

  it('fixture: the three share an r8 cell, the two share another', () => {
    expect(new Set(THREE.map((p) => latLngToCell(p.lat, p.lng, 8))).size).toBe(1);
    expect(new Set(TWO.map((p) => latLngToCell(p.lat, p.lng, 8))).size).toBe(1);
    expect(new Set(TWO.map((p) => latLngToCell(p.lat, p.lng, 6))).size).toBe(1);
    expect(latLngToCell(TWO[0].lat, TWO[0].lng, 6)).not.toBe(latLngToCell(THREE[0].lat, THREE[0].lng, 6));
  });

  it.each([6, 7, 8])('hexes at r%d: a cell of 3 reports shows, a cell of 2 is left out entirely', async (res) => {
    const { res: r, text } = await get(`/api/public/hexes?res=${res}`);
    expect(r.status).toBe(200);
    const body = JSON.parse(text);
    expect(body.minReportsPerCell).toBe(3);
    expect(body.cells).toEqual([
      { cell: latLngToCell(THREE[0].lat, THREE[0].lng, res), received: 3, handled: 0, open: 3 },
    ]);
    expect(text).not.toContain(latLngToCell(TWO[0].lat, TWO[0].lng, res));
  });

  it.each(['res=9', 'res=10', 'res=5', 'res=8&bbox=105,21,106,22', 'res=8&status=received'])(
    'hexes refuse %s with 400',
    async (q) => {
      const { res } = await get(`/api/public/hexes?${q}`);
      expect(res.status).toBe(400);
    },
  );

  it.each([
    '/api/public/hexes?res=8',
    '/api/public/hexes?res=6',
    '/api/public/kpis',
    '/api/public/timeseries?bucket=hour',
    '/api/public/timeseries?bucket=day',
    '/api/public/areas?level=district',
    '/api/public/areas?level=commune',
  ])('%s never contains report text, contacts or exact points', async (url) => {
    const { res, text } = await get(url);
    expect(res.status).toBe(200);
    for (const secret of [...Object.values(SECRETS), 'Zqx', '7731', ...COORDINATE_TEXT])
      expect(text).not.toContain(secret);
    expect(text).not.toMatch(/"(lat|lng|title|description|phone|email|name)"/);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cache-control')).toMatch(/max-age/);
  });

  it('gives KPIs, a series and per-area counts', async () => {
    const kpis = JSON.parse((await get('/api/public/kpis')).text);
    expect(kpis).toMatchObject({ received: 5, handledPct: 0, inProgressPct: 100, rejectedPct: 0, overdue: 0 });
    // Nothing resolved or rated yet: shares with nothing to divide are null, not 0.
    expect(kpis).toMatchObject({ onTimePct: null, satisfactionPct: null });
    expect(Object.keys(kpis)).not.toContain('timeToAccept');
    const series = JSON.parse((await get(`/api/public/timeseries?bucket=hour&since=${T0.toISOString()}`)).text);
    expect(series.points.reduce((s: number, p: { received: number }) => s + p.received, 0)).toBe(5);
    const areas = JSON.parse((await get('/api/public/areas?level=district')).text);
    // Areas by the cells' rule: Hoàn Kiếm's 3 are shown, the district with 2 (016) and those with none are left out.
    expect(areas.items).toHaveLength(1);
    expect(areas.items.find((a: { code: string }) => a.code === '002')).toMatchObject({
      nameVi: 'Quận Hoàn Kiếm',
      received: 3,
      open: 3,
    });
    expect(areas.items.find((a: { code: string }) => a.code === '016')).toBeUndefined();
  });
});
