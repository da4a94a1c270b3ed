import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertSummary } from '../core/alerts';
import { TEST_DRIVERS } from '../db/testing';
import { MAX_ALERT_VERTICES } from './alerts/place';
import { postJson, startTestApp, type TestApp } from './testing';
import { as, type Requester } from './testClient';

// Monday 2026-03-02 09:00 in Hanoi.
const T0 = new Date('2026-03-02T02:00:00Z');
const HOUR_MS = 3_600_000;
const iso = (ms: number) => new Date(T0.getTime() + ms).toISOString();

const HOAN_KIEM = '002';
const HANG_TRONG = '00070'; // a commune of Hoàn Kiếm
const SOC_SON = '016';

/** ~400 m square on Hoàn Kiếm Lake, inside district 002. */
const LAKE_SQUARE = {
  type: 'Polygon',
  coordinates: [
    [
      [105.8504, 21.0267],
      [105.8544, 21.0267],
      [105.8544, 21.0307],
      [105.8504, 21.0307],
      [105.8504, 21.0267],
    ],
  ],
};

function alertBody(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'flood',
    severity: 'warning',
    titleVi: 'Ngập sâu phố Hàng Bài',
    titleEn: 'Deep flooding on Hang Bai street',
    bodyVi: 'Nước ngập 40 cm, tránh đi qua khu vực.',
    bodyEn: 'Water 40 cm deep; avoid the area.',
    area: HOAN_KIEM,
    expiresAt: iso(6 * HOUR_MS),
    ...overrides,
  };
}

