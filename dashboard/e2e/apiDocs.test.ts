import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumAvailable,
  launchChromium,
  type RunningApp,
  screenshotPath,
  startProduct,
  watchErrors,
} from './browser';

const HAS_CHROMIUM = chromiumAvailable();

type Spec = { paths: Record<string, Record<string, { summary?: string }>> };

describe.skipIf(!HAS_CHROMIUM)('the API reference page /api/docs (Chromium)', () => {
  let app: RunningApp;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;

  beforeAll(async () => {
    app = await startProduct({ SIMULATE: 'off', BACKFILL: '0' });
    ({ browser, close: closeBrowser } = await launchChromium());
  }, 180_000);
  afterAll(async () => {
    await closeBrowser?.();
    await app?.stop();
  });

  it('lists every operation of the contract under the strict CSP, from this origin only, and opens one with its parameters', async () => {
    const spec = (await (await fetch(`${app.base}/api/openapi.json`)).json()) as Spec;
    const operations = Object.entries(spec.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path, summary: ops[method].summary })),
    );
    expect(operations.length).toBeGreaterThan(50);

    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const errors = watchErrors(page);
    const elsewhere: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(app.base) && !r.url().startsWith('data:')) elsewhere.push(r.url());
    });
    await page.goto(`${app.base}/api/docs`, { waitUntil: 'domcontentloaded' });

    // Swagger UI draws one block per operation once it has read /api/openapi.json.
    const blocks = page.locator('.opblock');
    await page.waitForFunction((n) => document.querySelectorAll('.opblock').length >= n, operations.length, {
      timeout: 30_000,
    });
    expect(await blocks.count()).toBe(operations.length);
    await expect
      .poll(() => page.locator('.opblock-summary-path').allTextContents())
      .toEqual(expect.arrayContaining(['/api/reports', '/api/stream', '/api/openapi.json']));
    const reports = page.locator('.opblock-get', {
      has: page.locator('.opblock-summary-path', { hasText: /^\/api\/reports$/ }),
    });
    await expect.poll(() => reports.locator('.opblock-summary-description').textContent()).toBe('List reports');
    await page.screenshot({ path: screenshotPath('api-docs'), fullPage: false });

    // Opened: its query parameters, read from the validator's schema, and who may call.
    await reports.locator('.opblock-summary').click();
    await reports.locator('.parameters').waitFor({ timeout: 10_000 });
    const names = await reports.locator('.parameter__name').allTextContents();
    expect(names.map((n) => n.replace(/\*|required/g, '').trim())).toEqual(
      expect.arrayContaining(['status', 'category', 'area', 'limit', 'cursor']),
    );
    await page.screenshot({ path: screenshotPath('api-docs-operation'), fullPage: false });

    expect(elsewhere).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
