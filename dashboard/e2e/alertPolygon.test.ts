import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES } from '../src/i18n/messages';
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
const OPERATOR: E2EUser = { name: 'e2e.polygon.operator', password: 'operator pass 1', role: 'operator' };
// Hoàn Kiếm's chief (the district around the lake).
const CHIEF: E2EUser = { name: 'e2e.polygon.chief', password: 'chief pass 1', role: 'chief', areaCode: '002' };
const UNIQUE = `${Date.now() % 100_000}`;
const vi = MESSAGES.vi;

type LngLat = [number, number];

/** The page's test handle (dashboard/src/map/testHandle.ts), as far as these tests read it. */
type Picked = { object?: { properties?: { alert?: { titleVi: string } } } };
interface MapHandle {
  map: {
    project(p: LngLat): { x: number; y: number };
    unproject(p: [number, number]): { lng: number; lat: number };
    getCanvas(): HTMLCanvasElement;
    getContainer(): HTMLElement;
    isMoving(): boolean;
    getZoom(): number;
    jumpTo(o: { center: LngLat; zoom: number }): void;
    panBy(by: [number, number], o: { animate: boolean }): void;
  };
  overlay: {
    pickObjects(o: { x: number; y: number; width: number; height: number; layerIds: string[] }): Picked[];
    pickObject(o: { x: number; y: number; radius: number }): { layer?: { id: string } } | null;
    pickMultipleObjects(o: { x: number; y: number; radius: number; depth: number }): Array<{ layer?: { id: string } }>;
  };
  deck: { props: { layers: Array<{ id: string; props: { data: { features: unknown[] } } } | null> } } | null;
  renderedHexCount(): number;
}
type WithHandle = { __citydeskMap?: MapHandle };

/** ~400 m square on Hoàn Kiếm Lake, inside district 002 (the API's test of a chief's polygon uses it too). */
const LAKE_SQUARE: LngLat[] = [
  [105.8504, 21.0267],
  [105.8544, 21.0267],
  [105.8544, 21.0307],
  [105.8504, 21.0307],
];
/** From the lake west across Lê Duẩn into Đống Đa: outside district 002. */
const ACROSS_THE_BOUNDARY: LngLat[] = [
  [105.835, 21.022],
  [105.853, 21.022],
  [105.853, 21.033],
  [105.835, 21.033],
];

/** The map is up and has drawn hexes (so clicks land on something a click would otherwise open). */
async function waitForMapAndHexes(page: Page) {
  await page.waitForFunction(
    () => {
      const h = (window as unknown as WithHandle).__citydeskMap;
      return !!h?.deck && !h.map.isMoving() && h.renderedHexCount() > 0;
    },
    null,
    { timeout: 60_000, polling: 250 },
  );
}

/** Page coordinates of a point on the map as it is drawn now. */
function pixelOf(page: Page, at: LngLat): Promise<{ x: number; y: number }> {
  return page.evaluate(([lng, lat]) => {
    const map = (window as unknown as WithHandle).__citydeskMap!.map;
    const p = map.project([lng, lat]);
    const r = map.getCanvas().getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  }, at);
}

/** Clicks the map there, as a person would: the point must be on the map's canvas, not under a panel over it. */
async function clickMapAt(page: Page, at: LngLat) {
  const { x, y } = await pixelOf(page, at);
  // What is under the pointer there: the map's canvas, or a panel's class.
  const under = await page.evaluate(
    ({ x, y }) => {
      const el = document.elementFromPoint(x, y);
      return el === (window as unknown as WithHandle).__citydeskMap!.map.getCanvas() ? 'map' : String(el?.className);
    },
    { x, y },
  );
  expect(under, `${at} at (${x}, ${y}) is not on the map`).toBe('map');
  await page.mouse.click(x, y);
}

/** A click there opens the report drawer (a hex is under it), which its close button then closes. */
async function openAndCloseDrawerAt(page: Page, at: LngLat) {
  await clickMapAt(page, at);
  const drawer = page.getByTestId('drawer');
  await drawer.waitFor({ timeout: 20_000 });
  await drawer.getByRole('button', { name: /^(Đóng|Close)$/ }).click();
  await drawer.waitFor({ state: 'detached' });
}

