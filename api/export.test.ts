import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DRIVERS } from '../db/testing';
import { as, type Requester } from './testClient';
import { HOAN_KIEM_LAKE, postJson, reportBody, startTestApp, type TestApp } from './testing';

/**
 * The staff export: exactly the list's reports for the same filter, in the viewer's scope, with no
 * contact; its CSV read back by a CSV parser, its GeoJSON as RFC 7946 points.
 *
 * Reports, placed as in api/scoping.test.ts so that the scopes differ:
 *   A Hoàn Kiếm lake: district 002, commune 00070, traffic_roads → dept_construction, with contact, accepted
 *   B Sóc Sơn: district 016, commune 00376, environment_waste → dept_agriculture_environment
 *   C commune 00082 (parent 002), lighting_electricity → hapulico, rejected
 *   D district 002, commune 00118 (parent 004), traffic_roads → dept_construction
 *   E by the lake again, a title and description that break naive CSV (quotes, commas, line breaks, a formula)
 */
const PLACES = {
  A: { ...HOAN_KIEM_LAKE, category: 'traffic_roads' },
  B: { lat: 21.2573, lng: 105.8486, category: 'environment_waste' },
  C: { lat: 21.019, lng: 105.848, category: 'lighting_electricity' },
  D: { lat: 21.031, lng: 105.864, category: 'traffic_roads' },
  E: { lat: 21.0291, lng: 105.8529, category: 'traffic_roads' },
} as const;
type Name = keyof typeof PLACES;
const NAMES = Object.keys(PLACES) as Name[];

const CONTACT = { name: 'Phạm Văn Kín', phone: '0987654321', email: 'kin@example.vn' };
const AWKWARD = {
  title: '=HYPERLINK("http://x") "Cống" vỡ, nước tràn',
  description: 'Dòng một, có dấu phẩy\nDòng hai: "trích dẫn" và ký tự Đ ư ơ ầ ễ\r\nDòng ba; chấm phẩy',
};

const VIEWERS = {
  operator: { role: 'operator', holds: 'ABCDE' },
  district002: { role: 'chief', areaCode: '002', holds: 'ACDE' },
  commune00070: { role: 'chief', areaCode: '00070', holds: 'AE' },
  construction: { role: 'agency', agencyCode: 'dept_construction', holds: 'ADE' },
  environment: { role: 'agency', agencyCode: 'dept_agriculture_environment', holds: 'B' },
} as const;
type ViewerName = keyof typeof VIEWERS;

type Item = {
  publicId: string;
  category: string;
  severity: string;
  status: string;
  title: string;
  description: string;
  lat: number;
  lng: number;
  agency: string;
  createdAt: string;
  acceptedAt: string | null;
  dueAt: string | null;
  resolvedAt: string | null;
  areas: { district: { code: string } | null; commune: { code: string } | null };
};

/** A CSV text field as the export writes it: a spreadsheet formula gets a leading apostrophe. */
const csvText = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
const sameInstant = (exported: string, api: string | null) =>
  api === null ? exported === '' || exported === null : Date.parse(exported) === Date.parse(api);

