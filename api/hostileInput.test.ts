import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDataException } from '../db/dataException';
import { TEST_DRIVERS } from '../db/testing';
import type { NewReport } from '../db/types';
import { IngestBatcher } from './domain/ingestBatcher';
import { buildNewReport } from './domain/intake';
import { newReportBody } from './schemas';
import { as, type Requester } from './testClient';
import { nextWorkingDate } from './reception/testFixtures';
import { BIG_ID } from './fuzzValues';
import { storedDigest } from './testDigest';
import { HOAN_KIEM_LAKE, postJson, reportBody, startTestApp, type TestApp } from './testing';

/**
 * Regression tests for the outside probe's findings (issue 9): invalid Unicode, bidi controls, dates
 * and ids; and the same on issue 10's routes (initiatives, reception, alerts and news, chat, places).
 */

const LONE = '\ud800abc';

/** [what, body, field]: each is refused with 400 naming the field, nothing stored. */
const MALFORMED: Array<[string, Record<string, unknown>, string]> = [
  ['title', reportBody({ title: LONE }), 'title'],
  ['title ending in a high surrogate', reportBody({ title: 'Ổ gà\ud83d' }), 'title'],
  ['description', reportBody({ description: `mô tả ${LONE}` }), 'description'],
  ['description with a lone low surrogate', reportBody({ description: 'a\udc00b' }), 'description'],
  ['reporter.name', reportBody({ reporter: { name: `Lan${LONE}` } }), 'reporter.name'],
  ['reporter.email', reportBody({ reporter: { email: `a${LONE}@b.vn` } }), 'reporter.email'],
  ['a media URL', reportBody({ media: [`https://anh.vn/${LONE}.jpg`] }), 'media.0'],
  ['the category', reportBody({ category: LONE }), 'category'],
];

const BIDI = [
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u200e',
  '\u200f',
  '\u061c',
];

const encodeCursor = (text: string) => Buffer.from(text).toString('base64url');

