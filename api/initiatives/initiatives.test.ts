import { latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DRIVERS } from '../../db/testing';
import { SCRUBBED } from '../privacy/contactScrub';
import { eventIds, openSse, reachedId, type SseMessage } from '../sseClient';
import { HOAN_KIEM_LAKE, postJson, reportBody, startTestApp, type TestApp } from '../testing';
import { as, type Requester } from '../testClient';

/**
 * Initiatives end to end through the API: submission (and what is refused, with its field, storing
 * nothing), the submitter's own read, staff lists and moves in scope, publication through the
 * contact scrub, supports once per identity, the public list, the KPIs, and the stream carrying
 * each event to exactly the audiences allowed.
 */
const DISTRICT = '002'; // Hoàn Kiếm
const ELSEWHERE = '016'; // Sóc Sơn
const SOC_SON = { lat: 21.2573, lng: 105.8486 };
const SUBMITTER = { name: 'Lê Văn Sáng', phone: '0987 654 321', email: 'sang.le@example.vn' };
/** The citizen's own words, with contacts a public copy must lose. */
const RAW_TEXT =
  'Đề xuất lắp đèn cho người đi bộ gần cổng trường. Liên hệ tôi: 0912.345.678 hoặc sang.le@example.vn — Lê Văn Sáng';

const idea = (over: Record<string, unknown> = {}) => ({
  title: 'Đèn tín hiệu cho người đi bộ ở phố Đinh Tiên Hoàng',
  text: RAW_TEXT,
  topic: 'transport',
  ...HOAN_KIEM_LAKE,
  submitter: SUBMITTER,
  ...over,
});

// biome-ignore lint/suspicious/noExplicitAny: a test reads answers' fields by name and checks them with expect.
type Body = Record<string, any>;

async function json(res: Response | Promise<Response>) {
  const r = await res;
  return { status: r.status, body: (await r.json()) as Body };
}

