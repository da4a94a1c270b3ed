import type { Browser, BrowserContext, Page } from 'playwright-core';
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
  waitForDrawnFeature,
} from './browser';

const HAS_CHROMIUM = chromiumAvailable();

const USERS = {
  operator: { name: 'e2e.initiative.operator', password: 'operator pass 1', role: 'operator' },
} satisfies Record<string, E2EUser>;

/** A citizen's idea beside Hoàn Kiếm lake, with a phone number the public copy must lose. */
const IDEA = {
  title: 'Ghế đá và vòi nước uống quanh hồ Hoàn Kiếm',
  text: 'Đề xuất đặt thêm ghế đá và vòi nước uống miễn phí cho người đi bộ quanh hồ. Gọi tôi 0912 345 678 nếu cần.',
  topic: 'planning',
  lat: 21.0287,
  lng: 105.8524,
  submitter: { name: 'Phạm Thị Góp Ý', phone: '0987654321' },
};

/** The initiative is drawn on the map. */
const waitForPointDrawn = (page: Page, publicId: string) =>
  waitForDrawnFeature(page, 'initiatives', ['publicId'], publicId, 60_000);

/**
 * Initiatives end to end in the product: a citizen files one through the API (no account), an
 * operator answers and publishes it from the desk's panel, and the public page lists it — the
 * scrubbed text, the city's answer — with its point on the map.
 */
describe.skipIf(!HAS_CHROMIUM)('initiatives in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let operator: BrowserContext;
  let publicId = '';

  beforeAll(async () => {
    app = await startProduct({ SIMULATE: 'off' }, Object.values(USERS));
    ({ browser, close: closeBrowser } = await launchChromium());
    operator = await signedIn(browser, app.base, USERS.operator, /\/$/);
  }, 180_000);
  afterAll(async () => {
    await operator?.close();
    await closeBrowser?.();
    await app?.stop();
  });

  it('is filed by a citizen, answered and published by an operator on the desk', async () => {
    const page = await operator.newPage();
    const errors = watchErrors(page);
    await page.goto(`${app.base}/`, { waitUntil: 'domcontentloaded' });
    const panel = page.getByTestId('initiative-panel');
    await panel.waitFor();
    expect(await panel.locator('h2').textContent()).toBe('Sáng kiến, góp ý');
    await page.waitForFunction(() => document.querySelector('[data-testid="live-dot"]')?.classList.contains('on'));

    // The citizen files through the API, with no account: the desk hears of it on the stream.
    const res = await fetch(`${app.base}/api/initiatives`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(IDEA),
    });
    expect(res.status).toBe(201);
    publicId = (await res.json()).publicId;
    const item = panel.locator(`li[data-initiative="${publicId}"]`);
    await item.waitFor({ timeout: 20_000 });
    expect(await item.textContent()).toContain('Chưa công khai');

    // Answer: under review, in Vietnamese and English.
    await item.getByRole('combobox').selectOption('under_review');
    await item.getByLabel('Trả lời (tiếng Việt)').fill('Đã chuyển Sở Xây dựng nghiên cứu.');
    await item.getByLabel('Trả lời (tiếng Anh, không bắt buộc)').fill('Passed to the Department of Construction.');
    await item.getByRole('button', { name: 'Trả lời' }).click();
    await expect.poll(() => item.getByTestId('initiative-status-badge').textContent()).toBe('Đang xem xét');
    await item.getByTestId('initiative-publish').click();
    await expect.poll(() => item.textContent()).toContain('Đã công khai');
    expect(await panel.getByTestId('initiative-kpis').textContent()).toMatch(/Tiếp nhận\s*1.*Đã trả lời\s*1/);

    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: screenshotPath('initiatives-desk-panel') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows on the public page, scrubbed, with its answer and its point on the map', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${app.base}/public`, { waitUntil: 'domcontentloaded' });
    const list = page.getByTestId('public-initiatives');
    const item = list.locator(`li[data-initiative="${publicId}"]`);
    await item.waitFor({ timeout: 15_000 });
    const text = (await item.textContent()) ?? '';
    expect(text).toContain(IDEA.title);
    expect(text).toContain('Đã chuyển Sở Xây dựng nghiên cứu.');
    expect(text).toContain('[đã ẩn]');
    for (const s of ['0912 345 678', '0987654321', IDEA.submitter.name]) expect(text).not.toContain(s);
    // Its place by name, never a bare code.
    expect(text).toContain('Hoàn Kiếm');
    expect(text).not.toContain('00070');
    await waitForPointDrawn(page, publicId);
    await page.screenshot({ path: screenshotPath('initiatives-public'), fullPage: true });

    await page.getByTestId('lang-toggle').click();
    await expect.poll(() => list.locator('xpath=preceding-sibling::h2[1]').textContent()).toBe("Citizens' initiatives");
    expect(await item.textContent()).toContain('Passed to the Department of Construction.');
    expect(errors).toEqual([]);
    await context.close();
  });
});
