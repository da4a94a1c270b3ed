import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumAvailable,
  type E2EUser,
  launchChromium,
  type RunningApp,
  screenshotPath,
  startProduct,
  signedIn,
} from './browser';

/**
 * Hanoi Chat end to end, in the built dashboard against the real server: a citizen writes on
 * their report through the API (with the token its filing returned), the message appears live in
 * the operator's drawer, the operator answers from the drawer's reply box, and the citizen reads
 * the answer through the API; each side's read receipt is seen by the other.
 */
const HAS_CHROMIUM = chromiumAvailable();
const OPERATOR: E2EUser = { name: 'e2e.chat.operator', password: 'operator pass 1', role: 'operator' };
const UNIQUE = `CHAT-${Date.now()}`;

describe.skipIf(!HAS_CHROMIUM)('Hanoi Chat in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let operator: BrowserContext;

  beforeAll(async () => {
    // No simulator: the only reports and messages are this test's, so what shows is what it sent.
    app = await startProduct({ SIMULATE: 'off' }, [OPERATOR]);
    ({ browser, close: closeBrowser } = await launchChromium());
    operator = await signedIn(browser, app.base, OPERATOR, /\/$/);
  }, 180_000);
  afterAll(async () => {
    await operator?.close();
    await closeBrowser?.();
    await app?.stop();
  });

  const api = (path: string, token: string, body?: unknown) =>
    fetch(`${app.base}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'X-Citizen-Token': token, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('carries a citizen message live into the drawer, the reply back, and both read receipts', async () => {
    const page: Page = await operator.newPage();
    const errors: string[] = [];
    page.on('console', (m: ConsoleMessage) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${app.base}/?w=24h`, { waitUntil: 'domcontentloaded' });
    await page.waitForFunction(() => document.querySelector('[data-testid="live-dot"]')?.classList.contains('on'));

    // A citizen files a report and keeps the token the 201 shows once.
    const filed = await fetch(`${app.base}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        category: 'traffic_roads',
        lat: 21.0287,
        lng: 105.8524,
        title: `Ổ gà trước số 12 Hàng Bài ${UNIQUE}`,
        description: 'Ổ gà sâu, xe máy dễ ngã buổi tối.',
        reporter: { name: 'Trần Văn Hùng', phone: '0912345678' },
      }),
    });
    expect(filed.status).toBe(201);
    const report = (await filed.json()) as { id: number; publicId: string; citizenToken: string };

    // The operator opens it from the ticker.
    const tick = page.locator(`[data-testid="ticker"] li[data-report="${report.id}"]`);
    await tick.waitFor({ timeout: 20_000 });
    await tick.click();
    const detail = page.getByTestId('report-detail');
    await detail.waitFor();
    await detail.getByTestId('chat-reply').waitFor();

    // The citizen asks, through the API; it shows in the open drawer without a reload.
    const question = 'Chào anh chị, khi nào đội sửa đường đến ạ? Số tôi 0912 345 678.';
    const asked = await api(`/api/reports/${report.publicId}/chat/messages`, report.citizenToken, { text: question });
    expect(asked.status).toBe(201);
    const askedId = ((await asked.json()) as { message: { id: number } }).message.id;
    const citizenLine = detail.locator(`li[data-message="${askedId}"][data-side="citizen"]`);
    await citizenLine.waitFor({ timeout: 20_000 });
    // Staff see it as written: they handle the report.
    expect(await citizenLine.locator('.chat-text').textContent()).toBe(question);

    // The drawer marked it read for the staff side: the citizen's view says so.
    const staffRead = async () =>
      (
        (await (await api(`/api/reports/${report.publicId}/chat`, report.citizenToken)).json()) as {
          thread: { read: { staff: number } };
        }
      ).thread.read.staff;
    await expect.poll(staffRead, { timeout: 20_000 }).toBe(askedId);

    // The operator answers from the drawer.
    const answer = `Đội duy tu sẽ đến trong sáng mai. ${UNIQUE}`;
    await detail.getByRole('textbox').fill(answer);
    await detail.getByRole('button', { name: /^(Gửi|Send)$/ }).click();
    const staffLine = detail.locator('li[data-side="staff"]', { hasText: answer });
    await staffLine.waitFor({ timeout: 20_000 });
    // The box clears when the POST's answer comes back, which may be after the stream has already
    // brought the message into the thread.
    await expect.poll(() => detail.getByRole('textbox').inputValue(), { timeout: 20_000 }).toBe('');

    // The citizen reads it through the API: the answer, by role only; its own message scrubbed.
    const thread = (await (await api(`/api/reports/${report.publicId}/chat`, report.citizenToken)).json()) as {
      messages: Array<{ id: number; side: string; text: string; author: { role: string } | null }>;
    };
    const reply = thread.messages.find((m) => m.side === 'staff')!;
    expect(reply).toMatchObject({ text: answer, author: { role: 'operator' } });
    expect(thread.messages[0]!.text).not.toContain('0912');
    const read = await api(`/api/reports/${report.publicId}/chat/read`, report.citizenToken, { lastReadId: reply.id });
    expect(read.status).toBe(200);
    // …and the drawer shows the citizen has seen it, live.
    await staffLine.getByTestId('chat-seen').waitFor({ timeout: 20_000 });

    await page.screenshot({ path: screenshotPath('chat-drawer') });
    expect(errors).toEqual([]);
    await page.close();
  });
});