describe.each(TEST_DRIVERS)('initiatives (%s)', (driver) => {
  let t: TestApp;
  let ops: Requester;
  let chief: Requester;
  let chiefElsewhere: Requester;
  let agency: Requester;
  const count = async () => (await t.store.initiatives.list({}, { limit: 200 })).value.items.length;

  beforeAll(async () => {
    t = await startTestApp(driver);
    ops = as(t.app, await t.headersFor('operator'));
    chief = as(t.app, await t.headersFor('chief', { areaCode: DISTRICT }));
    chiefElsewhere = as(t.app, await t.headersFor('chief', { areaCode: ELSEWHERE }));
    agency = as(t.app, await t.headersFor('agency', { agencyCode: 'dept_construction' }));
  });
  afterAll(async () => t?.close());

  it.each([
    ['a title too short', { title: 'Hi' }, 400, 'title'],
    ['no text', { text: undefined }, 400, 'text'],
    ['an unknown topic', { topic: 'sports' }, 400, 'topic'],
    ['lat without lng', { lng: undefined }, 400, 'lng'],
    ['a point and an area', { area: DISTRICT }, 400, 'area'],
    ['an area the pack lacks', { lat: undefined, lng: undefined, area: '999' }, 400, 'area'],
    ['markup in the text', { text: 'Đề xuất <script>alert(1)</script> cho phố' }, 400, 'text'],
    ['a bad phone', { submitter: { phone: '12345' } }, 400, 'submitter.phone'],
    ['an unknown field', { category: 'initiative_suggestion' }, 400, 'category'],
    ['a point outside the city', { lat: 10.77, lng: 106.7 }, 422, 'lat'],
  ])('refuses %s with its field and stores nothing', async (_, over, status, field) => {
    const before = await count();
    const { status: got, body } = await json(postJson(t.app, '/api/initiatives', idea(over)));
    expect(got).toBe(status);
    expect(body.error.field).toBe(field);
    expect(await count()).toBe(before);
  });

  it('POST /api/reports with a former initiative category points to /api/initiatives', async () => {
    const { status, body } = await json(
      postJson(t.app, '/api/reports', reportBody({ category: 'initiative_suggestion' })),
    );
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'use_initiatives', field: 'category' });
    expect(body.error.message).toContain('/api/initiatives');
  });

  describe('one initiative through its life', () => {
    let publicId: string;
    let token: string;

    it('is submitted by a citizen: a public id and a token shown once', async () => {
      const { status, body } = await json(postJson(t.app, '/api/initiatives', idea()));
      expect(status).toBe(201);
      expect(body.publicId).toMatch(/^HN-SK-\d{4}-\d{6}$/);
      expect(body.citizenToken).toMatch(/^cit_/);
      expect(body).toMatchObject({ status: 'submitted', topic: 'transport', supportCount: 0, publishedAt: null });
      expect(body.areas.district.code).toBe(DISTRICT);
      ({ publicId, citizenToken: token } = body as { publicId: string; citizenToken: string });
      // Only the hash is kept.
      const row = await t.store.initiatives.get(await t.store.initiatives.idByPublicId(publicId).then(Number));
      expect(row?.citizenTokenHash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(row)).not.toContain(token);
    });

    it('is read back by its submitter with the token, and by nobody without it', async () => {
      const url = `/api/initiatives/${publicId}/citizen`;
      const own = await json(t.app.request(url, { headers: { 'x-citizen-token': token } }));
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({ publicId, text: RAW_TEXT, status: 'submitted' });
      expect((await t.app.request(url)).status).toBe(404);
      const wrong = `cit_${'A'.repeat(43)}`;
      expect((await t.app.request(url, { headers: { 'x-citizen-token': wrong } })).status).toBe(404);
    });

    it('is listed for staff in scope only', async () => {
      const ids = async (r: Requester) => {
        const { status, body } = await json(r.request('/api/initiatives'));
        return status === 200 ? body.items.map((i: { publicId: string }) => i.publicId) : status;
      };
      expect(await ids(ops)).toContain(publicId);
      expect(await ids(chief)).toContain(publicId);
      expect(await ids(chiefElsewhere)).not.toContain(publicId);
      expect(await ids(agency)).toBe(403);
      expect(await ids(t.app)).toBe(401);
      expect((await chiefElsewhere.request(`/api/initiatives/${publicId}`)).status).toBe(404);
      const detail = await json(ops.request(`/api/initiatives/${publicId}`));
      expect(detail.body.submitter).toEqual({ ...SUBMITTER, phone: '0987654321' });
      const audit = await t.store.audit.list();
      expect(audit.some((a) => a.action === 'initiative.contact.read')).toBe(true);
    });

    it('is moved with a public answer by a chief of its area, never by one elsewhere', async () => {
      const move = (r: Requester, body: unknown) => json(postJson(r, `/api/initiatives/${publicId}/moves`, body));
      const answer = { vi: 'Đã chuyển Sở Xây dựng xem xét.', en: 'Passed to the Department of Construction.' };
      const refused = await move(chiefElsewhere, { to: 'under_review', answer });
      expect(refused.status).toBe(404);
      expect((await t.store.initiatives.get(Number(await t.store.initiatives.idByPublicId(publicId))))?.status).toBe(
        'submitted',
      );
      expect((await move(agency, { to: 'under_review', answer })).status).toBe(403);
      expect((await move(chief, { to: 'under_review', answer: { en: 'no Vietnamese' } })).body.error.field).toBe(
        'answer.vi',
      );
      const illegal = await move(chief, { to: 'implemented', answer });
      expect(illegal.status).toBe(409);
      expect(illegal.body.error).toMatchObject({ code: 'illegal_transition', field: 'to' });
      const ok = await move(chief, { to: 'under_review', answer });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ status: 'under_review', firstAnsweredAt: expect.any(String) });
      expect(ok.body.answers).toEqual([
        expect.objectContaining({
          from: 'submitted',
          to: 'under_review',
          answer,
          actor: expect.objectContaining({ role: 'chief' }),
        }),
      ]);
    });

    it('is not public before an operator publishes it, and a chief cannot publish', async () => {
      const list = await (await t.app.request('/api/public/initiatives')).text();
      expect(list).not.toContain(publicId);
      expect((await t.app.request(`/api/public/initiatives/${publicId}`)).status).toBe(404);
      const support = await json(postJson(t.app, `/api/initiatives/${publicId}/supports`, { phone: '0901234567' }));
      expect(support.status).toBe(404);
      expect((await postJson(chief, `/api/initiatives/${publicId}/publish`, {})).status).toBe(403);
    });

    it('is published by an operator through the contact scrub', async () => {
      const { status, body } = await json(postJson(ops, `/api/initiatives/${publicId}/publish`, {}));
      expect(status).toBe(200);
      expect(body.publicText).toBe(
        `Đề xuất lắp đèn cho người đi bộ gần cổng trường. Liên hệ tôi: ${SCRUBBED} hoặc ${SCRUBBED} — ${SCRUBBED}`,
      );
      expect(body.text).toBe(RAW_TEXT);
      const again = await json(postJson(ops, `/api/initiatives/${publicId}/publish`, {}));
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('already_published');
    });

    it('is public without the citizen text or contact', async () => {
      const { body } = await json(t.app.request('/api/public/initiatives'));
      const item = body.items.find((i: { publicId: string }) => i.publicId === publicId);
      // Placed by its r8 cell, never the point the citizen gave.
      expect(item).toMatchObject({
        status: 'under_review',
        topic: 'transport',
        cell: latLngToCell(HOAN_KIEM_LAKE.lat, HOAN_KIEM_LAKE.lng, 8),
      });
      expect(item).not.toHaveProperty('location');
      expect(item.answers).toHaveLength(1);
      expect(item.answers[0].actor).toBeUndefined();
      const text = JSON.stringify(body);
      for (const s of [RAW_TEXT, '0912.345.678', '0987654321', SUBMITTER.name, SUBMITTER.email, 'citizenToken']) {
        expect(text).not.toContain(s);
      }
      const one = await json(t.app.request(`/api/public/initiatives/${publicId}`));
      expect(one.body.text).toBe(item.text);
    });

    it('is supported once per phone or e-mail, however written', async () => {
      const support = (body: unknown) => json(postJson(t.app, `/api/initiatives/${publicId}/supports`, body));
      expect((await support({})).body.error.field).toBe('phone');
      expect((await support({ phone: '0901234567', email: 'a@example.vn' })).status).toBe(400);
      const first = await support({ phone: '0901 234 567' });
      expect(first).toMatchObject({ status: 201, body: { supportCount: 1 } });
      const twice = await support({ phone: '+84901234567' });
      expect(twice.status).toBe(409);
      expect(twice.body.error).toMatchObject({ code: 'already_supported', field: 'phone' });
      expect((await support({ email: 'Hoa.Tran@Example.vn' })).body.supportCount).toBe(2);
      expect((await support({ email: ' hoa.tran@example.VN ' })).status).toBe(409);
      // Only keyed hashes are stored, never the number or the address.
      const rows = await t.store.initiatives.list({}, { limit: 200 });
      const stored = JSON.stringify(rows);
      expect(stored).not.toContain('0901234567');
      expect(stored).not.toContain('hoa.tran');
    });

    it('closes its supports once implemented, and counts on the KPIs', async () => {
      const answer = { vi: 'Đã lắp đặt đèn.' };
      for (const to of ['accepted', 'implemented']) {
        expect((await postJson(ops, `/api/initiatives/${publicId}/moves`, { to, answer })).status).toBe(200);
      }
      const closed = await json(postJson(t.app, `/api/initiatives/${publicId}/supports`, { phone: '0911111111' }));
      expect(closed.status).toBe(409);
      expect(closed.body.error.code).toBe('initiative_closed');
      const kpis = await json(chief.request('/api/kpis/initiatives'));
      expect(kpis.status).toBe(200);
      expect(kpis.body).toMatchObject({ submitted: 1, answered: 1, implemented: 1, declined: 0, published: 1 });
      expect(kpis.body.medianHoursToAnswer).toBeGreaterThanOrEqual(0);
      expect(kpis.body.asOfEventId).toBeGreaterThan(0);
      expect((await chiefElsewhere.request('/api/kpis/initiatives')).status).toBe(200);
      expect((await json(chiefElsewhere.request('/api/kpis/initiatives'))).body.submitted).toBe(0);
      expect((await chiefElsewhere.request(`/api/kpis/initiatives?area=${DISTRICT}`)).status).toBe(403);
      expect((await agency.request('/api/kpis/initiatives')).status).toBe(403);
    });
  });

  it('places an idea by area code alone: a commune with its district', async () => {
    const { status, body } = await json(
      postJson(
        t.app,
        '/api/initiatives',
        idea({ lat: undefined, lng: undefined, area: '00070', submitter: undefined }),
      ),
    );
    expect(status).toBe(201);
    expect(body.location).toBeNull();
    expect(body.areas).toMatchObject({ district: { code: DISTRICT }, commune: { code: '00070' } });
  });
});

