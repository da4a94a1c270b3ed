import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DRIVERS } from '../db/testing';
import { as, type Requester } from './testClient';
import { HOAN_KIEM_LAKE, postJson, reportBody, startTestApp, type TestApp } from './testing';

/**
 * What each scope holds, report by report. Four reports, placed so that the rules show:
 *   A Hoàn Kiếm lake: district 002, commune 00070 (parent 002), traffic_roads → dept_construction, with contact
 *   B Sóc Sơn: district 016, commune 00376, environment_waste → dept_agriculture_environment
 *   C old district 007, commune 00082 whose parent is 002, lighting_electricity → hapulico
 *   D district 002, commune 00118 whose parent is 004, traffic_roads → dept_construction
 * A district chief of 002 holds A (its district and commune), C (a commune whose parent it is,
 * though the old district differs) and D (its district); a commune chief of 00070 only A.
 */
const PLACES = {
  A: { ...HOAN_KIEM_LAKE, category: 'traffic_roads' },
  B: { lat: 21.2573, lng: 105.8486, category: 'environment_waste' },
  C: { lat: 21.019, lng: 105.848, category: 'lighting_electricity' },
  D: { lat: 21.031, lng: 105.864, category: 'traffic_roads' },
} as const;
type Name = keyof typeof PLACES;

const VIEWERS = {
  admin: { role: 'admin', holds: 'ABCD' },
  operator: { role: 'operator', holds: 'ABCD' },
  district002: { role: 'chief', areaCode: '002', holds: 'ACD' },
  commune00070: { role: 'chief', areaCode: '00070', holds: 'A' },
  commune00082: { role: 'chief', areaCode: '00082', holds: 'C' },
  district016: { role: 'chief', areaCode: '016', holds: 'B' },
  construction: { role: 'agency', agencyCode: 'dept_construction', holds: 'AD' },
  environment: { role: 'agency', agencyCode: 'dept_agriculture_environment', holds: 'B' },
} as const;
type ViewerName = keyof typeof VIEWERS;

const CONTACT = { name: 'Phạm Văn Kín', phone: '0987654321', email: 'kin@example.vn' };

