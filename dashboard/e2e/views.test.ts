import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium, type RunningApp, screenshotPath, startProduct } from './browser';

const HAS_CHROMIUM = chromiumAvailable();

/** Console errors and uncaught exceptions of a page, collected from the first request on. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

/** Hexes counted from the rendered deck.gl layer, not from the fetch. */
async function waitForHexes(page: Page): Promise<number> {
  await page.waitForFunction(() => ((window as any).__citydeskMap?.renderedHexCount?.() ?? 0) > 0, null, {
    timeout: 30_000,
  });
  return page.evaluate(() => (window as any).__citydeskMap.renderedHexCount());
}

const UNIQUE = `E2E-${Date.now()}`;
const PRIVATE = {
  name: 'Phạm Thị Bí Mật',
  phone: '0987000111',
  email: 'bimat.e2e@example.vn',
  description: `Mô tả riêng tư ${UNIQUE} không được công khai`,
};

describe.skipIf(!HAS_CHROMIUM)('dashboard in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;

  beforeAll(async () => {
    app = await startProduct();
    ({ browser, close: closeBrowser } = await launchChromium());
  }, 180_000);
  afterAll(async () => {
    await closeBrowser?.();
    await app?.stop();
  });

  const post = (body: Record<string, unknown>) =>
    fetch(`${app.base}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it.each([
    ['desk', '/', { width: 1440, height: 1000 }],
    ['wall', '/wall', { width: 1920, height: 1080 }],
    ['area', '/area/002', { width: 1440, height: 1000 }],
    ['public', '/public', { width: 1440, height: 1000 }],
    ['public-embed', '/public?embed=1&lang=en', { width: 1000, height: 700 }],
  ])('%s (%s) loads with zero console errors and draws hexes', async (name, path, viewport) => {
    const page = await browser.newPage({ viewport });
    const errors = watchErrors(page);
    await page.goto(app.base + path, { waitUntil: 'domcontentloaded' });
    expect(await waitForHexes(page)).toBeGreaterThan(0);
    await page.waitForTimeout(1_500);
    await page.screenshot({ path: screenshotPath(name) });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a report POSTed now in the ticker and moves the received KPI within 2 s', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const errors = watchErrors(page);
    await page.goto(`${app.base}/?w=24h`, { waitUntil: 'domcontentloaded' });
    await waitForHexes(page);
    await page.waitForFunction(() => document.querySelector('[data-testid="live-dot"]')?.classList.contains('on'));
    const kpi = page.getByTestId('kpi-received');
    const digits = async () => Number((await kpi.textContent())!.replace(/\D/g, ''));
    const before = await digits();
    const title = `Ống nước vỡ ${UNIQUE}`;
    const res = await post({
      category: 'water_supply',
      lat: 21.0245,
      lng: 105.8412,
      title,
      description: 'Nước chảy tràn ra đường',
    });
    expect(res.status).toBe(201);
    // Both show from the same render: wait for them together, 2 s from the POST's answer.
    await page.waitForFunction(
      ([title, n]) => {
        const ticker = document.querySelector('[data-testid="ticker"]')?.textContent ?? '';
        const kpi = Number(
          document.querySelector('[data-testid="kpi-received"]')?.textContent?.replace(/\D/g, '') ?? 0,
        );
        return ticker.includes(title as string) && kpi > (n as number);
      },
      [title, before] as const,
      { timeout: 2_000, polling: 50 },
    );
    expect(await digits()).toBeGreaterThan(before);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('titles the page and the header with the city the server serves', async () => {
    const city = (await (await fetch(`${app.base}/api/city`)).json()) as { shortNameVi: string; shortNameEn: string };
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const errors = watchErrors(page);
    await page.goto(`${app.base}/?lang=en`, { waitUntil: 'domcontentloaded' });
    await expect.poll(() => page.title()).toBe(`citydesk — ${city.shortNameVi}`);
    expect(await page.locator('header h1').textContent()).toMatch(new RegExp(`^citydesk ${city.shortNameEn} · `));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says in both languages when the city cannot be loaded, and draws no view', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
    await page.route('**/api/city', (route) => route.fulfill({ status: 503, body: '{}' }));
    await page.goto(`${app.base}/wall`, { waitUntil: 'domcontentloaded' });
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('Không tải được thông tin thành phố');
    expect(text).toContain('Could not load the city');
    expect(text).toContain('HTTP 503');
    expect(await page.locator('.page').count()).toBe(0);
    await page.close();
  });

  it('keeps names, phones, e-mails, descriptions and exact points out of the public view', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await post({
        category: 'environment_waste',
        lat: 21.0287 + i * 0.0002,
        lng: 105.8524,
        title: `Rác ${UNIQUE} ${i}`,
        description: PRIVATE.description,
        reporter: { name: PRIVATE.name, phone: PRIVATE.phone, email: PRIVATE.email },
      });
      expect(res.status).toBe(201);
    }
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const errors = watchErrors(page);
    const bodies: Array<{ url: string; body: string }> = [];
    page.on('response', async (r) => {
      const type = r.headers()['content-type'] ?? '';
      if (/json|text\/plain/.test(type)) bodies.push({ url: r.url(), body: await r.text().catch(() => '') });
    });
    await page.goto(`${app.base}/public`, { waitUntil: 'domcontentloaded' });
    await waitForHexes(page);
    await page.waitForTimeout(2_000);
    const text = await page.evaluate(() => document.body.textContent);
    for (const secret of [PRIVATE.name, PRIVATE.phone, PRIVATE.email, PRIVATE.description, UNIQUE]) {
      expect(text).not.toContain(secret);
      for (const b of bodies) expect(b.body, b.url).not.toContain(secret);
    }
    for (const b of bodies) {
      expect(b.url).not.toMatch(/\/api\/reports/);
      expect(b.body, b.url).not.toMatch(/"(description|reporter|phone|email|lat|lng)"\s*:/);
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});
