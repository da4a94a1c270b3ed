import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNewReport, type IntakeContext } from '../../api/domain/intake';
import { slaClock } from '../../api/runtime';
import { backfill } from '../../api/simulation/backfill';
import type { NewReportBody } from '../../api/schemas';
import { buildAreaIndex } from '../../geo/areaIndex';
import {
  chromiumAvailable,
  type E2EUser,
  launchChromium,
  type RunningApp,
  type Seed,
  screenshotPath,
  startProduct,
} from './browser';

/**
 * The built dashboard under its Content-Security-Policy (api/edge/securityHeaders.ts): every view
 * loads with zero console errors and zero CSP violations; only /public?embed=1 may be framed.
 * And hostile text in every text field renders inert in every view — checked with the CSP
 * bypassed, so that what is proved is the views' escaping, not the policy.
 */
const HAS_CHROMIUM = chromiumAvailable();
const OPERATOR: E2EUser = { name: 'e2e.sec.operator', password: 'operator pass 1', role: 'operator' };
const SPOT = { lat: 21.0287, lng: 105.8524 };

/** Each payload sets window.__pwned if it ever runs; `marker` finds its report on screen. */
const HOSTILE = [
  {
    marker: 'XSS-A',
    title: `XSS-A <script>window.__pwned='title-script'</script> ổ gà`,
    description: `<img src=x onerror="window.__pwned='desc-img'"> nước ngập`,
    reporter: { name: `<img src=x onerror="window.__pwned='reporter'">` },
  },
  {
    marker: 'XSS-B',
    title: `XSS-B <img src=x onerror="window.__pwned='title-img'">`,
    description: `<svg onload="window.__pwned='desc-svg'"></svg><a href="javascript:window.__pwned='desc-a'">bấm</a>`,
    media: [`javascript:window.__pwned='media'`, `JaVaScRiPt:window.__pwned='media2'`],
  },
  {
    marker: 'XSS-C',
    // U+202E turns what follows around on screen ("exe.gnp" reads as "png.exe").
    title: `XSS-C \u202Eexe.gnp\u202C "><iframe src="javascript:window.__pwned='iframe'"></iframe>`,
    description: `'"><body onload="window.__pwned='body'">{{constructor.constructor('window.__pwned=1')()}}`,
  },
];

/** What dashboard/src/map/testHandle.ts exposes, as far as these tests use it. */
type MapWindow = {
  __citydeskMap?: {
    renderedHexCount(): number;
    map: { project(p: [number, number]): { x: number; y: number }; getContainer(): HTMLElement };
  };
};

type Probe = { pwned: unknown; dialogs: number; live: number; violations: string[] };

/** Anything a payload would have produced had it been parsed as HTML, or run. */
async function probe(page: Page, dialogs: string[]): Promise<Probe> {
  const seen = await page.evaluate(() => ({
    pwned: (window as { __pwned?: unknown }).__pwned ?? null,
    live: document.querySelectorAll(
      'a[href^="javascript:" i], [src^="javascript:" i], iframe, img[src="x"], svg[onload], [onerror], [onload]',
    ).length,
    violations: (window as { __csp?: string[] }).__csp ?? [],
  }));
  return { ...seen, dialogs: dialogs.length };
}

