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
const OPERATOR: E2EUser = { name: 'e2e.alerts.operator', password: 'operator pass 1', role: 'operator' };
const UNIQUE = `${Date.now() % 100_000}`;
const ALERT = {
  titleVi: `Ngập sâu phố Hàng Bài ${UNIQUE}`,
  titleEn: `Deep flooding on Hang Bai ${UNIQUE}`,
  bodyVi: 'Nước ngập 50 cm, không đi vào khu vực.',
  bodyEn: 'Water 50 cm deep; keep out of the area.',
};

/** The alert with this title is drawn on the map (the 1920×1080 wall renders in software on busy CI cores: 2 min). */
const waitForAlertDrawn = (page: Page, title: string) =>
  waitForDrawnFeature(page, 'alerts', ['alert', 'titleVi'], title, 120_000);

describe.skipIf(!HAS_CHROMIUM)('alerts: publish, wall banner, public list (Chromium)', () => {
  let app: RunningApp;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let operator: BrowserContext;

  beforeAll(async () => {
    // A fortnight of history and the live simulator: the wall's 30-day shares need resolutions and
    // ratings, and reports are worked on working days only, so two days ending on a Sunday hold
    // none. Fourteen days always hold working days (the longest break, Tết, is nine days).
    app = await startProduct({ BACKFILL: '14d' }, [OPERATOR]);
    ({ browser, close: closeBrowser } = await launchChromium());
    operator = await signedIn(browser, app.base, OPERATOR, /\/$/);
    // The alert simulator opens after the report simulator: its news item comes after its opening
    // alerts, so once it is listed, no opening alert can land on top of the one published below.
    for (let tries = 0; ; tries++) {
      const news = await (await fetch(`${app.base}/api/public/news`)).json();
      if (news.items.length > 0) break;
      if (tries > 600) throw new Error('the alert simulator never published its opening news');
      // Polling a fact (the news list), not waiting for time: a short pause between asks.
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 240_000);
  afterAll(async () => {
    await operator?.close();
    await closeBrowser?.();
    await app?.stop();
  });

  it('an operator publishes a danger alert on the desk; the wall shows its banner and /public lists it, both live', async () => {
    const desk = await operator.newPage();
    const deskErrors = watchErrors(desk);
    await desk.goto(`${app.base}/`, { waitUntil: 'domcontentloaded' });
    await desk.getByTestId('alert-new').click();
    await desk.getByTestId('alert-kind').selectOption('flood');
    await desk.getByTestId('alert-severity').selectOption('danger');
    await desk.getByTestId('alert-area').selectOption('002');
    await desk.getByTestId('alert-hours').fill('3');
    await desk.getByTestId('alert-titleVi').fill(ALERT.titleVi);
    await desk.getByTestId('alert-titleEn').fill(ALERT.titleEn);
    await desk.getByTestId('alert-bodyVi').fill(ALERT.bodyVi);
    await desk.getByTestId('alert-bodyEn').fill(ALERT.bodyEn);

    // The wall and the public page are open before it is published: it must reach them live.
    const wall = await operator.newPage();
    await wall.setViewportSize({ width: 1920, height: 1080 });
    const wallErrors = watchErrors(wall);
    await wall.goto(`${app.base}/wall`, { waitUntil: 'domcontentloaded' });
    const pub = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const pubErrors = watchErrors(pub);
    await pub.goto(`${app.base}/public`, { waitUntil: 'domcontentloaded' });
    for (const p of [wall, pub])
      await p.waitForFunction(
        () => document.querySelector('[data-testid="live-dot"]')?.classList.contains('on'),
        null,
        {
          timeout: 60_000,
        },
      );

    await desk.getByTestId('alert-submit').click();
    // The desk's own list shows it, with a withdraw button (the operator may).
    const item = desk.getByTestId('alert-list').locator('li', { hasText: ALERT.titleVi });
    await item.waitFor({ timeout: 20_000 });
    const id = Number(await item.getAttribute('data-alert-id'));
    expect(id).toBeGreaterThan(0);

    // The wall: the banner is this alert (danger, the newest of the most severe), in Vietnamese.
    const banner = wall.getByTestId('alert-banner');
    await expect.poll(() => banner.getAttribute('data-alert-id'), { timeout: 20_000 }).toBe(String(id));
    expect(await banner.textContent()).toContain(ALERT.titleVi);
    expect(await banner.textContent()).toContain('Nguy hiểm');
    // The wall's figures: today's flow, the backlog now, the 30-day shares — numbers, not dashes.
    for (const k of ['received-today', 'resolved-today', 'open', 'overdue', 'on-time', 'satisfied'])
      await expect
        .poll(() => wall.getByTestId(`wall-kpi-${k}`).textContent(), { timeout: 20_000, message: `wall-kpi-${k}` })
        .toMatch(/\d/);
    await waitForAlertDrawn(wall, ALERT.titleVi);
    await wall.waitForTimeout(1_500); // a software-rendered frame or two, for the screenshot
    await wall.screenshot({ path: screenshotPath('alerts-wall') });

    // /public (anonymous): listed in force, drawn on the map; in English after the toggle.
    const listed = pub.getByTestId('public-alerts').locator(`li[data-alert-id="${id}"]`);
    await listed.waitFor({ timeout: 20_000 });
    expect(await listed.textContent()).toContain(ALERT.titleVi);
    await waitForAlertDrawn(pub, ALERT.titleVi);
    await pub.getByTestId('lang-toggle').click();
    await expect.poll(() => listed.textContent()).toContain(ALERT.titleEn);
    expect(await listed.textContent()).toContain('Danger');
    // The simulator's opening news item is listed too.
    await expect.poll(() => pub.getByTestId('public-news').locator('li[data-news-id]').count()).toBeGreaterThan(0);
    await pub.waitForTimeout(1_500);
    await pub.screenshot({ path: screenshotPath('alerts-public') });

    // Withdrawn on the desk: gone from the wall's banner and the public list, live.
    await desk.getByTestId(`alert-withdraw-${id}`).click();
    await expect
      .poll(() => banner.getAttribute('data-alert-id').catch(() => null), { timeout: 20_000 })
      .not.toBe(String(id));
    await listed.waitFor({ state: 'detached', timeout: 20_000 });
    await desk.screenshot({ path: screenshotPath('alerts-desk') });

    expect(deskErrors).toEqual([]);
    expect(wallErrors).toEqual([]);
    expect(pubErrors).toEqual([]);
  }, 240_000);
});
