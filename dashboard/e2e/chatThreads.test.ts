import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumAvailable,
  type E2EUser,
  launchChromium,
  type RunningApp,
  screenshotPath,
  startProduct,
  watchErrors,
  signedIn,
} from './browser';

/**
 * The desk's chats panel end to end, in the built dashboard against the real server: an operator
 * opens a general thread from the panel and is shown the citizen's token once; the citizen, with
 * that token, answers through the API; the thread's unread count rises live, the answer shows in
 * the conversation (which marks it read), the operator replies, and the citizen reads the reply
 * through the API, its receipt showing live. A report's thread in the list opens the report's
 * drawer. A district chief's panel lists its area's report thread and no general thread.
 */
const HAS_CHROMIUM = chromiumAvailable();
const USERS = {
  operator: { name: 'e2e.chats.operator', password: 'operator pass 1', role: 'operator' },
  chief: { name: 'e2e.chats.chief002', password: 'chief pass 1', role: 'chief', areaCode: '002' },
} satisfies Record<string, E2EUser>;
const UNIQUE = `CHATS-${Date.now()}`;
const WAIT = { timeout: 20_000 };

describe.skipIf(!HAS_CHROMIUM)('the chats panel in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let operator: BrowserContext;
  /** A report in district 002 whose citizen has written: a report thread for both desks. */
  let report: { id: number; publicId: string; citizenToken: string };
  /** The general thread the operator opens, for the chief's check. */
  let generalId = 0;

  const signedInAs = (user: E2EUser, landing: RegExp) => signedIn(browser, app.base, user, landing);

  /** The citizen's side: no account, its token in X-Citizen-Token. */
  const citizen = (path: string, token: string, body?: unknown) =>
    fetch(`${app.base}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'X-Citizen-Token': token, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  const unreadOf = (row: Locator) => row.getByTestId('chat-unread').getAttribute('data-unread');

  beforeAll(async () => {
    // No simulator: the only threads are this test's, so what the panels list is what it made.
    app = await startProduct({ SIMULATE: 'off' }, Object.values(USERS));
    ({ browser, close: closeBrowser } = await launchChromium());
    operator = await signedInAs(USERS.operator, /\/$/);
    const filed = await fetch(`${app.base}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        category: 'traffic_roads',
        lat: 21.0287,
        lng: 105.8524,
        title: `Đèn tín hiệu hỏng ngã tư Hàng Bài ${UNIQUE}`,
        description: 'Đèn đỏ không sáng từ sáng nay.',
      }),
    });
    expect(filed.status).toBe(201);
    report = (await filed.json()) as typeof report;
    const asked = await citizen(`/api/reports/${report.publicId}/chat/messages`, report.citizenToken, {
      text: 'Khi nào đèn được sửa ạ?',
    });
    expect(asked.status).toBe(201);
  }, 180_000);
  afterAll(async () => {
    await operator?.close();
    await closeBrowser?.();
    await app?.stop();
  });

  it('opens a general thread from the desk and carries the conversation both ways, live', async () => {
    const page: Page = await operator.newPage();
    const errors = watchErrors(page);
    await page.goto(`${app.base}/`, { waitUntil: 'domcontentloaded' });
    const panel = page.getByTestId('chat-panel');
    await panel.waitFor();
    expect(await panel.locator('h2').first().textContent()).toMatch(/^Trò chuyện/);
    // The report's thread is listed with its citizen's message unread.
    const reportRow = panel.locator(`li[data-report="${report.id}"]`);
    await reportRow.waitFor(WAIT);
    expect(await reportRow.textContent()).toContain(report.publicId);
    expect(await unreadOf(reportRow)).toBe('1');
    // The desk has its stream before anything changes, so what follows must arrive live.
    await page.waitForFunction(() => document.querySelector('[data-testid="live-dot"]')?.classList.contains('on'));

    // The operator opens a general thread: a subject and a first message.
    const subject = `Hỏi về lịch cắt nước tuần tới ${UNIQUE}`;
    await panel.getByTestId('chat-new-open').click();
    const form = panel.getByTestId('chat-new-form');
    await form.getByLabel('Chủ đề').fill(subject);
    await form.getByLabel('Tin nhắn đầu tiên').fill('Chào anh, chị cần hỏi gì về lịch cắt nước ạ?');
    await form.getByRole('button', { name: 'Mở hội thoại' }).click();

    // The token is shown this once, with what to do with it.
    const notice = panel.getByTestId('chat-token');
    await notice.waitFor(WAIT);
    const token = (await notice.getByTestId('chat-token-value').textContent()) ?? '';
    expect(token).toMatch(/^cit_/);
    expect(await notice.textContent()).toMatch(/trao mã này cho người dân.*không hiện lại/);
    generalId = Number(await notice.getAttribute('data-thread'));
    expect(generalId).toBeGreaterThan(0);
    await panel.screenshot({ path: screenshotPath('chats-panel-token') });

    // The thread is listed first (newest activity), nothing unread: its one message is the operator's.
    const row = panel.locator(`li[data-thread="${generalId}"]`);
    await row.waitFor(WAIT);
    expect(await panel.locator('ul.chat-threads > li').first().getAttribute('data-thread')).toBe(String(generalId));
    expect(await row.textContent()).toContain(subject);
    expect(await unreadOf(row)).toBe('0');
    await notice.getByRole('button').click();
    expect(await panel.getByTestId('chat-token').count()).toBe(0);

    // The citizen answers with the token it was handed; the unread count rises on the desk, live.
    const answer = 'Tôi ở ngõ 12 Hàng Bài, tuần tới có cắt nước không ạ?';
    const answered = await citizen(`/api/chats/${generalId}/messages`, token, { text: answer });
    expect(answered.status).toBe(201);
    const answerId = ((await answered.json()) as { message: { id: number } }).message.id;
    await expect.poll(() => unreadOf(row), WAIT).toBe('1');
    await expect.poll(() => panel.getByTestId('chat-unread-total').textContent(), WAIT).toBe('2 tin chưa đọc');
    await panel.screenshot({ path: screenshotPath('chats-panel-unread') });

    // Opening the thread shows the answer as written and marks it read: the citizen's view says so.
    await row.getByRole('button').click();
    const conversation = page.getByTestId('chat-conversation');
    await conversation.waitFor();
    expect(await conversation.locator('h2').textContent()).toBe(subject);
    const answerLine = conversation.locator(`li[data-message="${answerId}"][data-side="citizen"]`);
    await answerLine.waitFor(WAIT);
    expect(await answerLine.locator('.chat-text').textContent()).toBe(answer);
    const staffRead = async () =>
      ((await (await citizen(`/api/chats/${generalId}`, token)).json()) as { thread: { read: { staff: number } } })
        .thread.read.staff;
    await expect.poll(staffRead, WAIT).toBe(answerId);
    await expect.poll(() => unreadOf(row), WAIT).toBe('0');

    // The operator replies from the conversation.
    const reply = `Tuần tới ngõ 12 không bị cắt nước. ${UNIQUE}`;
    await conversation.getByRole('textbox').fill(reply);
    await conversation.getByRole('button', { name: 'Gửi' }).click();
    const replyLine = conversation.locator('li[data-side="staff"]', { hasText: reply });
    await replyLine.waitFor(WAIT);
    // Cleared on the POST's answer, which may come after the stream has shown the reply.
    await expect.poll(() => conversation.getByRole('textbox').inputValue(), WAIT).toBe('');

    // The citizen reads it through the API — by role only — and its receipt shows on the desk, live.
    const thread = (await (await citizen(`/api/chats/${generalId}`, token)).json()) as {
      messages: Array<{ id: number; side: string; text: string; author: unknown }>;
    };
    const got = thread.messages.find((m) => m.text === reply)!;
    expect(got.side).toBe('staff');
    expect(got.author).toEqual({ role: 'operator' });
    const read = await citizen(`/api/chats/${generalId}/read`, token, { lastReadId: got.id });
    expect(read.status).toBe(200);
    await replyLine.getByTestId('chat-seen').waitFor(WAIT);
    await page.screenshot({ path: screenshotPath('chats-conversation') });

    // A report's thread opens the report's drawer, in the conversation's place.
    await reportRow.getByRole('button').click();
    const detail = page.getByTestId('report-detail');
    await detail.waitFor(WAIT);
    expect(await detail.locator('h2').textContent()).toContain(UNIQUE);
    await detail.locator('li[data-side="citizen"]').first().waitFor(WAIT);
    expect(await page.getByTestId('chat-conversation').count()).toBe(0);
    // Every unread message has been read by now.
    await expect.poll(() => panel.getByTestId('chat-unread-total').count(), WAIT).toBe(0);

    // In English.
    await page.getByTestId('lang-toggle').click();
    await expect.poll(() => panel.locator('h2').first().textContent()).toBe('Chats');
    expect(await panel.getByTestId('chat-new-open').textContent()).toBe('New conversation');
    expect(await row.textContent()).toContain('General conversation');
    expect(errors).toEqual([]);
    await page.close();
  });

  it("lists a district chief its area's report thread and no general thread", async () => {
    expect(generalId).toBeGreaterThan(0);
    const chief = await signedInAs(USERS.chief, /\/area\/002/);
    const page = await chief.newPage();
    const errors = watchErrors(page);
    await page.goto(`${app.base}/area/002`, { waitUntil: 'domcontentloaded' });
    const panel = page.getByTestId('chat-panel');
    // The list has loaded (the report's thread is there) before its absences count.
    await panel.locator(`li[data-report="${report.id}"]`).waitFor(WAIT);
    expect(await panel.locator(`li[data-thread="${generalId}"]`).count()).toBe(0);
    expect(await panel.locator('ul.chat-threads > li').count()).toBe(1);
    // Opening general threads is the operations centre's.
    expect(await panel.getByTestId('chat-new-open').count()).toBe(0);
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('chats-chief') });
    expect(errors).toEqual([]);
    await chief.close();
  });
});
