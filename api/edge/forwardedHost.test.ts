import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTrustedProxies } from '../auth/clientIp';
import { startTestApp, type TestApp } from '../testing';
import { NO_EDGE_LIMITS } from './settings';

/**
 * Regression: X-Forwarded-Host was believed from anyone and landed in /api/map/style.json, which
 * is cached `public, max-age=3600` — one forged request could point every visitor's map at
 * another host. Now only TRUSTED_PROXIES may forward.
 */
describe('forwarded headers and the map style', () => {
  let t: TestApp;
  let base: string;
  const forged = { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https', 'x-forwarded-for': '6.6.6.6' };

  beforeAll(async () => {
    t = await startTestApp('pglite', {
      overlays: false,
      edge: { ...NO_EDGE_LIMITS, trustedProxies: parseTrustedProxies('10.0.0.0/8') },
    });
    base = await t.listen();
  });
  afterAll(async () => t?.close());

  it('a forged X-Forwarded-Host from an untrusted peer (127.0.0.1) appears nowhere in style.json or config', async () => {
    for (const path of ['/api/map/style.json', '/api/map/config']) {
      const res = await fetch(base + path, { headers: forged });
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).not.toContain('evil.example');
      expect(text).not.toContain('https://');
      expect(text).toContain(base);
    }
  });

  it('a trusted proxy’s forwarded host and scheme are used', async () => {
    // In-process, with the socket a proxy at 10.0.0.2 would have.
    const env = { incoming: { socket: { remoteAddress: '10.0.0.2' } } };
    const res = await t.app.request(
      'http://10.0.0.9:8080/api/map/style.json',
      { headers: { 'x-forwarded-host': 'desk.hanoi.gov.vn', 'x-forwarded-proto': 'https' } },
      env,
    );
    const style = (await res.json()) as { sources: Record<string, { data?: string }> };
    expect(style.sources.districts.data).toBe('https://desk.hanoi.gov.vn/api/areas/geojson?level=district');
  });
});
