import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumAvailable,
  type E2EUser,
  launchChromium,
  type RunningApp,
  screenshotPath,
  signedIn,
  startProduct,
  watchErrors,
} from './browser';

const HAS_CHROMIUM = chromiumAvailable();

/** Borough 1 is Manhattan; NYPD the agency with the most complaint types. */
const OPERATOR = { name: 'e2e.nyc.operator', password: 'operator pass 1', role: 'operator' } satisfies E2EUser;

const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;
const HANOI = /Hà Nội|Hanoi|Ha Noi|Quận|Phường/;

async function waitForHexes(page: Page): Promise<number> {
  await page.waitForFunction(() => ((window as any).__citydeskMap?.renderedHexCount?.() ?? 0) > 0, null, {
    timeout: 60_000,
  });
  return page.evaluate(() => (window as any).__citydeskMap.renderedHexCount());
}

/** `CITY=nyc`: the same product, started on the New York pack, shows New York and nothing of Hanoi. */
describe.skipIf(!HAS_CHROMIUM)('the desk on CITY=nyc in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let operator: BrowserContext;

  beforeAll(async () => {
    app = await startProduct({ CITY: 'nyc' }, [OPERATOR]);
    ({ browser, close: closeBrowser } = await launchChromium());
    operator = await signedIn(browser, app.base, OPERATOR, /\/$/);
  }, 180_000);
  afterAll(async () => {
    await operator?.close();
    await closeBrowser?.();
    await app?.stop();
  });

  it('opens the desk on New York: English, boroughs, US numbers, the map over Manhattan', async () => {
    const page = await operator.newPage();
    const errors = watchErrors(page);
    const layersListed = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/layers');
    await page.goto(`${app.base}/?lang=vi`, { waitUntil: 'domcontentloaded' });
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 30_000 }).toMatch(/New York/);
    // The pack has no places: once the layers are listed, no search box offers to find them.
    await (await layersListed).finished();
    expect(await page.getByTestId('poi-search').count()).toBe(0);
    expect(await waitForHexes(page)).toBeGreaterThan(0);
    // One language: ?lang=vi is not offered, and there is no toggle.
    expect(await page.getByTestId('lang-toggle').count()).toBe(0);
    await expect
      .poll(() => page.getByTestId('filter-level').locator('option').allTextContents())
      .toEqual(['Borough', 'Community district']);
    await expect.poll(() => page.locator('body').textContent(), { timeout: 30_000 }).toMatch(/Manhattan/);
    const text = (await page.locator('body').textContent()) ?? '';
    expect(text).toMatch(/Received/);
    expect(text).not.toMatch(VIETNAMESE);
    expect(text).not.toMatch(HANOI);
    // KPI figures grouped the US way (the backfill gives thousands of reports).
    expect(text).toMatch(/\b\d{1,3},\d{3}\b/);
    // The map opens over Midtown and Lower Manhattan.
    const center = await page.evaluate(() => (window as any).__citydeskMap.map.getCenter());
    expect(center.lng).toBeGreaterThan(-74.05);
    expect(center.lng).toBeLessThan(-73.9);
    expect(center.lat).toBeGreaterThan(40.68);
    expect(center.lat).toBeLessThan(40.8);
    // New reports arrive live, named by their community district (from the city's areas, not a bare code).
    await expect
      .poll(() => page.locator('body').textContent(), { timeout: 60_000 })
      .toMatch(/ · (Manhattan|Bronx|Brooklyn|Queens|Staten Island) CD \d+/);
    await page.screenshot({ path: screenshotPath('nyc-desk') });
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