describe.each(TEST_DRIVERS)('export of reports (%s)', (driver) => {
  let t: TestApp;
  const publicIds = {} as Record<Name, string>;
  const apps = {} as Record<ViewerName, Requester>;

  beforeAll(async () => {
    t = await startTestApp(driver);
    for (const name of NAMES) {
      const res = await postJson(
        t.app,
        '/api/reports',
        reportBody({
          ...PLACES[name],
          title: `Báo cáo ${name}`,
          ...(name === 'A' ? { reporter: CONTACT } : {}),
          ...(name === 'E' ? AWKWARD : {}),
        }),
      );
      expect(res.status).toBe(201);
      publicIds[name] = (await res.json()).publicId;
    }
    for (const [name, v] of Object.entries(VIEWERS) as [ViewerName, (typeof VIEWERS)[ViewerName]][]) {
      const opts = 'areaCode' in v ? { areaCode: v.areaCode } : 'agencyCode' in v ? { agencyCode: v.agencyCode } : {};
      apps[name] = as(t.app, await t.headersFor(v.role, opts));
    }
    const move = async (name: Name, action: string) => {
      const res = await postJson(apps.operator, `/api/reports/${publicIds[name]}/transitions`, { action });
      expect(res.status).toBe(200);
    };
    await move('A', 'accept');
    await move('C', 'reject');
  });
  afterAll(async () => t?.close());

  /** Every item GET /api/reports gives for `query`, paged through with its cursor. */
  async function listAll(app: Requester, query: string): Promise<Item[]> {
    const items: Item[] = [];
    let cursor: string | null = null;
    do {
      const q = new URLSearchParams(query);
      q.set('limit', '2');
      if (cursor) q.set('cursor', cursor);
      const res = await app.request(`/api/reports?${q}`);
      const body = await res.json();
      expect(res.status, JSON.stringify(body)).toBe(200);
      items.push(...body.items);
      cursor = body.nextCursor;
    } while (cursor);
    return items;
  }

  async function exportCsv(app: Requester, query: string) {
    const res = await app.request(`/api/reports/export.csv${query ? `?${query}` : ''}`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const text = new TextDecoder().decode(bytes);
    expect(res.status, text.slice(0, 300)).toBe(200);
    const rows: Record<string, string>[] = parse(text, { bom: true, columns: true });
    return { res, bytes, text, rows };
  }

  async function exportGeojson(app: Requester, query: string) {
    const res = await app.request(`/api/reports/export.geojson${query ? `?${query}` : ''}`);
    const text = await res.text();
    expect(res.status, text.slice(0, 300)).toBe(200);
    return { res, text, body: JSON.parse(text) };
  }

  const FILTERS = [
    '',
    'status=received',
    'status=received,accepted,in_progress,reopened',
    'category=traffic_roads',
    'category=traffic_roads,lighting_electricity&status=rejected,received',
    'area=002',
    'area=00070',
    'bbox=105.85,21.02,105.86,21.03',
    `since=${new Date(Date.now() - 86_400_000).toISOString()}`,
    'until=2026-01-01',
  ];

  it.each(FILTERS)('the CSV holds exactly the list for "%s", column by column', async (query) => {
    const items = await listAll(apps.operator, query);
    const { rows } = await exportCsv(apps.operator, query);
    expect(rows.map((r) => r.public_id)).toEqual(items.map((i) => i.publicId));
    for (const [k, r] of rows.entries()) {
      const i = items[k]!;
      const category = t.pack.categories.find((c) => c.code === i.category)!;
      expect(r).toMatchObject({
        category: i.category,
        category_vi: category.nameVi,
        category_en: category.nameEn,
        group: category.group,
        status: i.status,
        severity: i.severity,
        district_code: i.areas.district?.code ?? '',
        commune_code: i.areas.commune?.code ?? '',
        agency: i.agency,
        agency_vi: category.agencyVi,
        title: csvText(i.title),
        description: i.description,
        overdue: 'false',
      });
      expect(Number(r.lat)).toBe(i.lat);
      expect(Number(r.lng)).toBe(i.lng);
      for (const [col, v] of [
        ['created_at', i.createdAt],
        ['accepted_at', i.acceptedAt],
        ['due_at', i.dueAt],
        ['resolved_at', i.resolvedAt],
      ] as const) {
        expect(sameInstant(r[col]!, v), `${col} ${r[col]} vs ${v}`).toBe(true);
        // In the city's offset (Hanoi, +07:00), never UTC's Z.
        if (v) expect(r[col]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+07:00$/);
      }
    }
  });

  it.each(FILTERS)('the GeoJSON holds exactly the list for "%s", as [lng, lat] points', async (query) => {
    const items = await listAll(apps.operator, query);
    const { res, body } = await exportGeojson(apps.operator, query);
    expect(res.headers.get('content-type')).toBe('application/geo+json; charset=utf-8');
    expect(body.type).toBe('FeatureCollection');
    expect(body.features.map((f: { properties: { public_id: string } }) => f.properties.public_id)).toEqual(
      items.map((i) => i.publicId),
    );
    for (const [k, f] of body.features.entries()) {
      expect(f.type).toBe('Feature');
      expect(f.geometry).toEqual({ type: 'Point', coordinates: [items[k]!.lng, items[k]!.lat] });
      // GeoJSON is not a spreadsheet: text as it was written.
      expect(f.properties.title).toBe(items[k]!.title);
      expect(f.properties).not.toHaveProperty('lat');
    }
  });

  it.each(Object.keys(VIEWERS) as ViewerName[])('%s exports exactly its scope', async (v) => {
    const expected = [...VIEWERS[v].holds].map((n) => publicIds[n as Name]).sort();
    const { rows } = await exportCsv(apps[v], '');
    expect(rows.map((r) => r.public_id).sort()).toEqual(expected);
    const { body } = await exportGeojson(apps[v], '');
    expect(body.features.map((f: { properties: { public_id: string } }) => f.properties.public_id).sort()).toEqual(
      expected,
    );
  });

  it("narrows a chief's export to one of its areas, and refuses another area's with 403", async () => {
    const { rows } = await exportCsv(apps.district002, 'area=00082');
    expect(rows.map((r) => r.public_id)).toEqual([publicIds.C]);
    for (const url of ['/api/reports/export.csv?area=016', '/api/reports/export.geojson?area=002']) {
      const app = url.includes('016') ? apps.district002 : apps.commune00070;
      const res = await app.request(url);
      expect(res.status, url).toBe(403);
      expect((await res.json()).error.code).toBe('forbidden');
    }
  });

  it('is for staff: anonymous callers get 401 (the path is not taken for a report id)', async () => {
    for (const url of ['/api/reports/export.csv', '/api/reports/export.geojson']) {
      const res = await t.app.request(url);
      expect(res.status, url).toBe(401);
      expect((await res.json()).error.code).toBe('unauthenticated');
    }
  });

  it("never holds the reporter's contact, and reading the export logs no contact read", async () => {
    const before = (await t.store.audit.list({ action: 'contact.read' })).length;
    for (const text of [(await exportCsv(apps.operator, '')).text, (await exportGeojson(apps.operator, '')).text]) {
      expect(text).toContain(publicIds.A);
      for (const s of Object.values(CONTACT)) expect(text).not.toContain(s);
    }
    expect((await t.store.audit.list({ action: 'contact.read' })).length).toBe(before);
  });

  it('writes UTF-8 with a BOM, CRLF lines and RFC 4180 quoting that a parser reads back', async () => {
    const { res, bytes, text, rows } = await exportCsv(apps.operator, 'area=00070');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // (TextDecoder drops the BOM it reads.)
    expect(text.slice(0, text.indexOf('\r\n'))).toBe(
      'public_id,category,category_vi,category_en,group,status,severity,created_at,accepted_at,due_at,resolved_at,' +
        'district_code,district_vi,district_en,commune_code,commune_vi,commune_en,agency,agency_vi,agency_en,' +
        'lat,lng,title,description,overdue',
    );
    const e = rows.find((r) => r.public_id === publicIds.E)!;
    expect(e.title).toBe(`'${AWKWARD.title}`);
    expect(e.description).toBe(AWKWARD.description);
    expect(e.district_vi).toBe('Quận Hoàn Kiếm');
    expect(e.commune_vi).toBe('Phường Hoàn Kiếm');
    const a = rows.find((r) => r.public_id === publicIds.A)!;
    expect(a.status).toBe('accepted');
    expect(a.accepted_at).not.toBe('');
  });

  it('names the file by city, window, filter and time', async () => {
    const since = '2026-03-01T00:00:00+07:00';
    const { res } = await exportCsv(
      apps.district002,
      `area=00070&status=received,accepted,in_progress,reopened&category=traffic_roads&since=${encodeURIComponent(since)}&until=2026-03-08`,
    );
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="hanoi-reports_20260301-20260308_area-00070_open_traffic_roads_exported-\d{8}T\d{4}\+0700\.csv"$/,
    );
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    // A chief's and an agency's file says whose it is, though no filter named it.
    for (const [v, part] of [
      ['district002', '_area-002_'],
      ['commune00070', '_area-00070_'],
      ['construction', '_agency-dept_construction_'],
    ] as const) {
      expect((await exportCsv(apps[v], '')).res.headers.get('content-disposition'), v).toContain(part);
    }
    const geo = await exportGeojson(apps.operator, 'bbox=105.85,21.02,105.86,21.03');
    expect(geo.res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="hanoi-reports_start-\d{8}_bbox_exported-\d{8}T\d{4}\+0700\.geojson"$/,
    );
  });

  it('flags a report overdue when its deadline passed and it is still open', async () => {
    const { rows } = await exportCsv(apps.operator, '');
    expect(rows.every((r) => r.overdue === 'false')).toBe(true);
    // Another desk whose clock moves on a month: the open report's deadline (days away) passes, the rejected one's does not count.
    let clock = new Date();
    const later = await startTestApp(driver, { now: () => clock });
    try {
      const app = as(later.app, await later.headersFor('operator'));
      const filed = [];
      for (const title of ['Còn mở', 'Bị từ chối']) {
        const res = await postJson(later.app, '/api/reports', reportBody({ title }));
        expect(res.status).toBe(201);
        filed.push((await res.json()).publicId);
      }
      expect((await postJson(app, `/api/reports/${filed[1]}/transitions`, { action: 'reject' })).status).toBe(200);
      clock = new Date(clock.getTime() + 30 * 86_400_000);
      const res = await app.request('/api/reports/export.csv');
      const parsed: Record<string, string>[] = parse(await res.text(), { bom: true, columns: true });
      expect(Object.fromEntries(parsed.map((r) => [r.public_id, r.overdue]))).toEqual({
        [filed[0]]: 'true',
        [filed[1]]: 'false',
      });
    } finally {
      await later.close();
    }
  });

  it.each([
    ['status=bogus', 'status'],
    [`category=${'x'.repeat(65)}`, 'category'],
    ['area=00-70', 'area'],
    ['bbox=105,21,106', 'bbox'],
    ['bbox=106,21,105,22', 'bbox'],
    ['bbox=a,b,c,d', 'bbox'],
    ['since=yesterday', 'since'],
    ['until=1999-12-31', 'until'],
    ['since=2026-03-02&until=2026-03-01', 'since'],
    ['cell=zz', 'cell'],
    ['format=xlsx', 'format'],
    ['limit=10', 'limit'],
  ])('refuses %s with 400 naming %s', async (query, field) => {
    for (const ext of ['csv', 'geojson']) {
      const res = await apps.operator.request(`/api/reports/export.${ext}?${query}`);
      const body = await res.json();
      expect(res.status, JSON.stringify(body)).toBe(400);
      // A list's field names its item (status.0), as every route's does.
      expect(body.error.field).toMatch(new RegExp(`^${field}(\\.\\d+)?$`));
      expect(body.error.message).toBeTruthy();
    }
  });
});
