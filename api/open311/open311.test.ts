import { readFileSync } from 'node:fs';
import { cellToLatLng } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityClock } from '../../core/cityClock';
import { TEST_DRIVERS } from '../../db/testing';
import { as } from '../testClient';
import { HOAN_KIEM_LAKE, postJson, startTestApp, type TestApp } from '../testing';
import { cityIso } from './datetime';
import { FORMATS, ITEM_OF } from './formats';
import { issueApiKey } from './keys';
import { open311Client, type Read } from './testClient';
import { jsonShape, xmlShape } from './xmlShape';

/**
 * Open311 GeoReport v2 driven the way a client drives it — discover, list the services, read a
 * definition, file, poll the token, read the request back, list by date, follow the updates — in
 * JSON and in XML, by an anonymous client (the public's delayed, coarse view) and by staff (their
 * scope in detail), with every XML answer shaped as the specification's own example
 * (api/open311/fixtures/) and the JSON with the same names in the same order.
 */

const MINUTE_MS = 60_000;
const CONTACT = { first_name: 'An', last_name: 'Nguyễn', email: 'an.nguyen@example.vn', phone: '0912 345 678' };
const DESCRIPTION = 'Ổ gà sâu "20 cm" & nguy hiểm cho xe máy\nỞ trước số 12 Đinh Tiên Hoàng, tối không có đèn.';
const NOTE = 'Đội 3 tới trong chiều nay, đã gọi chị An';

const spec = (name: string) => xmlShape(readFileSync(new URL(`./fixtures/spec-${name}.xml`, import.meta.url), 'utf8'));
const obj = (r: Read) => r as Record<string, Read>;
const list = (r: Read) => r as Read[];

