import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DRIVERS } from '../db/testing';
import { postJson, reportBody, startTestApp, type TestApp } from './testing';
import { as, type Requester } from './testClient';

describe.each(TEST_DRIVERS)('reports API on %s', (driver) => {
  let t: TestApp;
  /** The operations centre: every staff route, the whole city. */
  let ops: Requester;
  beforeAll(async () => {
    t = await startTestApp(driver);
    ops = as(t.app, await t.headersFor('operator'));
  });
  afterAll(async () => t?.close());

  it('files a report: 201 with its public id, areas, H3 cells and first deadline', async () => {
    const res = await postJson(
      t.app,
      '/api/reports',
      reportBody({ reporter: { name: 'Nguyễn Thị Lan', phone: '0912 345 678', email: 'lan@example.vn' } }),
    );
    expect(res.status).toBe(201);
    const r = await res.json();
    expect(r.publicId).toMatch(/^HN-20\d\d-\d{6}$/);
    expect(res.headers.get('location')).toBe(`/api/reports/${r.publicId}`);
    expect(r.status).toBe('received');
    expect(r.areas.district.code).toBe('002');
    expect(r.areas.district.nameVi).toBe('Quận Hoàn Kiếm');
    expect(r.areas.commune.code).toBe('00070');
    expect(Object.keys(r.cells)).toEqual(['r6', 'r7', 'r8', 'r9', 'r10']);
    expect(new Date(r.dueAt).getTime()).toBeGreaterThan(new Date(r.createdAt).getTime());
    expect(r.reporter).toBeUndefined();
  });

  it('shows the detail by numeric or public id, with contact and history', async () => {
    const created = await (
      await postJson(t.app, '/api/reports', reportBody({ reporter: { phone: '0987654321' } }))
    ).json();
    for (const id of [created.id, created.publicId]) {
      const res = await ops.request(`/api/reports/${id}`);
      expect(res.status).toBe(200);
      const r = await res.json();
      expect(r.reporter).toEqual({ name: null, phone: '0987654321', email: null });
      expect(r.history.map((h: { type: string }) => h.type)).toEqual(['report.created']);
    }
    expect((await ops.request('/api/reports/999999')).status).toBe(404);
    expect((await ops.request('/api/reports/HN-2026-999999')).status).toBe(404);
    expect((await ops.request('/api/reports/drop%20table')).status).toBe(404);
  });

  it('walks the lifecycle, refuses illegal moves with 409 and logs an event per change', async () => {
    const { id } = await (await postJson(t.app, '/api/reports', reportBody())).json();
    const move = (action: string, extra = {}) => postJson(ops, `/api/reports/${id}/transitions`, { action, ...extra });
    expect((await move('resolve')).status).toBe(409);
    const accepted = await (await move('accept')).json();
    expect(accepted.status).toBe('accepted');
    expect(accepted.acceptedAt).not.toBeNull();
    expect((await move('start')).status).toBe(200);
    expect((await move('accept')).status).toBe(409);
    const resolved = await (await move('resolve', { note: 'Đã vá ổ gà' })).json();
    expect(resolved).toMatchObject({ status: 'resolved', dueAt: null });
    expect((await move('reopen')).status).toBe(200);
    expect((await move('start')).status).toBe(200);
    expect((await move('resolve')).status).toBe(200);
    const closed = await (await move('close', { rating: 5 })).json();
    expect(closed).toMatchObject({ status: 'closed', rating: 5, reopenedCount: 1 });
    const conflict = await move('reject');
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toMatchObject({ error: { code: 'illegal_transition', field: 'action' } });
    const detail = await (await ops.request(`/api/reports/${id}`)).json();
    expect(detail.history.map((h: { type: string }) => h.type)).toEqual([
      'report.created',
      'report.accepted',
      'report.started',
      'report.resolved',
      'report.reopened',
      'report.started',
      'report.resolved',
      'report.closed',
    ]);
    expect(detail.history[3]).toMatchObject({ from: 'in_progress', to: 'resolved', note: 'Đã vá ổ gà' });
  });

  it('marks a duplicate only of a report that exists', async () => {
    const a = await (await postJson(t.app, '/api/reports', reportBody())).json();
    const b = await (await postJson(t.app, '/api/reports', reportBody())).json();
    const missing = await postJson(ops, `/api/reports/${b.id}/transitions`, {
      action: 'duplicate',
      duplicateOf: 987654,
    });
    expect(missing.status).toBe(400);
    const ok = await postJson(ops, `/api/reports/${b.id}/transitions`, { action: 'duplicate', duplicateOf: a.id });
    expect(await ok.json()).toMatchObject({ status: 'duplicate', duplicateOf: a.id });
    const self = await postJson(ops, `/api/reports/${a.id}/transitions`, { action: 'duplicate', duplicateOf: a.id });
    expect(self.status).toBe(400);
  });

  it('lists with filters and pages with a cursor without skipping or repeating', async () => {
    const made = [];
    for (let i = 0; i < 7; i++) {
      made.push(
        await (
          await postJson(
            t.app,
            '/api/reports',
            reportBody({ category: 'lighting_electricity', lat: 21.2 + i * 0.001, lng: 105.8 }),
          )
        ).json(),
      );
    }
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/reports?category=lighting_electricity&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page: { items: Array<{ id: number }>; nextCursor: string | null } = await (await ops.request(url)).json();
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(made.map((r) => r.id).reverse());
    const inBox = await (
      await ops.request('/api/reports?bbox=105.79,21.2025,105.81,21.2045&category=lighting_electricity')
    ).json();
    expect(inBox.items.map((r: { id: number }) => r.id).sort()).toEqual(
      made
        .slice(3, 5)
        .map((r) => r.id)
        .sort(),
    );
    const area = made[0].areas.commune.code;
    const byArea = await (await ops.request(`/api/reports?area=${area}&status=received&limit=500`)).json();
    expect(byArea.items.length).toBeGreaterThan(0);
    expect(byArea.items.every((r: { areas: { commune: { code: string } } }) => r.areas.commune.code === area)).toBe(
      true,
    );
    const future = await (await ops.request('/api/reports?since=2099-01-01')).json();
    expect(future.items).toEqual([]);
  });

  it('serves categories and area boundaries with codes and names', async () => {
    const cats = await (await t.app.request('/api/categories')).json();
    expect(cats.items.map((c: { group: string }) => c.group)).toEqual(expect.arrayContaining(['field', 'procedure']));
    const districts = await (await t.app.request('/api/areas/geojson?level=district')).json();
    expect(districts.features).toHaveLength(30);
    const communes = await (await t.app.request('/api/areas/geojson?level=commune')).json();
    expect(communes.features).toHaveLength(126);
    expect(communes.features[0].properties).toMatchObject({
      code: expect.stringMatching(/^\d{5}$/),
      nameVi: expect.any(String),
    });
    expect(communes.features[0].geometry.type).toMatch(/Polygon/);
    expect((await t.app.request('/api/areas/geojson?level=province')).status).toBe(400);
  });

  it('answers /healthz', async () => {
    const h = await (await t.app.request('/healthz')).json();
    expect(h).toMatchObject({ ok: true, database: driver, city: 'hanoi' });
  });
});
