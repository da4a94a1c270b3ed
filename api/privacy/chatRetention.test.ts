import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../core/chat';
import { TEST_DRIVERS } from '../../db/testing';
import { CITIZEN_TOKEN_HEADER } from '../chat/citizenToken';
import { as, type Requester } from '../testClient';
import { postJson, reportBody, startTestApp, type TestApp } from '../testing';
import { CHAT_REDACTION } from './chatRedaction';
import { SCRUBBED, scrubContacts } from './contactScrub';
import { eraseExpiredContacts, redactQuietChats, retentionCutoff } from './retention';

const T0 = new Date('2025-03-03T02:00:00Z');
const DAY_MS = 86_400_000;
const DAYS = 365;
const day = (n: number) => new Date(T0.getTime() + n * DAY_MS);

const CONTACT = { name: 'Nguyễn Thị Lan', phone: '0912345678', email: 'lan.nguyen@example.vn' };
const PHOTO = 'https://example.vn/anh/cong-nha.jpg';
/** The citizen repeats their contact in their own words, grouped as people write it. */
const ASKED = 'Tôi là nguyễn thị lan, gọi tôi 0912 345 678 hoặc lan.nguyen@example.vn nhé.';
/** Staff quote the number back: staff messages are the city's record and stay as written. */
const ANSWERED = 'Đã nhận, đội duy tu sẽ gọi chị qua số 0912 345 678.';

const post = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

/** What fails: a scrub that throws half-way through a batch. */
const BROKEN = {
  scrub: (): string => {
    throw new Error('scrub failed');
  },
  erasedText: SCRUBBED,
};

/**
 * Hanoi Chat under the retention job, on a clock of the test's: a report's contact erased with its
 * thread's citizen messages scrubbed of it in the same transaction (staff messages, the thread and
 * its counts stay, and so do open reports' and recent threads'); general threads erased a year after
 * their last message; words written after the contact went scrubbed once that thread is quiet too;
 * a failure leaves everything as it was; two processes at once log each thing once.
 */