describe.each(TEST_DRIVERS)('Open311 GeoReport v2 (%s)', (driver) => {
  let t: TestApp;
  let clockMs = Date.parse('2026-03-02T03:00:00Z');
  let key: string;
  let operator: Record<string, string>;
  let chiefElsewhere: Record<string, string>;
  const clock = cityClock('Asia/Ho_Chi_Minh');

  beforeAll(async () => {
    t = await startTestApp(driver, { now: () => new Date(clockMs) });
    key = (await issueApiKey(t.store, 'partner-app', new Date(clockMs))).key;
    operator = await t.headersFor('operator');
    chiefElsewhere = await t.headersFor('chief', { areaCode: '016' });
  });
  afterAll(async () => t?.close());

  describe.each(FORMATS)('in %s', (format) => {
    /** The shape of an answer as the specification's example of it. */
    const expectSpecShape = (text: string, root: string, example: string) => {
      const shape = format === 'xml' ? xmlShape(text) : jsonShape(root, JSON.parse(text), ITEM_OF);
      expect(shape).toEqual(spec(example));
    };

    it('discover → services → definition → post → token → read back → list by date → updates', async () => {
      const anyone = open311Client(t.app, format);
      const staff = open311Client(as(t.app, operator), format);
      const elsewhere = open311Client(as(t.app, chiefElsewhere), format);

      const discovery = await anyone.get('discovery.{f}');
      expect(discovery.status).toBe(200);
      expectSpecShape(discovery.text, 'discovery', 'discovery');
      const endpoint = obj(list(obj(discovery.body).endpoints)[0]!);
      expect(endpoint.url).toMatch(/\/open311\/v2$/);
      expect(endpoint.formats).toEqual(['text/xml', 'application/json']);

      const services = await anyone.get('services.{f}');
      expect(services.status).toBe(200);
      expectSpecShape(services.text, 'services', 'services');
      const roads = list(services.body)
        .map(obj)
        .find((s) => s.service_code === 'traffic_roads')!;
      expect(roads).toMatchObject({
        service_name: 'Giao thông, đường bộ',
        group: 'Phản ánh hiện trường',
        metadata: 'true',
        type: 'realtime',
      });
      expect(list(services.body)).toHaveLength(t.pack.categories.length);
      const english = open311Client(as(t.app, { 'accept-language': 'en-GB,en;q=0.9,vi;q=0.5' }), format);
      const roadsEn = list((await english.get('services.{f}')).body)
        .map(obj)
        .find((s) => s.service_code === 'traffic_roads')!;
      expect(roadsEn).toMatchObject({ service_name: 'Traffic and roads', group: 'Field reports' });

      const definition = await anyone.get('services/traffic_roads.{f}');
      expect(definition.status).toBe(200);
      expectSpecShape(definition.text, 'service_definition', 'service-definition');
      const attributes = list(obj(definition.body).attributes).map(obj);
      expect(attributes.map((a) => a.code)).toEqual(['urgent', 'title']);
      expect(list(attributes[0]!.values).map((v) => obj(v).key)).toEqual(['no', 'yes']);

      const posted = await anyone.post('requests.{f}', {
        api_key: key,
        service_code: 'traffic_roads',
        lat: String(HOAN_KIEM_LAKE.lat),
        long: String(HOAN_KIEM_LAKE.lng),
        description: DESCRIPTION,
        'attribute[urgent]': 'yes',
        media_url: 'https://example.vn/o-ga.jpg',
        ...CONTACT,
      });
      expect(posted.status, posted.text).toBe(201);
      expectSpecShape(posted.text, 'service_requests', 'post-response');
      const id = obj(list(posted.body)[0]!).service_request_id as string;
      expect(id).toMatch(/^HN-2026-\d{6}$/);

      // Stored through the same intake as the web form: source, the urgent deadline, the contact apart.
      const stored = (await t.store.reports.get((await t.store.reports.idByPublicId(id))!))!;
      expect(stored).toMatchObject({
        source: 'open311',
        severity: 'urgent',
        category: 'traffic_roads',
        description: DESCRIPTION,
      });
      expect(stored.title).toBe('Ổ gà sâu "20 cm" & nguy hiểm cho xe máy');
      expect(await t.store.reports.contact(stored.id)).toEqual({
        name: 'Nguyễn An',
        phone: '0912345678',
        email: CONTACT.email,
      });

      // Fresh: the public does not see it yet, staff do; the token maps to the id.
      expect((await anyone.get(`tokens/${id}.{f}`)).status).toBe(404);
      const token = await staff.get(`tokens/${id}.{f}`);
      expect(token.status).toBe(200);
      expectSpecShape(token.text, 'service_requests', 'token');
      expect(list(token.body)).toEqual([{ service_request_id: id, token: id }]);
      expect((await elsewhere.get(`requests/${id}.{f}`)).status).toBe(404);

      const detail = await staff.get(`requests/${id}.{f}`);
      expect(detail.status).toBe(200);
      expectSpecShape(detail.text, 'service_requests', 'requests');
      expect(list(detail.body)[0]).toEqual({
        service_request_id: id,
        status: 'open',
        status_notes: 'Đã nhận phản ánh',
        service_name: 'Giao thông, đường bộ',
        service_code: 'traffic_roads',
        description: DESCRIPTION,
        agency_responsible: 'Sở Xây dựng',
        service_notice: '',
        requested_datetime: cityIso(stored.createdAt, clock),
        updated_datetime: cityIso(stored.updatedAt, clock),
        expected_datetime: cityIso(stored.dueAt!, clock),
        address: 'Phường Hoàn Kiếm, Quận Hoàn Kiếm',
        address_id: '',
        zipcode: '',
        lat: String(HOAN_KIEM_LAKE.lat),
        long: String(HOAN_KIEM_LAKE.lng),
        media_url: 'https://example.vn/o-ga.jpg',
      });
      expect(obj(list(detail.body)[0]!).requested_datetime).toMatch(/^2026-03-02T\d\d:\d\d:\d\d\+07:00$/);
      for (const v of [CONTACT.email, '0912345678', 'Nguyễn An']) expect(detail.text).not.toContain(v);

      // Past the public delay: the public's view, coarse and without the text.
      clockMs += 20 * MINUTE_MS;
      const seen = await anyone.get(`requests/${id}.{f}`);
      expect(seen.status).toBe(200);
      const [cellLat, cellLng] = cellToLatLng(stored.h3r8);
      const publicView = obj(list(seen.body)[0]!);
      expect(publicView).toMatchObject({ service_request_id: id, status: 'open', description: '', media_url: '' });
      expect(Number(publicView.lat)).toBeCloseTo(cellLat, 6);
      expect(Number(publicView.long)).toBeCloseTo(cellLng, 6);
      for (const v of [
        stored.title,
        'Ổ gà sâu',
        String(HOAN_KIEM_LAKE.lat),
        CONTACT.email,
        '0912345678',
        'Nguyễn An',
        'o-ga.jpg',
      ])
        expect(seen.text).not.toContain(
          format === 'xml' ? v.replace(/"/g, '&quot;').replace(/&(?!quot)/g, '&amp;') : v,
        );

      // The agency moves it with a note: staff read the note and the history, the public neither's words.
      const moved = await postJson(as(t.app, operator), `/api/reports/${stored.id}/transitions`, {
        action: 'accept',
        note: NOTE,
      });
      expect(moved.status).toBe(200);
      const history = obj(list((await staff.get(`requests/${id}.{f}?extensions=true`)).body)[0]!);
      expect(history.status_notes).toBe(NOTE);
      const ext = obj(history.extended_attributes);
      expect(ext.detailed_status).toBe('accepted');
      expect(ext.title).toBe(stored.title);
      expect(list(ext.status_history).map((h) => [obj(h).status, obj(h).detailed_status, obj(h).status_notes])).toEqual(
        [
          ['open', 'received', 'Đã nhận phản ánh'],
          ['open', 'accepted', NOTE],
        ],
      );
      const publicHistory = await anyone.get(`requests/${id}.{f}?extensions=true`);
      expect(publicHistory.text).not.toContain('Đội 3');
      expect(obj(obj(list(publicHistory.body)[0]!).extended_attributes).title).toBeUndefined();

      // Listing by date, by status, by service, by ids, a page at a time.
      const from = new Date(clockMs - 60 * MINUTE_MS).toISOString();
      const to = new Date(clockMs + MINUTE_MS).toISOString();
      const ids = async (client: typeof anyone, query: string) => {
        const r = await client.get(`requests.{f}?${query}`);
        expect(r.status, r.text).toBe(200);
        return list(r.body).map((x) => obj(x).service_request_id);
      };
      expect(await ids(anyone, `start_date=${from}&end_date=${to}`)).toContain(id);
      expect(await ids(anyone, `start_date=${from}&end_date=${to}&status=closed`)).not.toContain(id);
      expect(await ids(anyone, `start_date=${from}&end_date=${to}&status=open,closed`)).toContain(id);
      expect(await ids(anyone, `start_date=${from}&end_date=${to}&service_code=environment_waste`)).not.toContain(id);
      expect(await ids(anyone, `service_request_id=${id}`)).toEqual([id]);
      expect(await ids(elsewhere, `service_request_id=${id}`)).toEqual([]);
      const listed = await staff.get(`requests.{f}?start_date=${from}&end_date=${to}`);
      expectSpecShape(listed.text, 'service_requests', 'requests');

      // Status updates: the acceptance, with its note for staff; for the public once past the delay, without it.
      const updatesQuery = `servicerequestupdates.{f}?start_date=${from}&end_date=${to}`;
      const staffUpdates = list((await staff.get(updatesQuery)).body).map(obj);
      expect(
        staffUpdates.filter((u) => u.service_request_id === id).map((u) => [u.detailed_status, u.status_notes]),
      ).toEqual([['accepted', NOTE]]);
      expect(
        list((await anyone.get(updatesQuery)).body)
          .map(obj)
          .filter((u) => u.service_request_id === id),
      ).toEqual([]);
      clockMs += 20 * MINUTE_MS;
      const later = `servicerequestupdates.{f}?start_date=${from}&end_date=${new Date(clockMs).toISOString()}`;
      const publicUpdates = await anyone.get(later);
      expect(
        list(publicUpdates.body)
          .map(obj)
          .filter((u) => u.service_request_id === id)
          .map((u) => u.status_notes),
      ).toEqual(['Cơ quan đã tiếp nhận']);
      expect(publicUpdates.text).not.toContain('Đội 3');
    });

    it('pages through a listing with page and page_size', async () => {
      const client = open311Client(t.app, format);
      const filed: string[] = [];
      for (let i = 0; i < 3; i++) {
        const r = await client.post('requests.{f}', {
          api_key: key,
          service_code: 'environment_waste',
          lat: '21.0300',
          long: String(105.85 + i / 1000),
          description: `Rác tồn đọng điểm ${i + 1}`,
        });
        expect(r.status, r.text).toBe(201);
        filed.push(obj(list(r.body)[0]!).service_request_id as string);
      }
      const staff = open311Client(as(t.app, operator), format);
      const q = `service_code=environment_waste&start_date=${new Date(clockMs - MINUTE_MS).toISOString()}`;
      const pages = [];
      for (let page = 1; page <= 4; page++) {
        const r = await staff.get(`requests.{f}?${q}&page_size=1&page=${page}`);
        expect(r.status).toBe(200);
        pages.push(list(r.body).map((x) => obj(x).service_request_id));
      }
      // Newest first, one per page, then nothing.
      expect(pages).toEqual([[filed[2]], [filed[1]], [filed[0]], []]);
    });

    it('answers errors in the standard shape', async () => {
      const client = open311Client(t.app, format);
      const refused = await client.post('requests.{f}', {
        api_key: 'o311_not-a-key',
        service_code: 'traffic_roads',
        lat: '21.03',
        long: '105.85',
        description: 'x',
      });
      expect(refused.status).toBe(403);
      expectSpecShape(refused.text, 'errors', 'errors');
      expect(obj(list(refused.body)[0]!).code).toBe('403');
      const missing = await client.get('services/no_such_service.{f}');
      expect(missing.status).toBe(404);
      expectSpecShape(missing.text, 'errors', 'errors');
      const wide = await client.get('requests.{f}?start_date=2026-01-01&end_date=2026-04-02');
      expect(wide.status).toBe(400);
      expect(obj(list(wide.body)[0]!).description).toMatch(/^start_date: .*90 days/);
    });
  });

  it('answers an unknown path or format under /open311/v2 as the standard does', async () => {
    for (const path of [
      '/open311/v2/services.txt',
      '/open311/v2/nothing.xml',
      '/open311/v2',
      '/open311/v2/requests/HN-2026-000001.yaml',
    ]) {
      const res = await t.app.request(path);
      expect(res.status, path).toBe(404);
      const body = path.endsWith('.xml') ? await res.text() : await res.json();
      if (typeof body === 'string') expect(xmlShape(body)).toEqual(spec('errors'));
      else expect(body).toEqual([{ code: 404, description: expect.stringContaining('not_found') }]);
    }
  });

  it('lets any site read it from a browser, without credentials (the public view)', async () => {
    const res = await t.app.request('/open311/v2/services.json', { headers: { origin: 'https://civic.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    const preflight = await t.app.request('/open311/v2/requests.json', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://civic.example',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    // A script elsewhere cannot send a staff token along: Authorization is not an allowed header.
    expect(preflight.headers.get('access-control-allow-headers') ?? '').not.toMatch(/authorization/i);
  });

  it('never takes an Open311 key for a staff credential', async () => {
    const res = await t.app.request('/api/reports', { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(401);
    const read = await t.app.request('/open311/v2/requests.json', { headers: { authorization: `Bearer ${key}` } });
    expect(read.status).toBe(403);
  });
});
