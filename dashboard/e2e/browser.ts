import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, type ConsoleMessage, chromium, type Page } from 'playwright-core';
import type { Role } from '../../core/roles';
import type { CityPack } from '../../core/cityPack';
import type { Store } from '../../db/store';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SCREENSHOTS = join(ROOT, 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Outside CI a missing Chromium skips the browser tests (saying so); under CI=true it fails them. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true')
    throw new Error(`Chromium not found at ${CHROMIUM}; CI must install it (apt-get install -y chromium)`);
  console.warn(`browser tests skipped: Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`);
  return false;
}

export async function launchChromium(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  // Playwright gives every launch a new, empty profile directory of its own.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      // WebGL on the CPU: deck.gl draws on SwiftShader in headless Chromium.
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
    ],
  });
  return {
    browser,
    async close() {
      await browser.close();
    },
  };
}

export interface RunningApp {
  base: string;
  dataDir: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** A staff account the browser tests sign in with, through the form. */
export interface E2EUser {
  name: string;
  password: string;
  role: Role;
  areaCode?: string;
  agencyCode?: string;
}

/**
 * Adds the accounts to the product's database before it starts, through the store as
 * `npm run user` does (the embedded database has one process at a time: the server's, after).
 * The city's areas go in first: a chief's area is a foreign key.
 */
async function addUsers(dataDir: string, users: E2EUser[], city: string, seed?: Seed): Promise<void> {
  const [{ openStore }, { hashPassword }, { loadCityPack }] = await Promise.all([
    import('../../db/store'),
    import('../../api/auth/password'),
    import('../../seeds/packs'),
  ]);
  const pack = await loadCityPack(city);
  const store = await openStore({
    dataDir: join(dataDir, 'pglite'),
    publicIdPrefix: pack.publicIdPrefix,
    timezone: pack.timezone,
  });
  try {
    await store.catalog.loadPack(pack);
    for (const u of users) {
      const { password, ...rest } = u;
      const row = await store.users.add({ ...rest, passwordHash: await hashPassword(password), at: new Date() });
      if (!row) throw new Error(`e2e user ${u.name} exists already`);
    }
    await seed?.(store, pack);
  } finally {
    await store.close();
  }
}

/** Writes rows the API would refuse straight into the product's database before it starts (hostile-text tests). */
export type Seed = (store: Store, pack: CityPack) => Promise<void>;

/** Starts the product as `npm start` does (built dashboard, embedded PGlite in a fresh folder). */
export async function startProduct(
  env: Record<string, string> = {},
  users: E2EUser[] = [],
  seed?: Seed,
): Promise<RunningApp> {
  await import('../../scripts/ensureDashboard');
  const dataDir = mkdtempSync(join(tmpdir(), 'citydesk-e2e-'));
  if (users.length || seed) await addUsers(dataDir, users, env.CITY ?? process.env.CITY ?? 'hanoi', seed);
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, DATABASE_URL: '', BACKFILL: '7d', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const base = await new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer) => {
      log += d.toString();
      const m = log.match(/http:\/\/localhost:(\d+)/);
      // Wait for the live simulator: by then the backfill is in.
      if (m && /live simulator on|SIMULATE=off/.test(log)) resolve(`http://127.0.0.1:${m[1]}`);
      if (m && env.SIMULATE === 'off') resolve(`http://127.0.0.1:${m[1]}`);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${log}`)));
  });
  return {
    base,
    dataDir,
    child,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return join(SCREENSHOTS, `${name}.png`);
}

/** Console errors and uncaught exceptions of a page, collected from the first request on. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

/** Types the name and password into the sign-in form by their labels and submits with Enter, as a person would. */
export async function fillSignIn(page: Page, user: { name: string; password: string }): Promise<void> {
  await page.getByLabel(/^(Tên đăng nhập|User name)$/).fill(user.name);
  await page.getByLabel(/^(Mật khẩu|Password)$/).fill(user.password);
  await page.getByLabel(/^(Mật khẩu|Password)$/).press('Enter');
}

/**
 * A browser profile (`context`, or a fresh one of `browser`) signed in through the form as
 * `user`; resolves once the page has left the form for `landing` (anywhere else when omitted).
 */
export async function signedIn(
  from: Browser | BrowserContext,
  base: string,
  user: { name: string; password: string },
  landing: RegExp | ((url: URL) => boolean) = (u) => !u.pathname.startsWith('/signin'),
): Promise<BrowserContext> {
  const context = 'newContext' in from ? await from.newContext({ viewport: { width: 1440, height: 1000 } }) : from;
  const page = await context.newPage();
  await page.goto(`${base}/signin`, { waitUntil: 'domcontentloaded' });
  await fillSignIn(page, user);
  await page.waitForURL(landing);
  await page.close();
  return context;
}

/**
 * Waits until the map draws a feature of `layerId` whose `properties` hold `value` at `path`
 * (deck.gl picks it from the rendered layer): drawn, not merely fetched. The pick covers the
 * feature's own box on screen when the layer's data holds its geometry, else the whole map: a
 * software-rendered picking pass over a 1920×1080 wall, every half second, took longer than the
 * wait on two busy cores.
 */
export async function waitForDrawnFeature(
  page: Page,
  layerId: string,
  path: readonly string[],
  value: unknown,
  timeoutMs = 60_000,
): Promise<void> {
  await page.waitForFunction(
    ({ layerId, path, value }) => {
      // biome-ignore lint/suspicious/noExplicitAny: the dashboard's test handle, read in the page
      const h = (window as any).__citydeskMap;
      if (!h?.deck) return false;
      // biome-ignore lint/suspicious/noExplicitAny: feature properties, read in the page
      const holds = (properties: any) => path.reduce((o: any, k) => o?.[k], properties) === value;
      const el = h.map.getContainer();
      let rect = { x: 0, y: 0, width: el.clientWidth, height: el.clientHeight };
      // biome-ignore lint/suspicious/noExplicitAny: the deck layers' props, read in the page
      const layer = (h.deck.props.layers as any[]).find((l) => l?.id === layerId);
      // biome-ignore lint/suspicious/noExplicitAny: a GeoJSON feature, read in the page
      const feature = (layer?.props?.data?.features as any[] | undefined)?.find((f) => holds(f?.properties));
      if (feature?.geometry?.coordinates) {
        const xs: number[] = [];
        const ys: number[] = [];
        const walk = (c: unknown): void => {
          if (Array.isArray(c) && typeof c[0] === 'number') {
            const p = h.map.project([c[0], c[1]]);
            xs.push(p.x);
            ys.push(p.y);
          } else if (Array.isArray(c)) c.forEach(walk);
        };
        walk(feature.geometry.coordinates);
        const PAD_PX = 20;
        const x0 = Math.max(0, Math.floor(Math.min(...xs) - PAD_PX));
        const y0 = Math.max(0, Math.floor(Math.min(...ys) - PAD_PX));
        const x1 = Math.min(el.clientWidth, Math.ceil(Math.max(...xs) + PAD_PX));
        const y1 = Math.min(el.clientHeight, Math.ceil(Math.max(...ys) + PAD_PX));
        if (x1 <= x0 || y1 <= y0) return false;
        rect = { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
      }
      try {
        const picked = h.overlay.pickObjects({ ...rect, layerIds: [layerId] });
        // biome-ignore lint/suspicious/noExplicitAny: picked deck.gl objects
        return picked.some((p: any) => holds(p.object?.properties));
      } catch {
        return false;
      }
    },
    { layerId, path, value },
    { timeout: timeoutMs, polling: 500 },
  );
}
