import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
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

/**
 * The export button end to end, in the built dashboard against the real server: a district chief
 * signs in (landing on its area's desk), picks the field-report group, opens Export and downloads
 * the CSV through Chromium's own download: the file holds exactly the field reports of its district
 * (not the procedure complaint beside them, not another district's), Vietnamese intact; the GeoJSON
 * of only the map's view holds points inside the box it names. The public page's export downloads
 * the public aggregates.
 */
const HAS_CHROMIUM = chromiumAvailable();
const CHIEF = {
  name: 'e2e.export.chief002',
  password: 'chief pass 1',
  role: 'chief',
  areaCode: '002',
} satisfies E2EUser;
const UNIQUE = `EXPORT-${Date.now()}`;
const WAIT = { timeout: 30_000 };

/** Filed through the API: three in Hoàn Kiếm (002), two of them field reports; one in Sóc Sơn (016). */
const REPORTS = [
  { key: 'lake', category: 'traffic_roads', lat: 21.0287, lng: 105.8524, title: `Ổ gà phố Đinh Tiên Hoàng ${UNIQUE}` },
  {
    key: 'street',
    category: 'lighting_electricity',
    lat: 21.0245,
    lng: 105.8542,
    title: `Đèn đường tắt, "ngõ tối" ${UNIQUE}`,
  },
  {
    key: 'office',
    category: 'administrative_procedure',
    lat: 21.0262,
    lng: 105.851,
    title: `Hồ sơ chậm trả ${UNIQUE}`,
  },
  { key: 'socson', category: 'environment_waste', lat: 21.2573, lng: 105.8486, title: `Rác ven đê ${UNIQUE}` },
] as const;

describe.skipIf(!HAS_CHROMIUM)('the export button in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let chief: BrowserContext;
  const publicIds: Record<string, string> = {};

  beforeAll(async () => {
    // No simulator: the only reports are this test's, so the file's rows are known.
    app = await startProduct({ SIMULATE: 'off' }, [CHIEF]);
    ({ browser, close: closeBrowser } = await launchChromium());
    for (const r of REPORTS) {
      const { key, ...body } = r;
      const res = await fetch(`${app.base}/api/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...body, description: 'Mô tả: có dấu phẩy, "ngoặc kép" và xuống dòng\nhai.' }),
      });
      expect(res.status).toBe(201);
      publicIds[key] = ((await res.json()) as { publicId: string }).publicId;
    }
    chief = await signedIn(browser, app.base, CHIEF, /\/area\/002/);
  }, 180_000);
  afterAll(async () => {
    await chief?.close();
    await closeBrowser?.();
    await app?.stop();
  });

  /** Opens the menu and clicks one of its links; resolves with Chromium's download of it. */
  async function download(page: Page, id: string): Promise<Download> {
    const menu = page.getByTestId('export-menu');
    if ((await menu.getAttribute('open')) === null) await page.getByTestId('export-button').click();
    const [file] = await Promise.all([page.waitForEvent('download', WAIT), page.getByTestId(`export-${id}`).click()]);
    return file;
  }

  it("downloads exactly the filter's reports of the chief's area", async () => {
    const page = await chief.newPage();
    const errors = watchErrors(page);
    await page.goto(`${app.base}/area/002`, { waitUntil: 'domcontentloaded' });
    await page.getByTestId('filter-group').selectOption('field');
    await expect.poll(() => page.url(), WAIT).toContain('g=field');
    // The map is up (its bounds feed "only the map's view").
    await page.waitForFunction(() => (window as { __citydeskMap?: unknown }).__citydeskMap !== undefined, null, WAIT);

    await page.getByTestId('export-button').click();
    const panel = page.locator('.export-panel');
    await panel.waitFor(WAIT);
    expect(await panel.textContent()).toContain('Đúng bộ lọc đang chọn');
    await page.screenshot({ path: screenshotPath('export-desk-menu') });

    const csv = await download(page, 'csv');
    expect(csv.suggestedFilename()).toMatch(
      /^hanoi-reports_\d{8}-\d{8}_area-002_\d+-categories_exported-\d{8}T\d{4}\+0700\.csv$/,
    );
    const bytes = readFileSync(await csv.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: Record<string, string>[] = parse(bytes, { bom: true, columns: true });
    expect(rows.map((r) => r.public_id).sort()).toEqual([publicIds.lake, publicIds.street].sort());
    const street = rows.find((r) => r.public_id === publicIds.street)!;
    expect(street.title).toBe(REPORTS[1].title);
    expect(street.district_code).toBe('002');
    expect(street.group).toBe('field');
    expect(street.description).toBe('Mô tả: có dấu phẩy, "ngoặc kép" và xuống dòng\nhai.');

    // Only the map's view: the GeoJSON's points lie in the box its link names.
    await page.getByTestId('export-map-only').check();
    const geo = await download(page, 'geojson');
    const bbox = new URL(geo.url()).searchParams.get('bbox')!.split(',').map(Number);
    expect(bbox).toHaveLength(4);
    const fc = JSON.parse(readFileSync(await geo.path(), 'utf8'));
    expect(fc.type).toBe('FeatureCollection');
    // The area's map shows its district, the lake and the street in it.
    expect(fc.features.length).toBeGreaterThan(0);
    for (const f of fc.features) {
      const [lng, lat] = f.geometry.coordinates;
      expect(lng >= bbox[0]! && lat >= bbox[1]! && lng <= bbox[2]! && lat <= bbox[3]!).toBe(true);
      expect([publicIds.lake, publicIds.street]).toContain(f.properties.public_id);
    }
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('the public page downloads the public aggregates, never a report', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${app.base}/public`, { waitUntil: 'domcontentloaded' });
    const csv = await download(page, 'hexes-csv');
    expect(csv.suggestedFilename()).toMatch(/^hanoi-hexes-r\d_\d{8}-\d{8}_exported-\d{8}T\d{4}\+0700\.csv$/);
    const text = readFileSync(await csv.path(), 'utf8');
    expect(text.split('\r\n')[0]).toBe('\uFEFFcell,res,lat,lng,received,handled,open,since,until');
    const areas = await download(page, 'areas-geojson');
    const fc = JSON.parse(readFileSync(await areas.path(), 'utf8'));
    expect(fc).toMatchObject({ type: 'FeatureCollection', delayMin: 15, minReportsPerCell: 3 });
    for (const t of [text, JSON.stringify(fc)]) {
      for (const r of REPORTS) expect(t).not.toContain(r.title);
      for (const id of Object.values(publicIds)) expect(t).not.toContain(id);
    }
    await page.screenshot({ path: screenshotPath('export-public-menu') });
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
