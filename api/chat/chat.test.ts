import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DRIVERS } from '../../db/testing';
import { secretHash } from '../auth/secrets';
import { SCRUBBED } from '../privacy/contactScrub';
import { eventIds, openSse, reachedId, type SseMessage } from '../sseClient';
import { as, type Requester } from '../testClient';
import { HOAN_KIEM_LAKE, postJson, reportBody, startTestApp, type TestApp } from '../testing';
import { CITIZEN_TOKEN_HEADER } from './citizenToken';

/**
 * Hanoi Chat through the API, on both drivers: the citizen with the token its filing returned,
 * staff inside their scope, general threads an operator opens, bad input, the contact scrub, and
 * what each stream hears. The report under test lies in district 002 / commune 00070 and is routed
 * to dept_construction (traffic_roads), as in api/routeRoles.test.ts.
 */
const DISTRICT = '002';
const COMMUNE = '00070';
const ELSEWHERE = '016';
const AGENCY = 'dept_construction';
const OTHER_AGENCY = 'dept_agriculture_environment';
const CONTACT = { name: 'Nguyễn Thị Lan', phone: '0912345678', email: 'lan.nguyen@example.vn' };

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

const citizen = (token: string) => ({ [CITIZEN_TOKEN_HEADER]: token });

describe.each(TEST_DRIVERS)('Hanoi Chat (%s)', (driver) => {
  let t: TestApp;
  let ops: Requester;
  let districtChief: Requester;
  let chiefElsewhere: Requester;
  let agency: Requester;
  let otherAgency: Requester;
  let heads: Record<string, Record<string, string>>;

  async function file(overrides: Record<string, unknown> = {}) {
    const res = await postJson(t.app, '/api/reports', reportBody({ reporter: CONTACT, ...overrides }));
    expect(res.status).toBe(201);
    return (await res.json()) as { id: number; publicId: string; citizenToken: string };
  }

  /** Threads, messages and the log's end: what a refused request must leave as it was. */
  async function stored() {
    return { ...(await t.store.chat.counts()), lastEvent: (await t.store.events.eventBounds()).maxId };
  }

  beforeAll(async () => {
    t = await startTestApp(driver);
    heads = {
      operator: await t.headersFor('operator'),
      districtChief: await t.headersFor('chief', { areaCode: DISTRICT }),
      communeChief: await t.headersFor('chief', { areaCode: COMMUNE }),
      chiefElsewhere: await t.headersFor('chief', { areaCode: ELSEWHERE }),
      agency: await t.headersFor('agency', { agencyCode: AGENCY }),
      otherAgency: await t.headersFor('agency', { agencyCode: OTHER_AGENCY }),
    };
    ops = as(t.app, heads.operator!);
    districtChief = as(t.app, heads.districtChief!);
    chiefElsewhere = as(t.app, heads.chiefElsewhere!);
    agency = as(t.app, heads.agency!);
    otherAgency = as(t.app, heads.otherAgency!);
  });
  afterAll(async () => t?.close());

  it('gives the citizen a token once at filing and keeps only its SHA-256', async () => {
    const r = await file();
    expect(r.citizenToken).toMatch(/^cit_[A-Za-z0-9_-]{43}$/);
    // Kept as its hash, not as itself.
    expect(await t.store.chat.reportTokenMatches(r.id, secretHash(r.citizenToken))).toBe(true);
    expect(await t.store.chat.reportTokenMatches(r.id, r.citizenToken)).toBe(false);
    // Never shown again: not in the staff's detail, not in the report list.
    const detail = await (await ops.request(`/api/reports/${r.id}`)).text();
    expect(detail).not.toContain(r.citizenToken);
    expect(detail).not.toContain(secretHash(r.citizenToken));
    const list = await (await ops.request('/api/reports?limit=500')).text();
    expect(list).not.toContain(r.citizenToken);
  });

  it('carries a conversation between the citizen (by token) and staff, with read receipts per side', async () => {
    const r = await file();
    const me = as(t.app, citizen(r.citizenToken));
    const empty = await (await me.request(`/api/reports/${r.publicId}/chat`)).json();
    expect(empty).toEqual({
      thread: {
        id: null,
        reportId: r.id,
        publicId: r.publicId,
        subject: null,
        createdAt: null,
        read: { citizen: 0, staff: 0 },
      },
      messages: [],
    });

    const asked = await me.request(`/api/reports/${r.publicId}/chat/messages`, json({ text: 'Khi nào sửa xong ạ?' }));
    expect(asked.status).toBe(201);
    const q = (await asked.json()).message;
    expect(q).toMatchObject({ side: 'citizen', author: null, text: 'Khi nào sửa xong ạ?', images: [] });

    const answered = await agency.request(
      `/api/reports/${r.id}/chat/messages`,
      json({ text: 'Đội duy tu sẽ xử lý trong tuần này.', images: ['https://example.vn/anh/hien-truong.jpg'] }),
    );
    expect(answered.status).toBe(201);
    const a = await answered.json();
    expect(a.message).toMatchObject({
      side: 'staff',
      author: { role: 'agency' },
      images: ['https://example.vn/anh/hien-truong.jpg'],
    });
    expect(a.eventId).toBeGreaterThan(0);

    // The actor is on the event and the message: who wrote it, in which role.
    const events = await t.store.events.eventsOfReport(r.id);
    const chatEvents = events.filter((e) => e.type.startsWith('chat.'));
    expect(chatEvents.map((e) => [e.type, e.actorUserId !== null, e.actorRole])).toEqual([
      ['chat.message', false, null],
      ['chat.message', true, 'agency'],
    ]);
    // The report's history stays its lifecycle: the chat has its own read.
    const detail = await (await ops.request(`/api/reports/${r.id}`)).json();
    expect(detail.history.map((h: { type: string }) => h.type)).toEqual(['report.created']);

    // The citizen reads the answer: the staff member by role only.
    const seen = await (await me.request(`/api/reports/${r.publicId}/chat`)).json();
    expect(seen.messages.map((m: { text: string }) => m.text)).toEqual([
      'Khi nào sửa xong ạ?',
      'Đội duy tu sẽ xử lý trong tuần này.',
    ]);
    expect(seen.messages[1].author).toEqual({ role: 'agency' });
    const read = await me.request(`/api/reports/${r.publicId}/chat/read`, json({ lastReadId: a.message.id }));
    expect(await read.json()).toMatchObject({ side: 'citizen', lastReadId: a.message.id });
    // Again, or further back: the receipt stays where it is, and nothing is announced.
    const again = await (await me.request(`/api/reports/${r.publicId}/chat/read`, json({ lastReadId: q.id }))).json();
    expect(again).toEqual({ side: 'citizen', lastReadId: a.message.id, eventId: null });

    const staffRead = await (
      await districtChief.request(`/api/reports/${r.id}/chat/read`, json({ lastReadId: q.id }))
    ).json();
    expect(staffRead.eventId).toBeGreaterThan(0);
    const thread = await (await ops.request(`/api/reports/${r.id}/chat`)).json();
    expect(thread.thread.read).toEqual({ citizen: a.message.id, staff: q.id });
    expect(thread.messages[1].author.name).toMatch(/\S/);
  });

  it('answers a wrong token exactly as a report that does not exist', async () => {
    const r = await file();
    const other = await file();
    const answers = await Promise.all(
      [
        [r.publicId, other.citizenToken],
        [r.publicId, `cit_${'A'.repeat(43)}`],
        [r.publicId, 'not a token'],
        [String(r.id), other.citizenToken],
        ['HN-2026-999999', other.citizenToken],
        ['999999', r.citizenToken],
      ].map(async ([id, token]) => {
        const res = await t.app.request(`/api/reports/${id}/chat`, { headers: citizen(token!) });
        return { status: res.status, body: (await res.json()).error.code };
      }),
    );
    expect(answers).toEqual(answers.map(() => ({ status: 404, body: 'not_found' })));
    // And a write with it stores nothing.
    const before = await stored();
    const res = await t.app.request(
      `/api/reports/${r.id}/chat/messages`,
      json({ text: 'xin chào' }, citizen(other.citizenToken)),
    );
    expect(res.status).toBe(404);
    expect(await stored()).toEqual(before);
    // Without a token the chat is staff's: the public gets 401 before its body is even read.
    expect((await postJson(t.app, `/api/reports/${r.id}/chat/messages`, { nonsense: true })).status).toBe(401);
  });

  it("lets staff in the report's scope read and write, and nobody else", async () => {
    const r = await file({ ...HOAN_KIEM_LAKE });
    const statuses = async (who: Requester) => [
      (await who.request(`/api/reports/${r.id}/chat`)).status,
      (await who.request(`/api/reports/${r.id}/chat/messages`, json({ text: 'Đã nhận.' }))).status,
    ];
    expect(await statuses(ops)).toEqual([200, 201]);
    expect(await statuses(districtChief)).toEqual([200, 201]);
    expect(await statuses(as(t.app, heads.communeChief!))).toEqual([200, 201]);
    expect(await statuses(agency)).toEqual([200, 201]);
    expect(await statuses(chiefElsewhere)).toEqual([404, 404]);
    expect(await statuses(otherAgency)).toEqual([404, 404]);
    const thread = await (await ops.request(`/api/reports/${r.id}/chat`)).json();
    expect(thread.messages.map((m: { author: { role: string } }) => m.author.role)).toEqual([
      'operator',
      'chief',
      'chief',
      'agency',
    ]);
    // The inbox: each staff member its scope's threads.
    const listed = async (who: Requester) =>
      ((await (await who.request('/api/chats')).json()).items as Array<{ reportId: number | null }>).map(
        (i) => i.reportId,
      );
    expect(await listed(districtChief)).toContain(r.id);
    expect(await listed(agency)).toContain(r.id);
    expect(await listed(chiefElsewhere)).not.toContain(r.id);
    expect(await listed(otherAgency)).not.toContain(r.id);
  });

  it('opens a general thread with a citizen who filed nothing, for operators only', async () => {
    const opened = await ops.request(
      '/api/chats',
      json({
        subject: 'Hỏi về thủ tục cấp phép xây dựng',
        text: 'Chào anh, anh cần giấy phép cho nhà 3 tầng phải không?',
      }),
    );
    expect(opened.status).toBe(201);
    const o = await opened.json();
    expect(o.citizenToken).toMatch(/^cit_/);
    expect(o.thread).toMatchObject({ reportId: null, publicId: null, subject: 'Hỏi về thủ tục cấp phép xây dựng' });
    const id = o.thread.id as number;
    const me = as(t.app, citizen(o.citizenToken));
    const view = await (await me.request(`/api/chats/${id}`)).json();
    expect(view.messages).toHaveLength(1);
    expect(view.messages[0].author).toEqual({ role: 'operator' });
    const reply = await me.request(`/api/chats/${id}/messages`, json({ text: 'Vâng, nhà 3 tầng ở phường Hàng Bài.' }));
    expect(reply.status).toBe(201);
    const msg = (await reply.json()).message;
    expect(
      (await (await me.request(`/api/chats/${id}/read`, json({ lastReadId: o.messages[0].id }))).json()).eventId,
    ).toBeGreaterThan(0);

    // A general thread is the operations centre's: chiefs and agencies find none.
    for (const who of [districtChief, agency]) {
      expect((await who.request(`/api/chats/${id}`)).status).toBe(404);
      expect((await who.request(`/api/chats/${id}/messages`, json({ text: 'x' }))).status).toBe(404);
      expect((await who.request('/api/chats', json({ subject: 'Câu hỏi', text: 'x' }))).status).toBe(403);
      const items = (await (await who.request('/api/chats')).json()).items as Array<{ id: number }>;
      expect(items.map((i) => i.id)).not.toContain(id);
    }
    // Another thread's token, or a report's, opens nothing.
    const r = await file();
    expect((await t.app.request(`/api/chats/${id}`, { headers: citizen(r.citizenToken) })).status).toBe(404);
    // The operator's inbox shows it with the citizen's message unread.
    const items = (await (await ops.request('/api/chats')).json()).items as Array<{
      id: number;
      unreadByStaff: number;
    }>;
    expect(items.find((i) => i.id === id)?.unreadByStaff).toBe(1);
    await ops.request(`/api/chats/${id}/read`, json({ lastReadId: msg.id }));
    const after = (await (await ops.request('/api/chats')).json()).items as Array<{
      id: number;
      unreadByStaff: number;
    }>;
    expect(after.find((i) => i.id === id)?.unreadByStaff).toBe(0);
  });

  it.each([
    [{ text: '' }, 'text'],
    [{ text: 'x'.repeat(2_001) }, 'text'],
    [{ text: '<script>alert(1)</script>' }, 'text'],
    [{}, 'text'],
    [{ text: 'ảnh', images: ['http://example.vn/a.jpg'] }, 'images.0'],
    [{ text: 'ảnh', images: ['javascript:alert(1)'] }, 'images.0'],
    [{ text: 'ảnh', images: Array.from({ length: 5 }, (_, i) => `https://example.vn/${i}.jpg`) }, 'images'],
    [{ text: 'ảnh', images: [`https://example.vn/${'a'.repeat(2_100)}.jpg`] }, 'images.0'],
    [{ text: 'x', extra: 1 }, 'extra'],
  ])('refuses %j with 400 naming %s, storing nothing', async (body, field) => {
    const r = await file();
    const before = await stored();
    for (const who of [as(t.app, citizen(r.citizenToken)), ops]) {
      const res = await who.request(`/api/reports/${r.id}/chat/messages`, json(body));
      expect(res.status).toBe(400);
      expect((await res.json()).error.field).toBe(field);
    }
    expect(await stored()).toEqual(before);
  });

  it('refuses a read receipt for a message of another thread, and a thread without subject', async () => {
    const a = await file();
    const b = await file();
    const posted = await (await ops.request(`/api/reports/${b.id}/chat/messages`, json({ text: 'Chào' }))).json();
    for (const target of [a, b]) {
      const id = target === a ? posted.message.id : posted.message.id + 1_000;
      const res = await ops.request(`/api/reports/${target.id}/chat/read`, json({ lastReadId: id }));
      expect(res.status).toBe(400);
      expect((await res.json()).error.field).toBe('lastReadId');
    }
    const res = await ops.request('/api/chats', json({ text: 'Không có tiêu đề' }));
    expect(res.status).toBe(400);
    expect((await res.json()).error.field).toBe('subject');
  });

  it("scrubs the citizen's contact out of every view but staff's", async () => {
    const r = await file();
    const text = `Gọi tôi 0912 345 678 hoặc ${CONTACT.email}, tôi là ${CONTACT.name}. Số nhà 12.`;
    const me = as(t.app, citizen(r.citizenToken));
    const posted = await (await me.request(`/api/reports/${r.id}/chat/messages`, json({ text }))).json();
    const scrubbed = `Gọi tôi ${SCRUBBED} hoặc ${SCRUBBED}, tôi là ${SCRUBBED}. Số nhà 12.`;
    expect(posted.message.text).toBe(scrubbed);
    const mine = await (await me.request(`/api/reports/${r.id}/chat`)).json();
    expect(mine.messages[0].text).toBe(scrubbed);
    // Staff handle the report: they see it as written.
    const staff = await (await ops.request(`/api/reports/${r.id}/chat`)).json();
    expect(staff.messages[0].text).toBe(text);
    // The public sees nothing of it: no public answer holds its words.
    for (const path of ['/api/public/kpis', '/api/public/areas', '/api/public/hexes']) {
      const body = await (await t.app.request(path)).text();
      expect(body).not.toContain('0912');
    }
  });

  it("streams chat events to operators, the chief in scope and the report's agency, never to the public", async () => {
    const base = await t.listen();
    const who = ['anonymous', 'operator', 'districtChief', 'communeChief', 'chiefElsewhere', 'agency', 'otherAgency'];
    const streams = await Promise.all(who.map((w) => openSse(`${base}/api/stream`, { headers: heads[w] ?? {} })));
    const r = await file();
    const me = as(t.app, citizen(r.citizenToken));
    const q = await (
      await me.request(`/api/reports/${r.id}/chat/messages`, json({ text: 'Số tôi là 0912345678' }))
    ).json();
    await ops.request(`/api/reports/${r.id}/chat/messages`, json({ text: 'Chúng tôi đã nhận.' }));
    await agency.request(`/api/reports/${r.id}/chat/read`, json({ lastReadId: q.message.id }));
    const general = await (await ops.request('/api/chats', json({ subject: 'Hỏi về điện', text: 'Chào chị' }))).json();
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
    const chatOf = (msgs: SseMessage[]) =>
      msgs
        .filter((m) => m.event.startsWith('chat.'))
        .map((m) => {
          const d = JSON.parse(m.data);
          return `${m.event}:${d.thread.reportId === r.id ? 'report' : d.thread.id === general.thread.id ? 'general' : 'other'}`;
        })
        .filter((s) => !s.endsWith(':other'));
    const onReport = ['chat.message:report', 'chat.message:report', 'chat.read:report'];
    const expected: Record<string, string[]> = {
      anonymous: [],
      operator: [...onReport, 'chat.message:general'],
      districtChief: onReport,
      communeChief: onReport,
      chiefElsewhere: [],
      agency: onReport,
      otherAgency: [],
    };
    who.forEach((w, i) => {
      const msgs = heard[i]!;
      expect(eventIds(msgs).at(-1), w).toBe(last);
      expect(chatOf(msgs), w).toEqual(expected[w]);
      if (w === 'anonymous') expect(msgs.map((m) => m.data).join('\n')).not.toContain('0912345678');
    });
  });
});