describe.each(TEST_DRIVERS)('chat retention on %s', (driver) => {
  let t: TestApp;
  let ops: Requester;
  let clock = T0;
  const reports: Record<string, { id: number; citizenToken: string }> = {};
  const threads: Record<string, number> = {};
  const original: Record<string, ChatMessage[]> = {};

  async function file(name: string, reporter: unknown) {
    const res = await postJson(t.app, '/api/reports', reportBody(reporter ? { reporter } : {}));
    expect(res.status).toBe(201);
    reports[name] = await res.json();
  }
  const citizenOf = (name: string) => as(t.app, { [CITIZEN_TOKEN_HEADER]: reports[name]!.citizenToken });
  async function say(who: Requester, name: string, text: string, images: string[] = []) {
    const res = await who.request(`/api/reports/${reports[name]!.id}/chat/messages`, post({ text, images }));
    expect(res.status).toBe(201);
  }
  async function move(name: string, ...actions: string[]) {
    for (const action of actions) {
      const res = await postJson(ops, `/api/reports/${reports[name]!.id}/transitions`, { action });
      expect(res.status, `${name}: ${action}`).toBe(200);
    }
  }
  async function openGeneral(name: string, citizenSays: string) {
    const res = await ops.request('/api/chats', post({ subject: 'Hỏi về giấy phép xây dựng', text: 'Chào chị' }));
    expect(res.status).toBe(201);
    const o = await res.json();
    threads[name] = o.thread.id;
    const me = as(t.app, { [CITIZEN_TOKEN_HEADER]: o.citizenToken });
    expect((await me.request(`/api/chats/${o.thread.id}/messages`, post({ text: citizenSays }))).status).toBe(201);
  }
  const messagesOfReport = async (name: string): Promise<ChatMessage[]> =>
    (await (await ops.request(`/api/reports/${reports[name]!.id}/chat`)).json()).messages;
  const messagesOfThread = async (name: string): Promise<ChatMessage[]> =>
    (await (await ops.request(`/api/chats/${threads[name]}`)).json()).messages;
  const logged = async (action: 'contact.erased' | 'chat.scrubbed' | 'chat.erased') =>
    (await t.store.audit.list({ action })).sort((a, b) => a.id - b.id);

  beforeAll(async () => {
    t = await startTestApp(driver, { now: () => clock });
    ops = as(t.app, await t.headersFor('operator'));
    await file('closed', CONTACT);
    await say(citizenOf('closed'), 'closed', ASKED, [PHOTO]);
    await say(ops, 'closed', ANSWERED, [PHOTO]);
    await file('open', CONTACT);
    await say(citizenOf('open'), 'open', ASKED, [PHOTO]);
    await file('anonymous', null);
    await say(citizenOf('anonymous'), 'anonymous', 'Số tôi 0987 654 321, cảm ơn.');
    await openGeneral('quiet', 'Nhà tôi số 5 Hàng Bài, số 0977 000 111.');
    await openGeneral('talking', 'Tôi hỏi lại: 0966 222 333.');
    clock = day(1);
    await move('closed', 'accept', 'resolve', 'close');
    await move('anonymous', 'reject');
    await move('open', 'accept');
    clock = day(200);
    expect(
      (await ops.request(`/api/chats/${threads.talking}/messages`, post({ text: 'Chị cần thêm gì không?' }))).status,
    ).toBe(201);
    for (const name of ['closed', 'open', 'anonymous']) original[name] = await messagesOfReport(name);
    for (const name of ['quiet', 'talking']) original[name] = await messagesOfThread(name);
  });
  afterAll(async () => t?.close());

  it('leaves everything as it was when a run fails half-way', async () => {
    clock = day(1 + DAYS + 1);
    const before = retentionCutoff(clock, DAYS);
    const counts = await t.store.chat.counts();
    await expect(t.store.contacts.eraseExpired(before, clock, DAYS, BROKEN)).rejects.toThrow('scrub failed');
    await expect(t.store.chat.redactQuiet(before, clock, DAYS, BROKEN)).rejects.toThrow('scrub failed');
    // The contact deleted before the scrub threw is back, nothing was rewritten, nothing logged.
    expect(await t.store.reports.contact(reports.closed!.id)).toMatchObject({ phone: CONTACT.phone });
    for (const name of ['closed', 'open', 'anonymous'])
      expect(await messagesOfReport(name), name).toEqual(original[name]);
    // The general thread shared the failed transaction with the anonymous report's thread.
    for (const name of ['quiet', 'talking']) expect(await messagesOfThread(name), name).toEqual(original[name]);
    for (const action of ['contact.erased', 'chat.scrubbed', 'chat.erased'] as const)
      expect(await logged(action), action).toEqual([]);
    expect(await t.store.chat.counts()).toEqual(counts);
  });

  it("scrubs a finished report's chat with its contact as it is erased, once, however many processes run the job", async () => {
    const counts = await t.store.chat.counts();
    // Two API processes running the whole job at once.
    const runs = await Promise.all(
      [0, 1].flatMap(() => [
        eraseExpiredContacts(t.store, clock, DAYS),
        redactQuietChats(t.store, clock, DAYS).then((r) => r.map((x) => x.threadId)),
      ]),
    );
    expect(runs[0]!.concat(runs[2]!)).toEqual([reports.closed!.id]);
    const anonymousThread = original.anonymous![0]!.threadId;
    expect(runs[1]!.concat(runs[3]!).sort()).toEqual([anonymousThread, threads.quiet!].sort());

    const [asked, answered] = await messagesOfReport('closed');
    expect(asked!.text).toBe(scrubContacts(ASKED, CONTACT));
    expect(asked!.text).toContain(SCRUBBED);
    for (const gone of ['0912', 'nguyễn thị lan', 'lan.nguyen@example.vn']) expect(asked!.text).not.toContain(gone);
    expect(asked!.images).toEqual([]);
    expect({ ...asked, text: '', images: [] }).toEqual({ ...original.closed![0], text: '', images: [] });
    // The staff message stays as written, images and all; the thread and its counts stay.
    expect(answered).toEqual(original.closed![1]);
    expect(await t.store.chat.counts()).toEqual(counts);

    // The stream's log held a copy of the citizen's words: rewritten too, the staff's kept.
    const copies = (await t.store.events.eventsOfReport(reports.closed!.id))
      .filter((e) => e.type === 'chat.message')
      .map((e) => (e.payload as { message: ChatMessage }).message);
    expect(copies.map((m) => [m.text, m.images])).toEqual([
      [asked!.text, []],
      [ANSWERED, [PHOTO]],
    ]);

    // Words written without a contact to scrub: the patterns alone, once the report is finished and the thread quiet.
    expect((await messagesOfReport('anonymous'))[0]!.text).toBe(`Số tôi ${SCRUBBED}, cảm ơn.`);
    // A general thread quiet for the retention: the citizen's words erased, the operator's kept.
    const [greeting, reply] = await messagesOfThread('quiet');
    expect(greeting).toEqual(original.quiet![0]);
    expect(reply).toMatchObject({ id: original.quiet![1]!.id, side: 'citizen', text: SCRUBBED, images: [] });
    // Still within the retention: an open report, a general thread whose last message was on day 200.
    expect(await messagesOfReport('open')).toEqual(original.open);
    expect(await messagesOfThread('talking')).toEqual(original.talking);

    const [contact] = await logged('contact.erased');
    expect(await logged('contact.erased')).toHaveLength(1);
    expect(contact).toMatchObject({ reportId: reports.closed!.id, userId: null, at: clock });
    const scrubbed = await logged('chat.scrubbed');
    expect(scrubbed.map((r) => [r.reportId, r.detail]).sort()).toEqual(
      [
        [reports.closed!.id, { threadId: asked!.threadId, messages: 1, reason: 'retention', retentionDays: DAYS }],
        [reports.anonymous!.id, { threadId: anonymousThread, messages: 1, reason: 'retention', retentionDays: DAYS }],
      ].sort(),
    );
    const erased = await logged('chat.erased');
    expect(erased.map((r) => [r.reportId, r.detail])).toEqual([
      [null, { threadId: threads.quiet, messages: 1, reason: 'retention', retentionDays: DAYS }],
    ]);

    // Run again: nothing left, nothing logged twice.
    expect(await eraseExpiredContacts(t.store, clock, DAYS)).toEqual([]);
    expect(await redactQuietChats(t.store, clock, DAYS)).toEqual([]);
    expect((await logged('chat.scrubbed')).length + (await logged('chat.erased')).length).toBe(3);
  });

  it('scrubs words written after the erasure once that thread has been quiet as long, as general threads from their last message', async () => {
    clock = day(400);
    await say(citizenOf('closed'), 'closed', 'Số mới của tôi là 0933 111 222.', [PHOTO]);
    clock = day(400 + DAYS - 1);
    // Only the general thread whose last message was on day 200, counted from that message.
    expect(await redactQuietChats(t.store, clock, DAYS)).toEqual([
      { threadId: threads.talking, reportId: null, messages: 1 },
    ]);
    expect((await messagesOfThread('talking')).map((m) => m.text)).toEqual(
      original.talking!.map((m) => (m.side === 'citizen' ? SCRUBBED : m.text)),
    );
    clock = day(400 + DAYS + 1);
    expect(await redactQuietChats(t.store, clock, DAYS)).toMatchObject([{ reportId: reports.closed!.id, messages: 1 }]);
    const messages = await messagesOfReport('closed');
    expect(messages.map((m) => m.text)).toEqual([
      scrubContacts(ASKED, CONTACT),
      ANSWERED,
      `Số mới của tôi là ${SCRUBBED}.`,
    ]);
    expect(messages[2]!.images).toEqual([]);
  });
});

