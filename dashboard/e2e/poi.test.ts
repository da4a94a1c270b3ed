import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumAvailable,
  type E2EUser,
  launchChromium,
  type RunningApp,
  screenshotPath,
  startProduct,
  watchErrors,
  fillSignIn,
} from './browser';

const HAS_CHROMIUM = chromiumAvailable();
const OPERATOR: E2EUser = { name: 'e2e.poi.operator', password: 'operator pass 1', role: 'operator' };
const ATTRIBUTION = '© OpenStreetMap contributors, ODbL';

/** The map is up: MapLibre and deck.gl created (the test handle appears then). */
async function waitForMap(page: Page) {
  await page.waitForFunction(() => Boolean((window as any).__citydeskMap?.deck), null, { timeout: 60_000 });
}

/** Resolves once the camera has settled within ~20 m of the point, zoomed in to street level. */
async function waitForCameraAt(page: Page, at: { lng: number; lat: number }) {
  await page.waitForFunction(
    ({ lng, lat }) => {
      const map = (window as any).__citydeskMap?.map;
      if (!map || map.isMoving()) return false;
      const c = map.getCenter();
      return Math.abs(c.lng - lng) < 2e-4 && Math.abs(c.lat - lat) < 2e-4 && map.getZoom() >= 14;
    },
    at,
    { timeout: 30_000 },
  );
}

/** Types like a person into the place search and picks the result named `name` (else the first). */
async function searchAndPick(page: Page, text: string, name?: string): Promise<string> {
  const box = page.getByRole('searchbox', { name: /^(Tìm địa điểm|Find a place)$/ });
  await box.fill(text);
  const results = page.getByTestId('poi-search').locator('li button');
  await results.first().waitFor({ timeout: 15_000 });
  const target = name ? results.filter({ hasText: name }).first() : results.first();
  const picked = (await target.locator('.poi-result-name').textContent())!;
  await target.click();
  return picked;
}

describe.skipIf(!HAS_CHROMIUM)('places: search, fly, card (Chromium)', () => {
  let app: RunningApp;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;

  beforeAll(async () => {
    // The places come with the pack; no reports are needed to find them.
    app = await startProduct({ SIMULATE: 'off', BACKFILL: '0' }, [OPERATOR]);
    ({ browser, close: closeBrowser } = await launchChromium());
  }, 180_000);
  afterAll(async () => {
    await closeBrowser?.();
    await app?.stop();
  });

  const api = async (path: string) => (await fetch(`${app.base}${path}`)).json();

  it('on the desk: "benh vien" lists hospitals, a pick flies the map there and opens the card with the OSM attribution', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${app.base}/signin`, { waitUntil: 'domcontentloaded' });
    await fillSignIn(page, OPERATOR);
    await page.waitForURL(/\/$/);
    await waitForMap(page);

    const picked = await searchAndPick(page, 'benh vien');
    expect(picked).toMatch(/^Bệnh [vV]iện/);
    // Where the API says that place is.
    const { items } = await api(`/api/poi/search?q=${encodeURIComponent(picked)}&limit=1`);
    const place = items[0] as { lng: number; lat: number; name: string; layer: string };
    expect(place.name).toBe(picked);
    await waitForCameraAt(page, place);

    const card = page.getByTestId('poi-card');
    await expect.poll(() => card.locator('h3').textContent()).toBe(picked);
    expect(await card.textContent()).toContain('Bệnh viện');
    expect(await page.getByTestId('poi-attribution').textContent()).toContain(ATTRIBUTION);
    // Its layer is switched on, so the point under the ring is drawn too (and the URL says so).
    expect(await page.locator(`input[data-overlay="${place.layer}"]`).isChecked()).toBe(true);
    expect(new URL(page.url()).searchParams.get('o')).toContain(place.layer);
    await page.waitForTimeout(1_000); // one software-rendered frame with the ring, for the screenshot
    await page.screenshot({ path: screenshotPath('poi-desk') });

    // A website is an http(s) link that opens apart from the desk.
    await searchAndPick(page, 'dolife', 'Dolife');
    const site = page.getByTestId('poi-card').locator('a[target="_blank"]').first();
    await expect.poll(() => site.getAttribute('href')).toMatch(/^https:\/\/dolife/);
    expect(await site.getAttribute('rel')).toContain('noopener');

    // Clicking the drawn point opens the card too: close it, click where the map draws the place.
    await page
      .getByTestId('poi-card')
      .getByRole('button', { name: /^(Đóng|Close)$/ })
      .click();
    await expect.poll(() => page.getByTestId('poi-card').count()).toBe(0);
    const dolife = (await api('/api/poi/search?q=dolife&limit=1')).items[0] as { lng: number; lat: number };
    await waitForCameraAt(page, dolife);
    const xy = await page.evaluate(({ lng, lat }) => {
      const map = (window as any).__citydeskMap.map;
      const p = map.project([lng, lat]);
      const r = map.getCanvas().getBoundingClientRect();
      return { x: r.left + p.x, y: r.top + p.y };
    }, dolife);
    // deck.gl picks from what it drew: wait for the point to be under the pointer, then click it.
    await page.waitForFunction(
      ({ x, y }) => {
        const h = (window as any).__citydeskMap;
        const r = h.map.getCanvas().getBoundingClientRect();
        return Boolean(h.overlay.pickObject({ x: x - r.left, y: y - r.top, radius: 4 })?.object?.properties?.osm);
      },
      xy,
      { timeout: 20_000 },
    );
    await page.mouse.click(xy.x, xy.y);
    await expect.poll(() => page.getByTestId('poi-card').locator('h3').textContent()).toMatch(/Dolife/);
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);

  it('on the public page: "cho dong xuan" finds Chợ Đồng Xuân, in English too', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const errors = watchErrors(page);
    await page.goto(`${app.base}/public`, { waitUntil: 'domcontentloaded' });
    await waitForMap(page);
    expect(await searchAndPick(page, 'cho dong xuan')).toBe('Chợ Đồng Xuân');
    const card = page.getByTestId('poi-card');
    await expect.poll(() => card.locator('h3').textContent()).toBe('Chợ Đồng Xuân');
    expect(await card.textContent()).toContain('Chợ');
    expect(await page.getByTestId('poi-attribution').textContent()).toContain(ATTRIBUTION);
    const { items } = await api('/api/poi/search?q=cho+dong+xuan&limit=1');
    await waitForCameraAt(page, items[0]);
    await page.getByTestId('lang-toggle').click();
    await expect.poll(() => card.textContent()).toContain('Market');
    await page.waitForTimeout(1_000);
    await page.screenshot({ path: screenshotPath('poi-public') });
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
