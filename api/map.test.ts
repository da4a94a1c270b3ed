import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec'; // ships with maplibre-gl
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './testing';

type Style = {
  sources: Record<string, { type: string; data?: string; url?: string }>;
  layers: Array<{ id: string; type: string; source?: string }>;
  glyphs?: string;
  sprite?: string;
};

function expectValidOffline(style: Style) {
  expect(validateStyleMin(style as never)).toEqual([]);
  expect(style.glyphs).toBeUndefined();
  expect(style.sprite).toBeUndefined();
  expect(style.layers.some((l) => l.type === 'symbol')).toBe(false);
  for (const l of style.layers) if (l.source) expect(style.sources[l.source]).toBeDefined();
}

describe('map: the offline style and config', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('pglite', { overlays: false });
  });
  afterAll(async () => t?.close());

  it('configures the offline style by default', async () => {
    const cfg = await (await t.app.request('http://desk.local:8080/api/map/config')).json();
    expect(cfg).toEqual({
      styleUrl: 'http://desk.local:8080/api/map/style.json',
      pmtiles: false,
      center: t.pack.center,
      bbox: t.pack.bbox,
      attribution: t.pack.attribution,
    });
  });

  it('builds a style from the city pack that needs no internet: no glyphs, no text, sources on this API', async () => {
    const style: Style = await (await t.app.request('http://desk.local:8080/api/map/style.json')).json();
    expectValidOffline(style);
    expect(style.sources.districts.data).toBe('http://desk.local:8080/api/areas/geojson?level=district');
    expect(style.sources.communes.data).toBe('http://desk.local:8080/api/areas/geojson?level=commune');
    expect(style.layers.map((l) => l.id)).toEqual(
      expect.arrayContaining(['background', 'city-mask', 'district-lines', 'commune-lines']),
    );
    for (const s of Object.values(style.sources)) expect(s.data ?? s.url).toMatch(/^http:\/\/desk\.local:8080\//);
  });

  // From a trusted proxy they are honoured: api/edge/forwardedHost.test.ts, over real sockets.
  it('ignores forwarded headers when no proxy is trusted', async () => {
    const res = await t.app.request('http://10.0.0.5:8080/api/map/config', {
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'desk.hanoi.gov.vn' },
    });
    expect((await res.json()).styleUrl).toBe('http://10.0.0.5:8080/api/map/style.json');
  });

  it('cuts the city out of a world mask, wound so MapLibre sees a hole', async () => {
    const mask = await (await t.app.request('/api/map/mask.geojson')).json();
    const [world, ...holes] = mask.features[0].geometry.coordinates;
    expect(world).toHaveLength(5);
    expect(holes.length).toBeGreaterThan(0);
    const area = (r: number[][]) =>
      r.reduce((s, p, i) => s + (r[(i + 1) % r.length][0] - p[0]) * (r[(i + 1) % r.length][1] + p[1]), 0);
    expect(Math.sign(area(world))).toBe(-Math.sign(area(holes[0])));
  });

  it('has no tiles without MAP_PMTILES', async () => {
    const res = await t.app.request('/tiles/city.pmtiles');
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
  });
});

describe('map: a PMTiles basemap and an external style', () => {
  const dir = mkdtempSync(join(tmpdir(), 'citydesk-pmtiles-'));
  const file = join(dir, 'city.pmtiles');
  const bytes = Uint8Array.from({ length: 4_096 }, (_, i) => (i * 7) % 256);
  writeFileSync(file, bytes);
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('pglite', {
      overlays: false,
      map: { pmtilesFile: file, styleUrl: 'https://tiles.example.org/style.json' },
    });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('points the config at MAP_STYLE_URL and says tiles are local', async () => {
    expect(await (await t.app.request('/api/map/config')).json()).toMatchObject({
      styleUrl: 'https://tiles.example.org/style.json',
      pmtiles: true,
    });
  });

  it('serves a Protomaps style on the local file, without symbol layers', async () => {
    const style: Style = await (await t.app.request('http://desk.local/api/map/style.json')).json();
    expectValidOffline(style);
    expect(style.sources.protomaps).toMatchObject({
      type: 'vector',
      url: 'pmtiles://http://desk.local/tiles/city.pmtiles',
    });
    expect(style.layers.filter((l) => l.source === 'protomaps').length).toBeGreaterThan(20);
    expect(style.layers.at(-1)!.source).not.toBe('protomaps');
  });

  it('serves the file with range requests over real HTTP', async () => {
    const base = await t.listen();
    const part = await fetch(`${base}/tiles/city.pmtiles`, { headers: { range: 'bytes=1000-1999' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 1000-1999/4096');
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(bytes.slice(1000, 2000));
    const bad = await fetch(`${base}/tiles/city.pmtiles`, { headers: { range: 'bytes=4096-' } });
    expect(bad.status).toBe(416);
    expect(bad.headers.get('content-range')).toBe('bytes */4096');
    await bad.arrayBuffer();
    const head = await fetch(`${base}/tiles/city.pmtiles`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('4096');
    expect(head.headers.get('accept-ranges')).toBe('bytes');
  });
});