describe.each(TEST_DRIVERS)('scopes (%s)', (driver) => {
  let t: TestApp;
  const ids = {} as Record<Name, number>;
  const publicIds = {} as Record<Name, string>;
  const apps = {} as Record<ViewerName, Requester>;
  const userIds = {} as Record<ViewerName, number>;

  beforeAll(async () => {
    t = await startTestApp(driver);
    for (const [name, place] of Object.entries(PLACES) as [Name, (typeof PLACES)[Name]][]) {
      const res = await postJson(
        t.app,
        '/api/reports',
        reportBody({ ...place, title: `Báo cáo ${name}`, ...(name === 'A' ? { reporter: CONTACT } : {}) }),
      );
      expect(res.status).toBe(201);
      const r = await res.json();
      ids[name] = r.id;
      publicIds[name] = r.publicId;
    }
    for (const [name, v] of Object.entries(VIEWERS) as [ViewerName, (typeof VIEWERS)[ViewerName]][]) {
      const opts = 'areaCode' in v ? { areaCode: v.areaCode } : 'agencyCode' in v ? { agencyCode: v.agencyCode } : {};
      apps[name] = as(t.app, await t.headersFor(v.role, opts));
      const users = await t.store.users.list();
      userIds[name] = users.reduce((m, u) => Math.max(m, u.id), 0);
    }
  });
  afterAll(async () => t?.close());

  const getJson = async (app: Requester, url: string, status = 200) => {
    const res = await app.request(url);
    const body = await res.json();
    expect(res.status, `${url}: ${JSON.stringify(body).slice(0, 200)}`).toBe(status);
    return body;
  };
  const namesOf = (list: Array<{ id: number }>) =>
    list
      .map((r) => (Object.keys(ids) as Name[]).find((n) => ids[n] === r.id))
      .sort()
      .join('');

  it.each(Object.keys(VIEWERS) as ViewerName[])('%s: lists, reads and counts exactly its reports', async (v) => {
    const holds = VIEWERS[v].holds;
    const app = apps[v];
    expect(namesOf((await getJson(app, '/api/reports')).items)).toBe(holds);
    for (const name of Object.keys(PLACES) as Name[]) {
      const inside = holds.includes(name);
      await getJson(app, `/api/reports/${ids[name]}`, inside ? 200 : 404);
      await getJson(app, `/api/reports/${publicIds[name]}`, inside ? 200 : 404);
    }
    const kpis = await getJson(app, '/api/kpis');
    expect(kpis.received).toBe(holds.length);
    const hexes = await getJson(app, '/api/hexes?res=8');
    expect(hexes.cells.reduce((s: number, c: { received: number }) => s + c.received, 0)).toBe(holds.length);
    const series = await getJson(app, '/api/timeseries?bucket=day');
    expect(series.points.reduce((s: number, p: { received: number }) => s + p.received, 0)).toBe(holds.length);
    const areas = await getJson(app, '/api/areas?level=commune');
    expect(areas.items.reduce((s: number, a: { received: number }) => s + a.received, 0)).toBe(holds.length);
    const league = await getJson(app, '/api/kpis/areas?level=commune');
    expect(league.items.reduce((s: number, a: { received: number }) => s + a.received, 0)).toBe(holds.length);
  });

  it("lists a chief's own units in its tables, zeros included, and no other area's", async () => {
    const own002 = t.pack.areas.filter((a) => a.parentCode === '002').map((a) => a.code);
    expect(own002).toContain('00082');
    for (const url of ['/api/areas?level=commune', '/api/kpis/areas?level=commune']) {
      const codes = (await getJson(apps.district002, url)).items.map((a: { code: string }) => a.code).sort();
      // Its communes, and 00118, where its district's report D lies.
      expect(codes, url).toEqual([...own002, '00118'].sort());
      const one = (await getJson(apps.commune00070, url)).items.map((a: { code: string }) => a.code);
      expect(one, url).toEqual(['00070']);
    }
  });

  it('lets a chief filter by its own areas and refuses the others with 403', async () => {
    expect(namesOf((await getJson(apps.district002, '/api/reports?area=00082')).items)).toBe('C');
    expect((await getJson(apps.district002, '/api/kpis?area=00070')).received).toBe(1);
    for (const url of ['/api/reports?area=016', '/api/hexes?area=00376', '/api/kpis?area=016']) {
      expect((await getJson(apps.district002, url, 403)).error.code).toBe('forbidden');
    }
    expect((await getJson(apps.commune00070, '/api/areas?area=002', 403)).error.code).toBe('forbidden');
    // An agency's scope is its reports, anywhere: an area narrows it.
    expect(namesOf((await getJson(apps.construction, '/api/reports?area=002')).items)).toBe('AD');
  });

  it('gives a chief the flags of its areas only', async () => {
    const { maxId } = await t.store.events.eventBounds();
    const parents = new Map(t.pack.areas.map((a) => [a.code, a.parentCode]));
    await t.store.hotspots.syncHotspotFlags(
      [
        { code: '00070', level: 'commune', reasons: [], trend: null },
        { code: '016', level: 'district', reasons: [], trend: null },
      ],
      maxId,
      new Date(),
      parents,
    );
    const codes = async (app: Requester) =>
      (await getJson(app, '/api/hotspots')).flags.map((f: { code: string }) => f.code).sort();
    expect(await codes(apps.operator)).toEqual(['00070', '016']);
    expect(await codes(apps.district002)).toEqual(['00070']);
    expect(await codes(apps.district016)).toEqual(['016']);
    expect((await getJson(apps.construction, '/api/hotspots', 403)).error.code).toBe('forbidden');
  });

  it('shows contact data to those holding the report and records every read', async () => {
    const before = await t.store.audit.list({ action: 'contact.read', reportId: ids.A });
    for (const v of ['admin', 'operator', 'district002', 'commune00070', 'construction'] as const) {
      const body = await getJson(apps[v], `/api/reports/${ids.A}`);
      expect(body.reporter, v).toEqual(CONTACT);
    }
    const after = await t.store.audit.list({ action: 'contact.read', reportId: ids.A });
    expect(after.length - before.length).toBe(5);
    const newest = after.slice(0, 5).map((e) => [e.userId, e.role]);
    expect(newest).toEqual(
      (['construction', 'commune00070', 'district002', 'operator', 'admin'] as const).map((v) => [
        userIds[v],
        VIEWERS[v].role,
      ]),
    );
    // A report without a contact reads nothing personal: nothing to record.
    const b = await getJson(apps.admin, `/api/reports/${ids.B}`);
    expect(b.reporter).toBeNull();
    expect(await t.store.audit.list({ action: 'contact.read', reportId: ids.B })).toEqual([]);
  });

  it('records who moved a report, shows it in the history, and refuses a move outside the scope with 404', async () => {
    const move = (app: Requester, id: number, action: string) =>
      app.request(`/api/reports/${id}/transitions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action }),
      });
    const refused = await move(apps.commune00082, ids.D, 'accept');
    expect(refused.status).toBe(404);
    expect((await t.store.reports.get(ids.D))?.status).toBe('received');
    // A duplicate of a report outside the scope is as unknown as one that does not exist.
    const dup = await apps.commune00070.request(`/api/reports/${ids.A}/transitions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'duplicate', duplicateOf: ids.B }),
    });
    expect(dup.status).toBe(400);

    expect((await move(apps.commune00070, ids.A, 'accept')).status).toBe(200);
    expect((await move(apps.construction, ids.A, 'start')).status).toBe(200);
    const detail = await getJson(apps.operator, `/api/reports/${ids.A}`);
    const steps = detail.history.map((h: { type: string; actor: unknown }) => [h.type, h.actor]);
    const users = new Map((await t.store.users.list()).map((u) => [u.id, u.name]));
    expect(steps).toEqual([
      ['report.created', null],
      ['report.accepted', { userId: userIds.commune00070, name: users.get(userIds.commune00070), role: 'chief' }],
      ['report.started', { userId: userIds.construction, name: users.get(userIds.construction), role: 'agency' }],
    ]);
    const rows = await t.store.events.eventsOfReport(ids.A);
    expect(rows.map((r) => [r.actorUserId ?? null, r.actorRole ?? null])).toEqual([
      [null, null],
      [userIds.commune00070, 'chief'],
      [userIds.construction, 'agency'],
    ]);
  });

  describe('the admin audit view', () => {
    it('is the administrator’s alone', async () => {
      expect((await t.app.request('/api/admin/audit')).status).toBe(401);
      for (const v of ['operator', 'district002', 'construction'] as const) {
        expect((await getJson(apps[v], '/api/admin/audit', 403)).error.code).toBe('forbidden');
      }
    });

    it('lists state changes and contact reads by user, report, action and time, newest first', async () => {
      await getJson(apps.district002, `/api/reports/${ids.A}`);
      const all = (await getJson(apps.admin, '/api/admin/audit?limit=500')).items;
      const kinds = all.map((e: { action: string }) => e.action);
      expect(kinds).toContain('report.accepted');
      expect(kinds).toContain('contact.read');
      const ats = all.map((e: { at: string }) => e.at);
      expect([...ats].sort().reverse()).toEqual(ats);

      const name = (await t.store.users.list()).find((u) => u.id === userIds.commune00070)!.name;
      const byUser = (await getJson(apps.admin, `/api/admin/audit?user=${name}`)).items;
      expect(byUser.length).toBeGreaterThan(0);
      for (const e of byUser) expect(e.user).toEqual({ id: userIds.commune00070, name });
      expect(byUser.map((e: { action: string }) => e.action)).toContain('report.accepted');

      const byReport = (await getJson(apps.admin, `/api/admin/audit?report=${publicIds.A}&action=report.started`))
        .items;
      expect(byReport).toEqual([
        expect.objectContaining({
          source: 'event',
          action: 'report.started',
          role: 'agency',
          report: { id: ids.A, publicId: publicIds.A },
        }),
      ]);
      const reads = (await getJson(apps.admin, `/api/admin/audit?action=contact.read&report=${ids.A}`)).items;
      expect(reads.length).toBeGreaterThanOrEqual(6);
      const future = new Date(Date.now() + 3_600_000).toISOString();
      expect((await getJson(apps.admin, `/api/admin/audit?since=${encodeURIComponent(future)}`)).items).toEqual([]);
      expect((await getJson(apps.admin, '/api/admin/audit?user=nobody-at-all')).items).toEqual([]);
    });

    it('pages without skipping or repeating', async () => {
      const all = (await getJson(apps.admin, '/api/admin/audit?limit=500')).items;
      const paged: unknown[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: unknown[]; nextCursor: string | null } = await getJson(
          apps.admin,
          `/api/admin/audit?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        paged.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      expect(paged).toEqual(all);
    });

    it.each(['since=0000-01-01', 'until=+275760-09-13', 'cursor=bm9wZQ', 'action=report.eaten', 'limit=0', 'who=x'])(
      'refuses %s with 400',
      async (q) => {
        expect((await getJson(apps.admin, `/api/admin/audit?${q}`, 400)).error).toBeDefined();
      },
    );
  });
});
