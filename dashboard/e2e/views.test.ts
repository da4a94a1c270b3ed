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
  fillSignIn,
  signedIn,
} from './browser';

const HAS_CHROMIUM = chromiumAvailable();

/** One account per role; the chief's district 001 has four communes in the pack, 002 two. */
const USERS = {
  operator: { name: 'e2e.operator', password: 'operator pass 1', role: 'operator' },
  admin: { name: 'e2e.admin', password: 'admin pass 1', role: 'admin' },
  chief: { name: 'e2e.chief001', password: 'chief pass 1', role: 'chief', areaCode: '001' },
  agency: { name: 'e2e.agency', password: 'agency pass 1', role: 'agency', agencyCode: 'dept_construction' },
} satisfies Record<string, E2EUser>;

/** The browser's own line for a response it was expecting to be refused (a wrong password, a stale session). */
const REFUSED_RESOURCE = /Failed to load resource: the server responded with a status of (401|429)/;

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
  /** A browser profile signed in as the operator through the form, for the staff views. */
  let operator: BrowserContext;

  /** A fresh profile, signed in through the form as `user`; resolves once it has landed. */
  const signedInAs = (user: E2EUser, landing: RegExp) => signedIn(browser, app.base, user, landing);

  beforeAll(async () => {
    app = await startProduct({}, Object.values(USERS));
    ({ browser, close: closeBrowser } = await launchChromium());
    operator = await signedInAs(USERS.operator, /\/$/);
  }, 180_000);
  afterAll(async () => {
    await operator?.close();
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
    // The staff views as the operator; the public map as anybody.
    const page = path.startsWith('/public') ? await browser.newPage({ viewport }) : await operator.newPage();
    await page.setViewportSize(viewport);
    const errors = watchErrors(page);
    await page.goto(app.base + path, { waitUntil: 'domcontentloaded' });
    expect(await waitForHexes(page)).toBeGreaterThan(0);
    await page.waitForTimeout(1_500);
    await page.screenshot({ path: screenshotPath(name) });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a report POSTed now in the ticker and moves the received KPI in the same render', async () => {
    const page = await operator.newPage();
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
    // Both show from the same render: wait for them together. How fast is the dashboard bench's
    // figure (bench/dashboard.ts), not a timed assertion on a shared, software-rendered machine.
    await page.waitForFunction(
      ([title, n]) => {
        const ticker = document.querySelector('[data-testid="ticker"]')?.textContent ?? '';
        const kpi = Number(
          document.querySelector('[data-testid="kpi-received"]')?.textContent?.replace(/\D/g, '') ?? 0,
        );
        return ticker.includes(title as string) && kpi > (n as number);
      },
      [title, before] as const,
      { timeout: 30_000, polling: 50 },
    );
    expect(await digits()).toBeGreaterThan(before);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('titles the page and the header with the city the server serves', async () => {
    const city = (await (await fetch(`${app.base}/api/city`)).json()) as { shortNameVi: string; shortNameEn: string };
    const page = await operator.newPage();
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

  it('keeps names, phones, e-mails, descriptions and exact points out of the public view, and says its delay', async () => {
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
    // The delay, as the server's public stream states it (PUBLIC_DELAY_MIN, default 15), and no
    // report one by one: the public stream carries counts per window only.
    const delay = page.getByTestId('public-delay');
    await delay.waitFor();
    expect(await delay.textContent()).toBe('Dữ liệu trễ 15 phút');
    expect(await page.getByTestId('ticker').count()).toBe(0);
    await page.waitForTimeout(2_000);
    await page.screenshot({ path: screenshotPath('public-delay') });
    await page.getByTestId('lang-toggle').click();
    expect(await delay.textContent()).toBe('Data delayed by 15 minutes');
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
  it('sends a visitor to the sign-in form with the way back, says a wrong password in both languages, and signs in with Enter', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 760 } });
    const errors = watchErrors(page);
    await page.goto(`${app.base}/area/001?w=24h`, { waitUntil: 'domcontentloaded' });
    await page.waitForURL(/\/signin\?/);
    expect(new URL(page.url()).searchParams.get('next')).toBe('/area/001?w=24h');
    // Labelled fields, the name field focused: a keyboard user starts typing at once.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('signin-name');
    await page.screenshot({ path: screenshotPath('signin') });

    await fillSignIn(page, { name: USERS.chief.name, password: 'not the password' });
    const error = page.getByTestId('signin-error');
    await error.waitFor();
    expect(await error.getAttribute('role')).toBe('alert');
    expect(await error.textContent()).toBe('Sai tên đăng nhập hoặc mật khẩu.');
    await page.getByTestId('lang-toggle').click();
    expect(await error.textContent()).toBe('Wrong user name or password.');
    await page.screenshot({ path: screenshotPath('signin-wrong-password') });

    await fillSignIn(page, USERS.chief);
    await page.waitForURL((u) => u.pathname === '/area/001');
    // Back where it was sent from, in the language it chose on the form.
    expect(new URL(page.url()).search).toBe('?w=24h&lang=en');
    expect(errors.filter((e) => !REFUSED_RESOURCE.test(e))).toEqual([]);
    await page.close();
  });

  it.each([
    ['operator', USERS.operator, '/'],
    ['admin', USERS.admin, '/'],
    ['agency', USERS.agency, '/'],
    ['chief', USERS.chief, '/area/001'],
  ] as const)('lands the %s where it works, with its name and role in the header', async (role, user, path) => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${app.base}/signin`, { waitUntil: 'domcontentloaded' });
    await fillSignIn(page, user);
    await page.waitForURL((u) => u.pathname === path);
    expect(await page.getByTestId('user-name').textContent()).toBe(user.name);
    expect(await page.getByTestId('user-bar').getAttribute('data-role')).toBe(role);
    await waitForHexes(page);
    if (role === 'agency') {
      // Which agency, named from the pack; nothing on the page offers another.
      const categories = (await (await fetch(`${app.base}/api/categories`)).json()) as {
        items: Array<{ agencyCode: string; agencyVi: string }>;
      };
      const own = categories.items.find((c) => c.agencyCode === USERS.agency.agencyCode)!.agencyVi;
      expect(await page.getByTestId('user-scope').textContent()).toBe(own);
      expect(await page.getByTestId('filter-agency').textContent()).toContain(own);
      const others = [...new Set(categories.items.map((c) => c.agencyVi))].filter((a) => a !== own);
      const text = (await page.locator('header, .filters').allTextContents()).join(' ');
      for (const other of others) expect(text).not.toContain(other);
      await page.waitForTimeout(1_500);
      await page.screenshot({ path: screenshotPath('agency-desk') });
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('gives a district chief its communes in the league table, not the other districts', async () => {
    const city = (await (await fetch(`${app.base}/api/city`)).json()) as {
      areas: Array<{ code: string; level: string; parentCode: string | null }>;
    };
    const communes = city.areas.filter((a) => a.parentCode === '001').map((a) => a.code);
    expect(communes.length).toBeGreaterThan(1);
    const context = await signedInAs(USERS.chief, /\/area\/001$/);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${app.base}/area/001`, { waitUntil: 'domcontentloaded' });
    await waitForHexes(page);
    const rows = page.locator('[data-testid="league-table"] tbody tr');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(communes.length);
    const codes = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-area')));
    expect(codes.sort()).toEqual([...communes].sort());
    expect(await page.getByTestId('filter-level').count()).toBe(0);
    await page.waitForTimeout(1_500);
    await page.screenshot({ path: screenshotPath('chief-desk') });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("streams a chief its own area's new reports, not another's, on a stream it asks nothing of", async () => {
    const context = await signedInAs(USERS.chief, /\/area\/001$/);
    const page = await context.newPage();
    const errors = watchErrors(page);
    const streams: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/stream') streams.push(r.url());
    });
    await page.goto(`${app.base}/area/001?w=24h`, { waitUntil: 'domcontentloaded' });
    await waitForHexes(page);
    await page.waitForFunction(() => document.querySelector('[data-testid="live-dot"]')?.classList.contains('on'));
    // The server decides the audience and area from the session: the page asks for neither.
    expect(streams.length).toBeGreaterThan(0);
    for (const url of streams) expect(new URL(url).search).toBe('');
    const elsewhere = `Ngoài địa bàn ${UNIQUE}`;
    const own = `Trong địa bàn ${UNIQUE}`;
    // First one in Hoan Kiem (002), then one in Ba Dinh (001): events arrive in order, so once the
    // second is shown the first would have been too.
    expect(
      (
        await post({
          category: 'water_supply',
          lat: 21.0287,
          lng: 105.8524,
          title: elsewhere,
          description: 'Nước tràn ra đường',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await post({
          category: 'water_supply',
          lat: 21.0368,
          lng: 105.8346,
          title: own,
          description: 'Nước tràn ra đường',
        })
      ).status,
    ).toBe(201);
    await page.waitForFunction(
      (title) => document.querySelector('[data-testid="ticker"]')?.textContent?.includes(title),
      own,
      { timeout: 10_000 },
    );
    expect(await page.getByTestId('ticker').textContent()).not.toContain(elsewhere);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows a chief another area's 403 page, with a link to its own, and draws no map", async () => {
    const context = await signedInAs(USERS.chief, /\/area\/001$/);
    const page = await context.newPage();
    const errors = watchErrors(page);
    const asked: string[] = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname));
    await page.goto(`${app.base}/area/002`, { waitUntil: 'domcontentloaded' });
    const refused = page.locator('[data-view="refused"]');
    await refused.waitFor();
    expect(await refused.getAttribute('data-refusal')).toBe('forbidden');
    expect(await page.getByTestId('refused-area').textContent()).toBe(
      'Quận Hoàn Kiếm không thuộc địa bàn bạn phụ trách.',
    );
    expect(await page.getByTestId('refused-own').textContent()).toBe('Địa bàn của bạn: Quận Ba Đình.');
    expect(await page.locator('canvas').count()).toBe(0);
    expect(asked.filter((p) => /^\/api\/(hexes|areas|kpis|timeseries|stream|reports)/.test(p))).toEqual([]);
    await page.screenshot({ path: screenshotPath('chief-403') });
    await page.getByTestId('lang-toggle').click();
    expect(await page.getByTestId('refused-area').textContent()).toBe(
      'Hoan Kiem District is not an area you are responsible for.',
    );
    await page.getByTestId('refused-home').click();
    await page.waitForURL((u) => u.pathname === '/area/001' && u.search === '?lang=en');
    await waitForHexes(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('takes a viewer whose session ended back to sign in, with a message and the way back', async () => {
    const context = await signedInAs(USERS.chief, /\/area\/001$/);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${app.base}/area/001?w=7d`, { waitUntil: 'domcontentloaded' });
    await waitForHexes(page);
    // The session ends on the server's side (signed out from another tab); the page does not know yet.
    const cookies = await context.cookies(app.base);
    const res = await fetch(`${app.base}/api/auth/signout`, {
      method: 'POST',
      headers: { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; '), origin: app.base },
    });
    expect(res.status).toBe(204);
    // Its next API call is answered 401: opening an area's reports, unless a refresh got there first.
    const toSignIn = page.waitForURL(/\/signin\?/);
    await page.evaluate(() =>
      (document.querySelector('[data-testid="league-table"] tbody tr') as HTMLElement | null)?.click(),
    );
    await toSignIn;
    const q = new URL(page.url()).searchParams;
    expect(q.get('next')).toBe('/area/001?w=7d');
    expect(q.get('reason')).toBe('expired');
    expect(await page.getByTestId('signin-notice').textContent()).toBe(
      'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.',
    );
    await fillSignIn(page, USERS.chief);
    await page.waitForURL((u) => u.pathname === '/area/001' && u.search === '?w=7d');
    expect(errors.filter((e) => !REFUSED_RESOURCE.test(e))).toEqual([]);
    await context.close();
  });

  it('signs out from the header, back to a plain sign-in form; the desk then asks to sign in again', async () => {
    const context = await signedInAs(USERS.operator, /\/$/);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${app.base}/`, { waitUntil: 'domcontentloaded' });
    // As a person would: once the desk has loaded (a request still on its way when the session ends
    // is answered 401, which the browser logs).
    await waitForHexes(page);
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="live-dot"]')?.classList.contains('on') &&
        document.querySelector('main.grid')?.getAttribute('aria-busy') === 'false',
    );
    await page.getByTestId('signout').click();
    await page.waitForURL((u) => u.pathname === '/signin' && u.search === '');
    await page.goto(`${app.base}/wall`, { waitUntil: 'domcontentloaded' });
    await page.waitForURL(/\/signin\?next=%2Fwall$/);
    expect(errors).toEqual([]);
    await context.close();
  });

  // Last: it slows sign-in down for this client.
  it('says how long to wait once sign-in has been slowed down', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 760 } });
    // The page's clock stands still: the wait cannot count down to nothing while the test reads it.
    // The fake clock starts at `installedAt` and runs until paused; pausing at the present as the test
    // process sees it raced the page's running clock ("cannot fast-forward to the past"), so pause a
    // minute ahead of where it started, which no round trip reaches.
    const installedAt = Date.now();
    await page.clock.install({ time: installedAt });
    await page.clock.pauseAt(installedAt + 60_000);
    await page.goto(`${app.base}/signin?lang=en`, { waitUntil: 'domcontentloaded' });
    const error = page.getByTestId('signin-error');
    for (let i = 0; i < 30; i++) {
      await fillSignIn(page, { name: 'e2e.nobody', password: `wrong ${i}` });
      await page.waitForFunction(
        (n) => document.querySelector('[data-testid="signin-error"]')?.getAttribute('data-attempt') === String(n),
        i + 1,
      );
      if ((await error.getAttribute('data-kind')) === 'throttled') break;
    }
    expect(await error.getAttribute('data-kind')).toBe('throttled');
    expect(await error.textContent()).toMatch(/^Too many failed attempts\. Please try again in \d+ (s|min)\.$/);
    expect(await page.getByTestId('signin-submit').isDisabled()).toBe(true);
    await page.screenshot({ path: screenshotPath('signin-throttled') });
    // Once the wait has passed, the form is ready again.
    const [, n, unit] = /in (\d+) (s|min)\./.exec((await error.textContent()) ?? '')!;
    await page.clock.runFor(Number(n) * (unit === 'min' ? 60_000 : 1_000) + 1_000);
    await expect.poll(() => page.getByTestId('signin-submit').isDisabled()).toBe(false);
    expect(await error.count()).toBe(0);
    await page.close();
  });
});