/** Records CSP violations from the first script on, and dialogs (alert/confirm/prompt). */
async function watch(page: Page): Promise<{ errors: string[]; dialogs: string[] }> {
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('response', (r) => {
    if (r.status() >= 400) console.warn(`${page.url()}: ${r.status()} ${r.url()}`);
  });
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.addInitScript(() => {
    const w = window as { __csp?: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__csp!.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  return { errors, dialogs };
}

async function waitForHexes(page: Page): Promise<void> {
  try {
    await page.waitForFunction(
      () => ((window as unknown as MapWindow).__citydeskMap?.renderedHexCount?.() ?? 0) > 0,
      null,
      {
        timeout: 30_000,
      },
    );
  } catch (e) {
    await page.screenshot({
      path: screenshotPath(`security-nohexes${new URL(page.url()).pathname.replace(/\//g, '_')}`),
    });
    throw e;
  }
}

describe.skipIf(!HAS_CHROMIUM)('dashboard security in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let area = '';

  /** The hostile reports written through the store, past the API's validation. */
  const seed: Seed = async (store, pack) => {
    const sla = slaClock(pack);
    const ctx: IntakeContext = {
      cityName: pack.nameEn,
      categories: new Map(pack.categories.map((c) => [c.code, c])),
      districts: buildAreaIndex(pack.areas, 'district'),
      communes: buildAreaIndex(pack.areas, 'commune'),
      dueAt: sla.dueAt,
    };
    const at = new Date();
    // The history the product would backfill itself on an empty database (it skips it on ours).
    await backfill({ store, pack, intake: ctx, dueAt: sla.dueAt, sla }, { days: 7 }, at);
    const items = HOSTILE.map(({ marker: _m, ...h }, i) =>
      buildNewReport(
        { category: 'traffic_roads', lat: SPOT.lat + i * 1e-4, lng: SPOT.lng, ...h } as unknown as NewReportBody,
        ctx,
        at,
        'web',
      ),
    );
    await store.reports.insert(items);
    area = items[0].report.districtCode ?? '';
  };

  async function signedIn(): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, bypassCSP: true });
    const res = await context.request.post(`${app.base}/api/auth/signin`, {
      data: { name: OPERATOR.name, password: OPERATOR.password },
    });
    expect(res.status()).toBe(200);
    return context;
  }

  beforeAll(async () => {
    app = await startProduct({}, [OPERATOR], seed);
    ({ browser, close: closeBrowser } = await launchChromium());
  }, 180_000);
  afterAll(async () => {
    await closeBrowser?.();
    await app?.stop();
  });

  describe('Content-Security-Policy', () => {
    let staff: BrowserContext;
    beforeAll(async () => {
      staff = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
      const res = await staff.request.post(`${app.base}/api/auth/signin`, {
        data: { name: OPERATOR.name, password: OPERATOR.password },
      });
      expect(res.status()).toBe(200);
    });
    afterAll(async () => staff?.close());

    it.each([
      ['/', "'none'"],
      ['/wall', "'none'"],
      ['/area/001', "'none'"],
      ['/public', "'none'"],
      ['/public?embed=1', '*'],
    ])(
      '%s draws its map with zero console errors and zero CSP violations (frame-ancestors %s)',
      async (path, ancestors) => {
        const page = path.startsWith('/public') ? await browser.newPage() : await staff.newPage();
        const { errors } = await watch(page);
        const res = await page.goto(app.base + path, { waitUntil: 'domcontentloaded' });
        const csp = res!.headers()['content-security-policy'];
        expect(csp).toContain(`frame-ancestors ${ancestors}`);
        expect(csp).not.toMatch(/unsafe-eval/);
        await waitForHexes(page);
        // A live event or two, and the basemap's tiles and worker, have had their chance to misbehave.
        await page.waitForTimeout(1_500);
        expect((await probe(page, [])).violations).toEqual([]);
        expect(errors).toEqual([]);
        await page.close();
      },
    );

    // Skipped: in headless Chromium here both frames end on chrome-error:// even though the embed's
    // response carries frame-ancestors * and no X-Frame-Options (checked above and in
    // api/edge/edge.test.ts), so this cannot yet tell the two apart; the cause is not found yet.
    it.skip('another site may frame /public?embed=1 and not /public', async () => {
      const page = await browser.newPage();
      const messages: string[] = [];
      page.on('console', (m) => messages.push(m.text()));
      // Another site: the same server under the name localhost is another origin than 127.0.0.1, and
      // like it a local address (Chromium refuses a public page framing a local one whatever the headers).
      const host = `${app.base.replace('127.0.0.1', 'localhost')}/newsroom.html`;
      await page.route(host, (route) =>
        route.fulfill({
          contentType: 'text/html',
          body:
            `<iframe id="embed" src="${app.base}/public?embed=1" width="800" height="500"></iframe>` +
            `<iframe id="full" src="${app.base}/public" width="800" height="500"></iframe>`,
        }),
      );
      await page.goto(host);
      await page.frameLocator('#embed').locator('[data-view="public"]').waitFor({ timeout: 30_000 });
      // Refused by frame-ancestors: the frame holds Chromium's error page, never the view.
      const full = await (await page.$('#full'))!.contentFrame();
      await expect.poll(() => full!.url(), { timeout: 15_000 }).toMatch(/^chrome-error:/);
      expect(await full!.$('[data-view]')).toBeNull();
      expect(messages.join('\n')).toMatch(/frame-ancestors 'none'/);
      await page.screenshot({ path: screenshotPath('security-framing') });
      await page.close();
    });
  });

  describe('hostile text renders inert', () => {
    let context: BrowserContext;
    beforeAll(async () => {
      context = await signedIn();
    });
    afterAll(async () => context?.close());

    /** The same payloads through the API (the ticker shows only live events); what it refuses is a 400. */
    async function fileLive(): Promise<string[]> {
      const accepted: string[] = [];
      for (const { marker, ...h } of HOSTILE) {
        const res = await fetch(`${app.base}/api/reports`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ category: 'traffic_roads', ...SPOT, ...h }),
        });
        if (res.status === 201) accepted.push(marker);
        else expect(res.status).toBe(400);
      }
      return accepted;
    }

    it.each(['/', '/wall', '/area/AREA', '/public', '/public?embed=1'])(
      '%s',
      async (template) => {
        const path = template.replace('AREA', area);
        const page = await context.newPage();
        const { dialogs } = await watch(page);
        await page.goto(app.base + path, { waitUntil: 'domcontentloaded' });
        await waitForHexes(page);
        // The live dot says the stream is up (the embed has no chrome, so no dot: its stream is public anyway).
        if (!path.includes('embed'))
          await page.waitForFunction(() =>
            document.querySelector('[data-testid="live-dot"]')?.classList.contains('on'),
          );
        const accepted = await fileLive();
        if (!path.startsWith('/public') && accepted.length > 0) {
          // The ticker shows the new reports' titles: as text, markup and all.
          await page.waitForFunction(
            (marker) => (document.querySelector('[data-testid="ticker"]')?.textContent ?? '').includes(marker),
            accepted[0],
            { timeout: 15_000 },
          );
          expect(await page.getByTestId('ticker').textContent()).toMatch(/<script>|<img src=x|<iframe/);
        }
        const point = await page.evaluate(({ lng, lat }) => {
          const m = (window as unknown as MapWindow).__citydeskMap!.map;
          const p = m.project([lng, lat]);
          const r = m.getContainer().getBoundingClientRect();
          return { x: r.left + p.x, y: r.top + p.y };
        }, SPOT);
        // A tooltip over the hex the reports are in.
        await page.mouse.move(point.x, point.y);
        if (path === '/') {
          // The drawer: the hex's reports (the ones written past the API among them), then one's detail.
          await page.mouse.click(point.x, point.y);
          const item = page.locator('.report-list li', { hasText: 'XSS-B' }).first();
          await item.waitFor({ timeout: 15_000 });
          expect(await page.locator('.report-list').textContent()).toContain('<img src=x onerror=');
          await item.click();
          await page.getByTestId('report-detail').waitFor({ timeout: 15_000 });
          expect(await page.getByTestId('report-detail').textContent()).toContain('<svg onload=');
        }
        await page.screenshot({ path: screenshotPath(`hostile${path.replace(/[/?=]/g, '_')}`) });
        expect(await probe(page, dialogs)).toEqual({ pwned: null, dialogs: 0, live: 0, violations: [] });
        await page.close();
      },
      120_000,
    );
  });
});