/** At a reporter's request (npm run privacy -- erase): the contact and the chat, whatever the report's status. */
describe.each(TEST_DRIVERS)('chat erasure on request on %s', (driver) => {
  let t: TestApp;
  let ops: Requester;
  let report: { id: number; citizenToken: string };
  let me: Requester;
  const say = async (who: Requester, text: string) =>
    expect((await who.request(`/api/reports/${report.id}/chat/messages`, post({ text }))).status).toBe(201);

  beforeAll(async () => {
    t = await startTestApp(driver);
    ops = as(t.app, await t.headersFor('operator'));
    const res = await postJson(t.app, '/api/reports', reportBody({ reporter: CONTACT }));
    report = await res.json();
    me = as(t.app, { [CITIZEN_TOKEN_HEADER]: report.citizenToken });
    await say(me, ASKED);
    await say(ops, ANSWERED);
  });
  afterAll(async () => t?.close());

  it('erases the contact and scrubs the chat with it in one go, logging who asked', async () => {
    const at = new Date();
    const done = await t.store.contacts.erase(report.id, at, 'Phòng Pháp chế', CHAT_REDACTION);
    expect(done).toMatchObject({ contact: true, chat: { reportId: report.id, messages: 1 } });
    const [log] = await t.store.audit.list({ action: 'chat.scrubbed', reportId: report.id });
    expect(log!.detail).toEqual({
      threadId: done.chat!.threadId,
      messages: 1,
      reason: 'request',
      by: 'Phòng Pháp chế',
    });
    const staffView = (await (await ops.request(`/api/reports/${report.id}/chat`)).json()).messages as ChatMessage[];
    expect(staffView.map((m) => m.text)).toEqual([scrubContacts(ASKED, CONTACT), ANSWERED]);
    // The citizen is not locked out by the erasure.
    expect((await me.request(`/api/reports/${report.id}/chat`)).status).toBe(200);
  });

  it('scrubs only words written since when asked again, and nothing the third time', async () => {
    await say(me, 'Gọi số khác: 0933 111 222.');
    const again = await t.store.contacts.erase(report.id, new Date(), 'Phòng Pháp chế', CHAT_REDACTION);
    expect(again).toMatchObject({ contact: false, chat: { messages: 1 } });
    const staffView = (await (await ops.request(`/api/reports/${report.id}/chat`)).json()).messages as ChatMessage[];
    expect(staffView.at(-1)!.text).toBe(`Gọi số khác: ${SCRUBBED}.`);
    expect(await t.store.contacts.erase(report.id, new Date(), 'Phòng Pháp chế', CHAT_REDACTION)).toEqual({
      contact: false,
      chat: null,
    });
    expect(await t.store.audit.list({ action: 'chat.scrubbed', reportId: report.id })).toHaveLength(2);
    expect(await t.store.audit.list({ action: 'contact.erased', reportId: report.id })).toHaveLength(1);
  });
});