/** The stream per audience: each hears of initiatives exactly as far as it may. */
describe.each(TEST_DRIVERS)('initiatives on the stream (%s)', (driver) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(driver);
  });
  afterAll(async () => t?.close());

  it('carries each event to exactly the allowed audiences', async () => {
    const base = await t.listen();
    const callers = {
      anonymous: {},
      operator: await t.headersFor('operator'),
      chiefHere: await t.headersFor('chief', { areaCode: DISTRICT }),
      chiefElsewhere: await t.headersFor('chief', { areaCode: ELSEWHERE }),
      agency: await t.headersFor('agency', { agencyCode: 'dept_construction' }),
    };
    const names = Object.keys(callers) as Array<keyof typeof callers>;
    const streams = await Promise.all(names.map((n) => openSse(`${base}/api/stream`, { headers: callers[n] })));
    const ops = as(t.app, callers.operator);
    const submit = async (body: unknown) =>
      (await json(postJson(t.app, '/api/initiatives', body))).body.publicId as string;
    const here = await submit(idea());
    const there = await submit(idea({ ...SOC_SON, title: 'Thư viện cộng đồng ở Sóc Sơn', topic: 'culture' }));
    const answer = { vi: 'Đang xem xét.' };
    // A move before publication, publication, then a support: the public hears the last two only.
    expect((await postJson(ops, `/api/initiatives/${here}/moves`, { to: 'under_review', answer })).status).toBe(200);
    expect((await postJson(ops, `/api/initiatives/${here}/publish`, {})).status).toBe(200);
    expect((await postJson(t.app, `/api/initiatives/${here}/supports`, { phone: '0909090909' })).status).toBe(201);
    expect((await postJson(ops, `/api/initiatives/${there}/moves`, { to: 'declined', answer })).status).toBe(200);
    // Every audience hears overlays: once a stream has this, it has had all it was going to get.
    const [layer] = await t.store.layers.list(new Date());
    const { eventId: last } = await t.store.layers.writeTick(
      { layer: layer!.code, at: new Date(), readings: [] },
      true,
    );

    const heard = await Promise.all(
      streams.map(async (s) => {
        const msgs = await s.collect(reachedId(last!));
        s.close();
        return msgs;
      }),
    );
    const initiativeEvents = (msgs: SseMessage[]) =>
      msgs
        .filter((m) => m.event.startsWith('initiative.'))
        .map((m) => `${m.event} ${JSON.parse(m.data).initiative.publicId}`);
    const hereAll = [
      `initiative.submitted ${here}`,
      `initiative.moved ${here}`,
      `initiative.published ${here}`,
      `initiative.supported ${here}`,
    ];
    const thereAll = [`initiative.submitted ${there}`, `initiative.moved ${there}`];
    const expected: Record<(typeof names)[number], string[]> = {
      anonymous: [`initiative.published ${here}`, `initiative.supported ${here}`],
      operator: [hereAll[0]!, thereAll[0]!, ...hereAll.slice(1), thereAll[1]!],
      chiefHere: hereAll,
      chiefElsewhere: thereAll,
      agency: [],
    };
    names.forEach((who, i) => {
      const msgs = heard[i]!;
      expect(eventIds(msgs).at(-1), `${who} reached the overlay reading`).toBe(last);
      expect(initiativeEvents(msgs), who).toEqual(expected[who]);
      const text = msgs.map((m) => m.data).join('\n');
      // No stream carries the submitter's contact or the citizen's own text.
      for (const s of [SUBMITTER.email, '0987654321', RAW_TEXT]) expect(text, who).not.toContain(s);
    });
    // The public's copy is the public one: no raw title field, no staff fields.
    const published = heard[0]!.find((m) => m.event === 'initiative.published')!;
    const data = JSON.parse(published.data);
    expect(Object.keys(data.initiative).sort()).toEqual(
      [
        'communeCode',
        'createdAt',
        'districtCode',
        'cell',
        'publicId',
        'publishedAt',
        'status',
        'supportCount',
        'title',
        'topic',
      ].sort(),
    );
  });
});