/**
 * Moves the camera to `at` at zoom 13 (~9 m a pixel: a 2 km polygon is ~200 px wide), right of and below
 * the map's middle: clear of the panels over its top left.
 */
async function showAt(page: Page, at: LngLat) {
  await page.evaluate((center) => {
    const map = (window as unknown as WithHandle).__citydeskMap!.map;
    const el = map.getContainer();
    map.jumpTo({ center, zoom: 13 });
    map.panBy([-el.clientWidth * 0.12, -el.clientHeight * 0.15], { animate: false });
  }, at);
  await page.waitForFunction(() => !(window as unknown as WithHandle).__citydeskMap!.map.isMoving());
}

/** How many features deck has in the sketch layer now (corners and the shape): what is drawn. */
function sketchFeatureCount(page: Page): Promise<number> {
  return page.evaluate(() => {
    const layers = (window as unknown as WithHandle).__citydeskMap?.deck?.props.layers ?? [];
    return layers.find((l) => l?.id === 'map-sketch')?.props.data.features.length ?? -1;
  });
}

/** Waits until the sketch handed to deck has this many features. */
async function waitForSketch(page: Page, features: number) {
  await expect.poll(() => sketchFeatureCount(page), { timeout: 20_000 }).toBe(features);
}

/** The alert with this title is drawn on the map. */
const waitForAlertDrawn = (page: Page, title: string) =>
  waitForDrawnFeature(page, 'alerts', ['alert', 'titleVi'], title, 20_000);

async function fillTexts(page: Page, t: { titleVi: string; titleEn: string; bodyVi: string; bodyEn: string }) {
  for (const [key, value] of Object.entries(t)) await page.getByTestId(`alert-${key}`).fill(value);
}

const status = (page: Page) => page.getByTestId('alert-draw-status').textContent();

async function publicAlert(base: string, titleVi: string) {
  const { items } = await (await fetch(`${base}/api/public/alerts`)).json();
  return (
    items as Array<{
      id: number;
      titleVi: string;
      areaCode: string | null;
      geometry: { type: string; coordinates: number[][][] };
    }>
  ).find((a) => a.titleVi === titleVi);
}

/** Each position within `tol` degrees of the expected one (a click lands on a pixel: ~9e-5° at zoom 13). */
function expectRingNear(ring: number[][], expected: LngLat[], tol = 3e-4) {
  expect(ring).toHaveLength(expected.length);
  ring.forEach(([lng, lat], i) => {
    expect(Math.abs(lng! - expected[i]![0])).toBeLessThan(tol);
    expect(Math.abs(lat! - expected[i]![1])).toBeLessThan(tol);
  });
}