const send = (who: Requester, method: string, url: string, body?: unknown) =>
  who.request(url, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe.each(TEST_DRIVERS)('alerts and news on %s', (driver) => {
  let t: TestApp;
  let clock = T0;
  let ops: Requester;
  let chief002: Requester;
  let chief00070: Requester;
  let chief016: Requester;
  let agency: Requester;
  let opsName: string;
  let chiefName: string;

  beforeAll(async () => {
    t = await startTestApp(driver, { now: () => clock });
    ops = as(t.app, await t.headersFor('operator'));
    opsName = (await (await ops.request('/api/auth/me')).json()).user.name;
    chief002 = as(t.app, await t.headersFor('chief', { areaCode: HOAN_KIEM }));
    chiefName = (await (await chief002.request('/api/auth/me')).json()).user.name;
    chief00070 = as(t.app, await t.headersFor('chief', { areaCode: HANG_TRONG }));
    chief016 = as(t.app, await t.headersFor('chief', { areaCode: SOC_SON }));
    agency = as(t.app, await t.headersFor('agency', { agencyCode: 'dept_construction' }));
  });
  afterAll(async () => t?.close());

  /** Alerts and alert/news events stored: a refused request must leave both as they were. */
  const stored = async () => {
    const all = await t.store.alerts.list({ limit: 500 });
    return { alerts: all.value.length, maxEventId: all.asOfEventId };
  };

  it('publishes an area alert: listed for staff and the public at once, with CORS and its publisher in the history', async () => {
    clock = T0;
    const res = await send(ops, 'POST', '/api/alerts', alertBody());
    expect(res.status).toBe(201);
    const a = await res.json();
    expect(a).toMatchObject({
      kind: 'flood',
      severity: 'warning',
      areaCode: HOAN_KIEM,
      geometry: null,
      status: 'active',
      startsAt: T0.toISOString(),
      expiresAt: iso(6 * HOUR_MS),
      editable: true,
    });
    // The district and its communes: each of their chiefs sees it.
    expect(a.areaCodes).toEqual(expect.arrayContaining([HOAN_KIEM, HANG_TRONG]));
    expect(a.areaCodes).not.toContain(SOC_SON);

    const active = await (await ops.request('/api/alerts?active=1')).json();
    expect(active.items.map((x: AlertSummary) => x.id)).toContain(a.id);
    expect(active.asOfEventId).toBeGreaterThanOrEqual(a.eventId);

    const pub = await t.app.request('/api/public/alerts', { headers: { Origin: 'https://news.example' } });
    expect(pub.status).toBe(200);
    expect(pub.headers.get('access-control-allow-origin')).toBe('*');
    const pubBody = await pub.json();
    expect(pubBody.items.map((x: AlertSummary) => x.id)).toContain(a.id);
    expect(JSON.stringify(pubBody)).not.toContain('editable');

    const detail = await (await ops.request(`/api/alerts/${a.id}`)).json();
    expect(detail.history).toEqual([
      expect.objectContaining({
        type: 'alert.published',
        actor: expect.objectContaining({ name: opsName, role: 'operator' }),
      }),
    ]);
  });

  it('publishes a drawn polygon, finding the areas it touches', async () => {
    const res = await send(
      ops,
      'POST',
      '/api/alerts',
      alertBody({ area: undefined, geometry: LAKE_SQUARE, kind: 'traffic' }),
    );
    expect(res.status).toBe(201);
    const a = await res.json();
    expect(a.geometry).toEqual(LAKE_SQUARE);
    expect(a.areaCode).toBeNull();
    expect(a.areaCodes).toContain(HOAN_KIEM);
    expect(a.areaCodes).not.toContain(SOC_SON);
  });

  const ring = (n: number) => {
    // A closed ring of n positions around the lake.
    const pts = Array.from({ length: n - 1 }, (_, i) => {
      const angle = (2 * Math.PI * i) / (n - 1);
      return [105.8524 + 0.01 * Math.cos(angle), 21.0287 + 0.01 * Math.sin(angle)];
    });
    return [...pts, pts[0]];
  };

  it.each([
    [
      'an open ring',
      { area: undefined, geometry: { type: 'Polygon', coordinates: [LAKE_SQUARE.coordinates[0]!.slice(0, 4)] } },
      400,
      'invalid_geometry',
      'geometry.coordinates.0',
    ],
    [
      'a ring of three positions',
      {
        area: undefined,
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [105.85, 21.02],
              [105.86, 21.03],
              [105.85, 21.02],
            ],
          ],
        },
      },
      400,
      'invalid_geometry',
      'geometry.coordinates.0',
    ],
    [
      'a flat ring',
      {
        area: undefined,
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [105.85, 21.02],
              [105.86, 21.03],
              [105.87, 21.04],
              [105.85, 21.02],
            ],
          ],
        },
      },
      400,
      'invalid_geometry',
      'geometry.coordinates.0',
    ],
    [
      'a position that is not a number pair',
      {
        area: undefined,
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [105.85, 21.02],
              [105.86, 'x'],
              [105.87, 21.0],
              [105.85, 21.02],
            ],
          ],
        },
      },
      400,
      'invalid_geometry',
      'geometry.coordinates.0.1',
    ],
    [
      'a point',
      { area: undefined, geometry: { type: 'Point', coordinates: [105.85, 21.02] } },
      400,
      'invalid_geometry',
      'geometry',
    ],
    [
      'too many vertices',
      { area: undefined, geometry: { type: 'Polygon', coordinates: [ring(MAX_ALERT_VERTICES + 2)] } },
      400,
      'invalid_geometry',
      'geometry',
    ],
    [
      'a polygon over Ho Chi Minh City',
      {
        area: undefined,
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [106.6, 10.7],
              [106.7, 10.7],
              [106.7, 10.8],
              [106.6, 10.7],
            ],
          ],
        },
      },
      422,
      'outside_city',
      'geometry',
    ],
    ['both an area and a polygon', { geometry: LAKE_SQUARE }, 400, 'invalid_request', 'area'],
    ['neither an area nor a polygon', { area: undefined }, 400, 'invalid_request', 'area'],
    ['an area the city does not have', { area: '999' }, 400, 'invalid_request', 'area'],
    [
      'expiry before start',
      { startsAt: iso(3 * HOUR_MS), expiresAt: iso(2 * HOUR_MS) },
      400,
      'invalid_request',
      'expiresAt',
    ],
    [
      'expiry already past',
      { startsAt: iso(-3 * HOUR_MS), expiresAt: iso(-1 * HOUR_MS) },
      400,
      'invalid_request',
      'expiresAt',
    ],
    ['an alert of 40 days', { expiresAt: iso(40 * 24 * HOUR_MS) }, 400, 'invalid_request', 'expiresAt'],
    ['an unknown severity', { severity: 'apocalyptic' }, 400, 'invalid_request', 'severity'],
    ['markup in a title', { titleEn: '<script>alert(1)</script>' }, 400, 'invalid_request', 'titleEn'],
    ['no English text', { bodyEn: undefined }, 400, 'invalid_request', 'bodyEn'],
  ])('refuses %s, storing nothing', async (_, overrides, status, code, field) => {
    clock = T0;
    const before = await stored();
    const res = await send(ops, 'POST', '/api/alerts', alertBody(overrides));
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(status);
    expect(body.error).toMatchObject({ code, field });
    expect(await stored()).toEqual(before);
  });

  it('lets a chief publish in its own area only, and keeps agencies out', async () => {
    const inOwn = await send(chief002, 'POST', '/api/alerts', alertBody({ area: HANG_TRONG, kind: 'water_outage' }));
    expect(inOwn.status).toBe(201);
    const polygon = await send(chief002, 'POST', '/api/alerts', alertBody({ area: undefined, geometry: LAKE_SQUARE }));
    expect(polygon.status).toBe(201);
    const before = await stored();
    for (const [who, body, field] of [
      [chief016, alertBody(), 'area'],
      [chief016, alertBody({ area: undefined, geometry: LAKE_SQUARE }), 'geometry'],
      // A commune's chief cannot speak for its whole district.
      [chief00070, alertBody({ area: HOAN_KIEM }), 'area'],
      // Not a question of place: the role may not publish at all.
      [agency, alertBody(), undefined],
    ] as const) {
      const res = await send(who, 'POST', '/api/alerts', body);
      expect(res.status).toBe(403);
      const json = await res.json();
      expect(Object.keys(json)).toEqual(['error']);
      expect(json.error.field).toBe(field);
    }
    expect(await stored()).toEqual(before);
    // A chief lists the alerts touching its area, not the rest of the city's.
    const elsewhere = await (await chief016.request('/api/alerts')).json();
    expect(elsewhere.items).toEqual([]);
    const mine = await (await chief00070.request('/api/alerts?active=1')).json();
    const hoanKiem = mine.items.find((a: { areaCode: string }) => a.areaCode === HOAN_KIEM);
    expect(hoanKiem).toMatchObject({ editable: false });
    expect((await chief016.request('/api/alerts?area=002')).status).toBe(403);
  });

  it('edits and withdraws with a trail of who did what, refuses changes to an ended alert and outside the area', async () => {
    const a = await (await send(ops, 'POST', '/api/alerts', alertBody({ severity: 'info' }))).json();
    // Outside the chief's area the alert does not exist for it; inside but not its own, it is refused.
    expect((await send(chief016, 'PATCH', `/api/alerts/${a.id}`, { severity: 'danger' })).status).toBe(404);
    expect((await send(chief016, 'POST', `/api/alerts/${a.id}/withdraw`, {})).status).toBe(404);
    expect((await send(chief00070, 'POST', `/api/alerts/${a.id}/withdraw`, {})).status).toBe(403);

    const edited = await send(ops, 'PATCH', `/api/alerts/${a.id}`, {
      severity: 'danger',
      titleEn: 'Flooding: keep out',
    });
    expect(edited.status).toBe(200);
    expect(await edited.json()).toMatchObject({
      severity: 'danger',
      titleEn: 'Flooding: keep out',
      titleVi: a.titleVi,
    });
    const badEdit = await send(ops, 'PATCH', `/api/alerts/${a.id}`, { expiresAt: iso(-HOUR_MS) });
    expect(badEdit.status).toBe(400);
    expect((await send(ops, 'PATCH', `/api/alerts/${a.id}`, {})).status).toBe(400);

    const withdrawn = await send(chief002, 'POST', `/api/alerts/${a.id}/withdraw`, { reason: 'Nước đã rút' });
    expect(withdrawn.status).toBe(200);
    expect(await withdrawn.json()).toMatchObject({ status: 'withdrawn', editable: false });
    const again = await send(ops, 'POST', `/api/alerts/${a.id}/withdraw`, {});
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe('alert_ended');
    expect((await send(ops, 'PATCH', `/api/alerts/${a.id}`, { severity: 'info' })).status).toBe(409);

    const { history } = await (await ops.request(`/api/alerts/${a.id}`)).json();
    expect(
      history.map((h: { type: string; actor: { name: string; role: string } }) => [h.type, h.actor.name, h.actor.role]),
    ).toEqual([
      ['alert.published', opsName, 'operator'],
      ['alert.updated', opsName, 'operator'],
      ['alert.withdrawn', chiefName, 'chief'],
    ]);
    expect(history[1].before).toEqual({ severity: 'info', titleEn: a.titleEn });
    expect(history[2].reason).toBe('Nước đã rút');
    // The admin's audit view lists alert changes with the rest of the staff's.
    const admin = as(t.app, await t.headersFor('admin'));
    const audit = await (await admin.request('/api/admin/audit?action=alert.withdrawn')).json();
    expect(audit.items[0]).toMatchObject({ action: 'alert.withdrawn', user: { name: chiefName }, role: 'chief' });
    // Gone from the lists of alerts in force.
    const pub = await (await t.app.request('/api/public/alerts')).json();
    expect(pub.items.map((x: AlertSummary) => x.id)).not.toContain(a.id);
  });

  it('answers 404 for an alert that does not exist, however its id is written', async () => {
    for (const id of ['999999', '99999999999', 'abc']) {
      expect((await ops.request(`/api/alerts/${id}`)).status).toBe(404);
      expect((await send(ops, 'POST', `/api/alerts/${id}/withdraw`, {})).status).toBe(404);
    }
  });

  it('expires alerts by themselves, once, whichever runtime sweeps', async () => {
    clock = T0;
    const short = await (await send(ops, 'POST', '/api/alerts', alertBody({ expiresAt: iso(HOUR_MS) }))).json();
    clock = new Date(T0.getTime() + 30 * 60_000);
    expect(await t.store.alerts.expire(clock)).toEqual([]);
    // A second API process on the same database (Postgres), or a second runtime on the embedded one.
    const second = driver === 'postgres' ? await t.db.open() : t.store;
    try {
      clock = new Date(T0.getTime() + HOUR_MS + 1);
      const sweeps = await Promise.all(
        Array.from({ length: 6 }, (_, i) => (i % 2 ? second : t.store).alerts.expire(clock)),
      );
      const expired = sweeps.flat().map((a) => a.id);
      expect(expired.filter((id) => id === short.id)).toEqual([short.id]);
      const { history } = await (await ops.request(`/api/alerts/${short.id}`)).json();
      expect(history.map((h: { type: string; actor: unknown }) => [h.type, h.actor === null])).toEqual([
        ['alert.published', false],
        ['alert.expired', true],
      ]);
      const listed = await (await ops.request('/api/alerts?active=1')).json();
      expect(listed.items.map((x: AlertSummary) => x.id)).not.toContain(short.id);
      const all = await (await ops.request('/api/alerts')).json();
      expect(all.items.find((x: AlertSummary) => x.id === short.id)).toMatchObject({
        status: 'expired',
        editable: false,
      });
    } finally {
      if (second !== t.store) await second.close();
    }
  });

  it('publishes news for the public page and withdraws it; chiefs and agencies may not', async () => {
    const body = {
      titleVi: 'Lịch cắt điện tuần tới',
      titleEn: "Next week's power cuts",
      bodyVi: 'Chi tiết…',
      bodyEn: 'Details…',
    };
    expect((await send(chief002, 'POST', '/api/news', body)).status).toBe(403);
    expect((await send(agency, 'POST', '/api/news', body)).status).toBe(403);
    expect((await postJson(t.app, '/api/news', body)).status).toBe(401);
    const bad = await send(ops, 'POST', '/api/news', { ...body, titleEn: '' });
    expect(bad.status).toBe(400);
    const res = await send(ops, 'POST', '/api/news', body);
    expect(res.status).toBe(201);
    const item = await res.json();
    const pub = await t.app.request('/api/public/news');
    expect(pub.headers.get('access-control-allow-origin')).toBe('*');
    expect((await pub.json()).items[0]).toMatchObject({ id: item.id, titleEn: body.titleEn, status: 'published' });
    expect((await send(ops, 'POST', `/api/news/${item.id}/withdraw`)).status).toBe(200);
    expect((await send(ops, 'POST', `/api/news/${item.id}/withdraw`)).status).toBe(409);
    const after = await (await t.app.request('/api/public/news')).json();
    expect(after.items.map((n: { id: number }) => n.id)).not.toContain(item.id);
    const staff = await (await ops.request('/api/news')).json();
    expect(staff.items.find((n: { id: number }) => n.id === item.id)).toMatchObject({ status: 'withdrawn' });
  });
});