describe.each(TEST_DRIVERS)('hostile input on %s', (driver) => {
  let t: TestApp;
  let ops: Requester;
  beforeAll(async () => {
    t = await startTestApp(driver);
    ops = as(t.app, await t.headersFor('operator'));
  });
  afterAll(async () => t?.close());

  describe('invalid Unicode', () => {
    it.each(MALFORMED)('a lone surrogate in %s → 400 naming it, nothing stored', async (_what, body, field) => {
      const before = await t.store.reports.counts();
      const res = await postJson(t.app, '/api/reports', body);
      expect(res.status).toBe(400);
      expect((await res.json()).error).toMatchObject({ code: 'invalid_request', field });
      expect(await t.store.reports.counts()).toEqual(before);
    });

    it('an emoji (a well-formed surrogate pair) is stored exactly as sent', async () => {
      const title = 'Ngập sâu 🌧️ trước cổng trường 👩‍👧';
      const res = await postJson(t.app, '/api/reports', reportBody({ title, reporter: { name: 'Lan 🌸' } }));
      expect(res.status).toBe(201);
      const { id } = await res.json();
      const stored = await (await ops.request(`/api/reports/${id}`)).json();
      expect(stored.title).toBe(title);
      expect(stored.reporter.name).toBe('Lan 🌸');
    });

    it('a lone surrogate in a transition note → 400, the report unmoved', async () => {
      const { id } = await (await postJson(t.app, '/api/reports', reportBody())).json();
      const res = await postJson(ops, `/api/reports/${id}/transitions`, { action: 'accept', note: LONE });
      expect(res.status).toBe(400);
      expect((await res.json()).error.field).toBe('note');
      expect((await (await ops.request(`/api/reports/${id}`)).json()).status).toBe('received');
    });

    it('one bad POST among 20 sent at once costs only itself: 19 × 201, 1 × 400', async () => {
      const before = await t.store.reports.counts();
      const bodies = Array.from({ length: 20 }, (_, i) =>
        reportBody(i === 7 ? { title: LONE } : { title: `Đèn đường hỏng số ${i}` }),
      );
      const statuses = await Promise.all(bodies.map(async (b) => (await postJson(t.app, '/api/reports', b)).status));
      expect(statuses).toEqual(bodies.map((_, i) => (i === 7 ? 400 : 201)));
      const after = await t.store.reports.counts();
      expect(after.reports - before.reports).toBe(19);
    });

    it('the batcher on the real store: a row the database refuses fails alone with a 400, its neighbours are stored', async () => {
      const items = Array.from({ length: 32 }, (_, i) =>
        buildNewReport(
          newReportBody.parse(reportBody({ title: `Cây đổ số ${i}` })),
          t.runtime.intake,
          new Date(),
          'web',
        ),
      );
      // Before 4713 BC, the earliest timestamptz: a valid JS date only the database refuses.
      items[20].report.createdAt = new Date(Date.UTC(-5000, 0, 1));
      const inserts: number[] = [];
      const batcher = new IngestBatcher((batch) => {
        inserts.push(batch.length);
        return t.store.reports.insert(batch);
      });
      const before = await t.store.reports.counts();
      const results = await Promise.allSettled(items.map((it) => batcher.submit(it)));
      expect(results.map((r) => r.status)).toEqual(items.map((_, i) => (i === 20 ? 'rejected' : 'fulfilled')));
      expect((results[20] as PromiseRejectedResult).reason).toMatchObject({ status: 400, code: 'unstorable_input' });
      expect((await t.store.reports.counts()).reports - before.reports).toBe(31);
      // The first two go alone, the other 30 wait and fail together; halving then tries both
      // halves at each of ⌈log2 30⌉ = 5 levels: 2 + 1 + 2·5 = 13 inserts, where one by one took 33.
      expect(inserts.length).toBeLessThanOrEqual(13);
    });

    it('the database itself refuses a lone surrogate as data (why it is refused before any batch)', async () => {
      const item = buildNewReport(newReportBody.parse(reportBody()), t.runtime.intake, new Date(), 'web');
      const bad: NewReport = { ...item, report: { ...item.report, title: LONE } };
      const err = await t.store.reports.insert([bad]).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isDataException(err)).toBe(true);
      await expect(new IngestBatcher((b) => t.store.reports.insert(b)).submit(bad)).rejects.toMatchObject({
        status: 400,
        field: 'title',
      });
    });
  });

  describe('bidirectional controls', () => {
    it.each(BIDI.map((c) => [c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0'), c]))(
      'U+%s is removed from every stored text field',
      async (_hex, c) => {
        const res = await postJson(
          t.app,
          '/api/reports',
          reportBody({
            title: `Ảnh ${c}gnp.exe`,
            description: `Xem ${c}tệp${c} đính kèm`,
            reporter: { name: `${c}Nguyễn Lan` },
          }),
        );
        expect(res.status).toBe(201);
        const echoed = await res.json();
        expect(echoed.title).toBe('Ảnh gnp.exe');
        const { id } = echoed;
        const note = await postJson(ops, `/api/reports/${id}/transitions`, { action: 'accept', note: `ok${c}` });
        expect(note.status).toBe(200);
        const detail = await (await ops.request(`/api/reports/${id}`)).json();
        expect(detail.title).toBe('Ảnh gnp.exe');
        expect(detail.description).toBe('Xem tệp đính kèm');
        expect(detail.reporter.name).toBe('Nguyễn Lan');
        expect(JSON.stringify(detail.history)).not.toContain(c);
        expect(detail.history.some((h: { note?: string }) => h.note === 'ok')).toBe(true);
        // And in what the stream replays: the stored events.
        const events = await t.store.events.eventsOfReport(id);
        expect(JSON.stringify(events.map((e) => e.payload))).not.toContain(c);
      },
    );

    it('a media URL hiding its direction is refused (a link is not rewritten behind the sender)', async () => {
      const res = await postJson(t.app, '/api/reports', reportBody({ media: ['https://anh.vn/\u202egpj.exe'] }));
      expect(res.status).toBe(400);
      expect((await res.json()).error.field).toBe('media.0');
    });
  });

  describe('dates and ids are bounded', () => {
    const BIG = '99999999999999999999';
    /** [url, staff?, field] */
    const BAD_QUERIES: Array<[string, boolean, string]> = [
      ['/api/reports?since=0000-01-01', true, 'since'],
      ['/api/reports?until=0000-01-01', true, 'until'],
      ['/api/reports?since=1999-12-31', true, 'since'],
      ['/api/reports?until=2100-01-01', true, 'until'],
      ['/api/reports?since=9999-12-31T23:59:59Z', true, 'since'],
      ['/api/hexes?since=0000-01-01', true, 'since'],
      ['/api/hexes?until=0000-01-01', true, 'until'],
      ['/api/areas?since=0000-01-01', true, 'since'],
      ['/api/areas?until=0000-01-01', true, 'until'],
      ['/api/timeseries?until=0000-01-01', true, 'until'],
      ['/api/kpis?until=0000-01-01', true, 'until'],
      ['/api/kpis/areas?since=0000-01-01', true, 'since'],
      ['/api/public/hexes?since=0000-01-01', false, 'since'],
      ['/api/public/hexes?until=0000-01-01', false, 'until'],
      ['/api/public/areas?since=0000-01-01', false, 'since'],
      ['/api/public/areas?until=0000-01-01', false, 'until'],
      ['/api/public/kpis?until=0000-01-01', false, 'until'],
      ['/api/public/timeseries?since=0000-01-01', false, 'since'],
      ['/api/layers/air_quality/geojson?at=0000-01-01', false, 'at'],
      ['/api/layers/air_quality/geojson?at=2100-01-01T00:00:00Z', false, 'at'],
      ['/api/layers/air_quality/readings?featureId=1&since=0000-01-01', false, 'since'],
      [`/api/layers/air_quality/readings?featureId=${BIG}`, false, 'featureId'],
      ['/api/layers/air_quality/readings?featureId=0x10', false, 'featureId'],
      [`/api/stream?since=${BIG}`, false, 'since'],
      ['/api/stream?since=1e3', false, 'since'],
      [`/api/reports?cursor=${encodeCursor(`2026-01-01T00:00:00.000Z|${BIG}`)}`, true, 'cursor'],
      [`/api/reports?cursor=${encodeCursor('+275760-09-13T00:00:00.000Z|1')}`, true, 'cursor'],
      [`/api/reports?cursor=${encodeCursor('0000-01-01T00:00:00.000Z|1')}`, true, 'cursor'],
      [`/api/reports?cursor=${encodeCursor('2026-01-01T00:00:00.000Z|0')}`, true, 'cursor'],
    ];

    it.each(BAD_QUERIES)('GET %s → 400 naming the field', async (url, staff, field) => {
      const res = await (staff ? ops : t.app).request(url);
      expect(res.status).toBe(400);
      expect((await res.json()).error).toMatchObject({ code: 'invalid_request', field });
    });

    it.each([
      ['/api/reports?since=2000-01-01', true],
      ['/api/reports?until=2099-12-31T23:59:59Z', true],
      ['/api/public/kpis?until=2000-01-02', false],
      ['/api/public/hexes?since=2026-01-01T00:00:00%2B07:00&until=2026-02-01', false],
    ])('GET %s at the bounds → 200', async (url, staff) => {
      const res = await (staff ? ops : t.app).request(url);
      expect(res.status).toBe(200);
    });

    it('a public KPI window never reaches before year 2000 (no year −1 window)', async () => {
      const body = await (await t.app.request('/api/public/kpis?until=2000-01-02')).json();
      expect(body.until).toBe('2000-01-02T00:00:00.000Z');
      expect(new Date(body.since).getUTCFullYear()).toBeGreaterThanOrEqual(1999);
    });

    it.each([[BIG], ['9007199254740992'], ['0'], ['00']])(
      'Last-Event-ID: %s → 400 (but 0 is the start)',
      async (id) => {
        if (id === '0') {
          // "0" is "from the start", as ?since=0: a stream, closed at once.
          const ok = await t.app.request('/api/stream', { headers: { 'Last-Event-ID': id } });
          expect(ok.status).toBe(200);
          await ok.body?.cancel();
          return;
        }
        const res = await t.app.request('/api/stream', { headers: { 'Last-Event-ID': id } });
        expect(res.status).toBe(400);
        expect((await res.json()).error.field).toBe('Last-Event-ID');
      },
    );

    it('a 20-digit report id is an unknown report (404), for reading and for moving', async () => {
      expect((await ops.request(`/api/reports/${BIG}`)).status).toBe(404);
      expect((await postJson(ops, `/api/reports/${BIG}/transitions`, { action: 'accept' })).status).toBe(404);
    });

    it('duplicateOf past 2^53−1 → 400 naming it', async () => {
      const { id } = await (await postJson(t.app, '/api/reports', reportBody())).json();
      const res = await postJson(ops, `/api/reports/${id}/transitions`, {
        action: 'duplicate',
        duplicateOf: 1e20,
      });
      expect(res.status).toBe(400);
      expect((await res.json()).error.field).toBe('duplicateOf');
    });
  });
  describe("issue 10's routes", () => {
    const IDEA = {
      title: 'Ghế đá quanh hồ',
      text: 'Đề xuất đặt thêm ghế đá quanh hồ.',
      topic: 'planning',
      ...HOAN_KIEM_LAKE,
    };
    const CITIZEN = { name: 'Trần Văn Công Dân', phone: '0912345678', subject: 'Hỏi về hồ sơ' };
    const ALERT = () => ({
      kind: 'flood',
      severity: 'warning',
      titleVi: 'Ngập phố Hàng Bài',
      titleEn: 'Flooding on Hang Bai',
      bodyVi: 'Tránh đi qua.',
      bodyEn: 'Keep away.',
      area: '002',
      expiresAt: new Date(Date.now() + 6 * 3_600_000).toISOString(),
    });
    const NEWS = { titleVi: 'Tin thành phố', titleEn: 'City news', bodyVi: 'Nội dung', bodyEn: 'Text' };
    let date: string;
    let slot: number;
    let initiative: string;
    beforeAll(async () => {
      date = nextWorkingDate(t.pack, new Date());
      const res = await postJson(ops, '/api/reception/slots', {
        office: '00070',
        date,
        start: '09:00',
        end: '10:00',
        capacity: 5,
      });
      slot = (await res.json()).id;
      initiative = (await (await postJson(t.app, '/api/initiatives', IDEA)).json()).publicId;
    });
    const SLOT = () => ({ office: '00070', date, start: '10:00', end: '11:00', capacity: 5 });

    /** [route, url, body with a lone surrogate, field]: each 400 naming the field, nothing stored. */
    const LONE_IN: Array<[string, () => string, () => Record<string, unknown>, string]> = [
      ['POST /api/initiatives', () => '/api/initiatives', () => ({ ...IDEA, title: `Ghế ${LONE}` }), 'title'],
      [
        'POST /api/initiatives (submitter)',
        () => '/api/initiatives',
        () => ({ ...IDEA, submitter: { name: LONE } }),
        'submitter.name',
      ],
      [
        'POST …/moves',
        () => `/api/initiatives/${initiative}/moves`,
        () => ({ to: 'under_review', answer: { vi: LONE } }),
        'answer.vi',
      ],
      ['POST …/supports', () => `/api/initiatives/${initiative}/supports`, () => ({ email: `a${LONE}@b.vn` }), 'email'],
      ['POST /api/reception/slots', () => '/api/reception/slots', () => ({ ...SLOT(), topic: LONE }), 'topic'],
      ['PATCH /api/reception/slots/:id', () => `/api/reception/slots/${slot}`, () => ({ officer: LONE }), 'officer'],
      [
        'POST …/bookings',
        () => `/api/reception/slots/${slot}/bookings`,
        () => ({ ...CITIZEN, subject: `Hỏi ${LONE}` }),
        'subject',
      ],
      ['POST /api/reception/bookings/lookup', () => '/api/reception/bookings/lookup', () => ({ code: LONE }), 'code'],
      ['POST /api/alerts', () => '/api/alerts', () => ({ ...ALERT(), bodyEn: LONE }), 'bodyEn'],
      ['POST /api/news', () => '/api/news', () => ({ ...NEWS, titleVi: LONE }), 'titleVi'],
      ['POST /api/chats', () => '/api/chats', () => ({ subject: 'Hỏi về nước', text: `a${LONE}` }), 'text'],
    ];
    it.each(LONE_IN)('a lone surrogate in %s → 400 naming it, nothing stored', async (_r, url, body, field) => {
      const before = await storedDigest(t.conn);
      const res = await ops.request(url(), {
        method: url().endsWith(`/slots/${slot}`) ? 'PATCH' : 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body()),
      });
      expect(res.status).toBe(400);
      expect((await res.json()).error).toMatchObject({ code: 'invalid_request', field });
      expect(await storedDigest(t.conn)).toEqual(before);
    });

    it('bidirectional controls are removed from an initiative, a booking, an alert and a news item', async () => {
      const c = '\u202e';
      const idea = await postJson(t.app, '/api/initiatives', {
        ...IDEA,
        title: `Ghế${c} đá`,
        text: `Đề xuất ${c}ghế đá quanh hồ.`,
      });
      expect(idea.status).toBe(201);
      expect(await idea.json()).toMatchObject({ title: 'Ghế đá', text: 'Đề xuất ghế đá quanh hồ.' });
      const alert = await postJson(ops, '/api/alerts', { ...ALERT(), titleVi: `Ngập${c} phố` });
      expect(alert.status).toBe(201);
      expect((await alert.json()).titleVi).toBe('Ngập phố');
      const news = await postJson(ops, '/api/news', { ...NEWS, bodyEn: `Te${c}xt` });
      expect((await news.json()).bodyEn).toBe('Text');
      const booked = await postJson(t.app, `/api/reception/slots/${slot}/bookings`, { ...CITIZEN, name: `${c}Lan` });
      expect(booked.status).toBe(201);
      const { booking } = await booked.json();
      const contact = await (await ops.request(`/api/reception/bookings/${booking.id}/contact`)).json();
      expect(contact.contact.name).toBe('Lan');
    });

    it.each([
      [`/api/initiatives?cursor=${encodeCursor(`2026-01-01T00:00:00.000Z|${BIG_ID}`)}`, 'cursor'],
      [`/api/initiatives?cursor=${encodeCursor('0000-01-01T00:00:00.000Z|1')}`, 'cursor'],
      [`/api/public/initiatives?cursor=${encodeCursor('+275760-09-13T00:00:00.000Z|1')}`, 'cursor'],
      ['/api/kpis/initiatives?since=0000-01-01', 'since'],
      ['/api/kpis/initiatives?until=2100-01-01', 'until'],
      ['/api/reception/slots?from=0000-01-01', 'from'],
      ['/api/reception/slots?until=+275760-09-13', 'until'],
      ['/api/reception/offices/00070/slots?from=1999-12-31', 'from'],
    ])('GET %s → 400 naming %s', async (url, field) => {
      const res = await ops.request(url);
      expect(res.status).toBe(400);
      expect((await res.json()).error).toMatchObject({ code: 'invalid_request', field });
    });

    it.each([
      ['POST', '/api/alerts', () => ({ ...ALERT(), startsAt: '0000-01-01T00:00:00Z' }), 'startsAt'],
      ['POST', '/api/alerts', () => ({ ...ALERT(), expiresAt: '+275760-09-13T00:00:00Z' }), 'expiresAt'],
      ['POST', '/api/reception/slots', () => ({ ...SLOT(), date: '0000-01-01' }), 'date'],
      ['POST', '/api/reception/slots', () => ({ ...SLOT(), date: '9999-12-31' }), 'date'],
    ])('%s %s with a date out of bounds → 400 naming %s', async (method, url, body, field) => {
      const before = await storedDigest(t.conn);
      const res = await ops.request(url, {
        method,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body()),
      });
      expect(res.status).toBe(400);
      expect((await res.json()).error.field).toBe(field);
      expect(await storedDigest(t.conn)).toEqual(before);
    });

    /** Ids past every bound, and a NUL or a lone surrogate in a path: the same 404 as an id that names nothing. */
    it.each([
      ['GET', `/api/initiatives/${BIG_ID}`],
      ['GET', `/api/public/initiatives/${BIG_ID}`],
      ['GET', '/api/public/initiatives/%00'],
      ['GET', '/api/public/initiatives/HN-SK-2026-000001%00'],
      ['GET', '/api/public/initiatives/%ED%A0%80'],
      ['GET', '/api/initiatives/%00/citizen'],
      ['POST', `/api/initiatives/${BIG_ID}/moves`],
      ['POST', '/api/initiatives/%00/supports'],
      ['GET', `/api/reception/slots/${BIG_ID}/bookings`],
      ['GET', '/api/reception/offices/%00/slots'],
      ['PATCH', `/api/reception/slots/${BIG_ID}`],
      ['POST', `/api/reception/bookings/${BIG_ID}/attendance`],
      ['GET', '/api/alerts/2147483648'],
      ['POST', `/api/alerts/${BIG_ID}/withdraw`],
      ['POST', '/api/news/2147483648/withdraw'],
      ['GET', `/api/chats/${BIG_ID}`],
    ])('%s %s → 404', async (method, url) => {
      const bodies: Record<string, unknown> = {
        moves: { to: 'under_review', answer: { vi: 'Xem' } },
        supports: { phone: '0912345678' },
        attendance: { outcome: 'attended' },
        withdraw: {},
      };
      const body = bodies[url.split('/').at(-1)!] ?? (method === 'PATCH' ? { capacity: 9 } : undefined);
      const res = await ops.request(url, {
        method,
        ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      });
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe('not_found');
    });
  });
});