describe.skipIf(!HAS_CHROMIUM)('alerts over a polygon drawn on the desk map (Chromium)', () => {
  let app: RunningApp;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;

  beforeAll(async () => {
    // Two days of reports (the simulator's backfill): hexes on the map, which a click opens in the report drawer.
    app = await startProduct({ BACKFILL: '2d' }, [OPERATOR, CHIEF]);
    ({ browser, close: closeBrowser } = await launchChromium());
  }, 240_000);
  afterAll(async () => {
    await closeBrowser?.();
    await app?.stop();
  });

  it('an operator draws a polygon by clicking the map (undo, Esc), publishes it; the desk and /public show it', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    await signedIn(context, app.base, OPERATOR);
    const desk = await context.newPage();
    const errors = watchErrors(desk);
    // The desk opened on the old quarter at street level, as a shared link would.
    await desk.goto(`${app.base}/?lng=105.8500&lat=21.0280&z=14`, { waitUntil: 'domcontentloaded' });
    await waitForMapAndHexes(desk);

    // A spot near the middle of the map where a hex is on top: a click there opens the report drawer.
    const spot = await desk.evaluate(() => {
      const h = (window as unknown as WithHandle).__citydeskMap!;
      const el = h.map.getContainer();
      for (let y = el.clientHeight / 2 + 20; y < el.clientHeight / 2 + 150; y += 10)
        for (let x = el.clientWidth / 2 - 50; x < el.clientWidth / 2 + 100; x += 10)
          if (h.overlay.pickObject({ x, y, radius: 0 })?.layer?.id === 'hexes') {
            const at = h.map.unproject([x, y]);
            return [at.lng, at.lat] as LngLat;
          }
      return null;
    });
    expect(spot).not.toBeNull();
    const hex = spot!;
    const [hLng, hLat] = hex;
    await openAndCloseDrawerAt(desk, hex);

    // The corners: the spot on the hex first, then ~1.2 km east and ~1.1 km north of it.
    const corners: LngLat[] = [hex, [hLng + 0.012, hLat], [hLng + 0.012, hLat + 0.01], [hLng, hLat + 0.01]];
    const titles = {
      titleVi: `Mất điện khu phố cổ ${UNIQUE}`,
      titleEn: `Power cut in the old quarter ${UNIQUE}`,
      bodyVi: 'Mất điện đến 17:00 để sửa trạm biến áp.',
      bodyEn: 'No power until 17:00 while a substation is repaired.',
    };
    await desk.getByTestId('alert-new').click();
    await desk.getByTestId('alert-kind').selectOption('power_outage');
    await desk.getByTestId('alert-severity').selectOption('warning');
    await desk.getByTestId('alert-place-draw').check();
    await expect.poll(() => desk.getByTestId('alert-draw').getAttribute('data-state')).toBe('drawing');

    // Esc cancels a drawing begun: the corners and the sketch go, the map's clicks are the map's again.
    await clickMapAt(desk, corners[1]!);
    await clickMapAt(desk, corners[2]!);
    await waitForSketch(desk, 3); // a line and its two corners
    await desk.keyboard.press('Escape');
    await expect.poll(() => desk.getByTestId('alert-draw').getAttribute('data-state')).toBe('idle');
    await waitForSketch(desk, 0);

    // Drawn again: four corners and one too many, undone. The first is on the hex: no drawer opens.
    await desk.getByTestId('alert-draw-start').click();
    for (const c of corners) await clickMapAt(desk, c);
    await clickMapAt(desk, [hLng + 0.006, hLat + 0.005]);
    await expect.poll(() => status(desk)).toContain(`5 ${vi.drawCorners}`);
    await desk.getByTestId('alert-draw-undo').click();
    await expect.poll(() => status(desk)).toContain(`4 ${vi.drawCorners}`);
    await waitForSketch(desk, 5); // the polygon and its four corners
    expect(await desk.getByTestId('drawer').count()).toBe(0);
    await desk.screenshot({ path: screenshotPath('alert-polygon-drawing') });

    await desk.getByTestId('alert-draw-finish').click();
    await expect.poll(() => desk.getByTestId('alert-draw').getAttribute('data-state')).toBe('done');
    expect(await status(desk)).toContain(vi.drawDone);
    // Finished: a click on the hex opens its drawer again.
    await openAndCloseDrawerAt(desk, hex);

    await desk.getByTestId('alert-hours').fill('4');
    await fillTexts(desk, titles);
    await desk.getByTestId('alert-submit').click();
    const item = desk.getByTestId('alert-list').locator('li', { hasText: titles.titleVi });
    await item.waitFor({ timeout: 20_000 });
    const id = Number(await item.getAttribute('data-alert-id'));
    expect(id).toBeGreaterThan(0);

    // Stored as the polygon clicked: the corners in order, closed, no area code.
    const stored = await publicAlert(app.base, titles.titleVi);
    expect(stored).toMatchObject({ id, areaCode: null, geometry: { type: 'Polygon' } });
    expectRingNear(stored!.geometry.coordinates[0], [...corners, corners[0]!]);

    // On the desk map: drawn as alerts are, the sketch gone with the form.
    await waitForAlertDrawn(desk, titles.titleVi);
    await waitForSketch(desk, 0);

    // A click on a hex the alert covers still opens the hex's drawer: the alert's fill does not swallow it.
    const covered = await desk.evaluate(
      ([w, s, e, n]) => {
        const h = (window as unknown as WithHandle).__citydeskMap!;
        const a = h.map.project([w, s]);
        const b = h.map.project([e, n]);
        for (let y = b.y + 10; y < a.y - 10; y += 8)
          for (let x = a.x + 10; x < b.x - 10; x += 8) {
            const ids = h.overlay.pickMultipleObjects({ x, y, radius: 0, depth: 6 }).map((p) => p.layer?.id);
            if (ids[0] === 'alerts' && ids.includes('hexes')) {
              const at = h.map.unproject([x, y]);
              return [at.lng, at.lat] as LngLat;
            }
          }
        return null;
      },
      [hLng, hLat, hLng + 0.012, hLat + 0.01],
    );
    expect(covered, 'a hex under the new alert').not.toBeNull();
    await openAndCloseDrawerAt(desk, covered!);
    await desk.waitForTimeout(1_500); // a software-rendered frame or two, for the screenshot
    await desk.screenshot({ path: screenshotPath('alert-polygon-desk') });

    // /public (anonymous): listed and drawn.
    const pub = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const pubErrors = watchErrors(pub);
    await pub.goto(`${app.base}/public?lng=105.8500&lat=21.0280&z=13`, { waitUntil: 'domcontentloaded' });
    const listed = pub.getByTestId('public-alerts').locator(`li[data-alert-id="${id}"]`);
    await listed.waitFor({ timeout: 20_000 });
    expect(await listed.textContent()).toContain(titles.titleVi);
    await waitForAlertDrawn(pub, titles.titleVi);
    await pub.waitForTimeout(1_500);
    await pub.screenshot({ path: screenshotPath('alert-polygon-public') });

    expect(errors).toEqual([]);
    expect(pubErrors).toEqual([]);
    await pub.close();
    await context.close();
  }, 240_000);

  it('a chief is told at once that its polygon reaches outside its area, and publishes one inside', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    await signedIn(context, app.base, CHIEF);
    const desk = await context.newPage();
    const errors = watchErrors(desk);
    await desk.goto(`${app.base}/area/002`, { waitUntil: 'domcontentloaded' });
    await waitForMapAndHexes(desk);
    // The area desk flies to the district; once there, the chief moves the map to see past its western edge.
    await desk.waitForFunction(() => {
      const map = (window as unknown as WithHandle).__citydeskMap!.map;
      return !map.isMoving() && map.getZoom() > 12;
    });
    await showAt(desk, [105.846, 21.0275]);

    const titles = {
      titleVi: `Ngập quanh Hồ Gươm ${UNIQUE}`,
      titleEn: `Flooding around Hoan Kiem Lake ${UNIQUE}`,
      bodyVi: 'Nước ngập 30 cm quanh hồ.',
      bodyEn: 'Water 30 cm deep around the lake.',
    };
    await desk.getByTestId('alert-new').click();
    await fillTexts(desk, titles);
    await desk.getByTestId('alert-place-draw').check();
    for (const c of ACROSS_THE_BOUNDARY) await clickMapAt(desk, c);
    await expect.poll(() => status(desk)).toContain(`4 ${vi.drawCorners}`);
    await desk.getByTestId('alert-draw-finish').click();
    await expect.poll(() => desk.getByTestId('alert-draw-problem').textContent()).toBe(vi.drawOutsideArea);
    expect(await desk.getByTestId('alert-draw').getAttribute('data-state')).toBe('drawing');
    await desk.screenshot({ path: screenshotPath('alert-polygon-chief-outside') });

    // Publishing without a finished polygon sends nothing and says what is missing.
    await desk.getByTestId('alert-submit').click();
    await expect.poll(() => desk.getByTestId('alert-error').textContent()).toBe(vi.drawRequired);
    expect(await publicAlert(app.base, titles.titleVi)).toBeUndefined();

    // Cleared and drawn inside, on the lake: finished and published.
    await desk.getByTestId('alert-draw-clear').click();
    await expect.poll(() => status(desk)).toContain(`0 ${vi.drawCorners}`);
    for (const c of LAKE_SQUARE) await clickMapAt(desk, c);
    await desk.getByTestId('alert-draw-finish').click();
    await expect.poll(() => desk.getByTestId('alert-draw').getAttribute('data-state')).toBe('done');
    await desk.getByTestId('alert-submit').click();
    const item = desk.getByTestId('alert-list').locator('li', { hasText: titles.titleVi });
    await item.waitFor({ timeout: 20_000 });
    const stored = await publicAlert(app.base, titles.titleVi);
    expect(stored).toMatchObject({ areaCode: null, geometry: { type: 'Polygon' } });
    expectRingNear(stored!.geometry.coordinates[0], [...LAKE_SQUARE, LAKE_SQUARE[0]!]);
    await waitForAlertDrawn(desk, titles.titleVi);
    await desk.waitForTimeout(1_500);
    await desk.screenshot({ path: screenshotPath('alert-polygon-chief') });

    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
});
