import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type ClientRequest, type IncomingMessage, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { NO_PROXIES } from '../auth/clientIp';
import { reportBody, startTestApp, type TestApp } from '../testing';
import type { EdgeSettings } from './settings';

const EDGE: EdgeSettings = {
  trustedProxies: NO_PROXIES,
  filingRate: { count: 3, perMs: 60_000 },
  signinRate: { count: 2, perMs: 60_000 },
  streamsPerClient: 2,
};
/** Three streams in the whole process, so a second client can fill it. */
const HUB_MAX_CLIENTS = 3;

/** An in-process request as if from `ip` (the Node adapter's bindings carry the socket). */
const from = (ip: string) => ({ incoming: { socket: { remoteAddress: ip } } });

describe('the edge: headers, CORS, per-client limits', () => {
  let t: TestApp;
  let dashboardDir: string;
  let withDashboard: ReturnType<typeof createApp>;

  beforeAll(async () => {
    t = await startTestApp('pglite', { overlays: false, edge: EDGE, hub: { maxClients: HUB_MAX_CLIENTS } });
    dashboardDir = mkdtempSync(join(tmpdir(), 'citydesk-edge-'));
    writeFileSync(join(dashboardDir, 'index.html'), '<!doctype html><title>citydesk</title>');
    withDashboard = createApp(t.runtime, { dashboardDir });
  });
  afterAll(async () => {
    rmSync(dashboardDir, { recursive: true, force: true });
    await t?.close();
  });

  describe('security headers', () => {
    it.each(['/', '/wall', '/area/001', '/public', '/public?embed=0', '/api/city', '/healthz', '/nowhere'])(
      '%s may not be framed',
      async (path) => {
        const res = await withDashboard.request(path);
        const csp = res.headers.get('content-security-policy') ?? '';
        expect(csp).toContain("frame-ancestors 'none'");
        expect(res.headers.get('x-frame-options')).toBe('DENY');
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(csp).toContain("script-src 'self'");
        expect(csp).not.toContain('unsafe-eval');
        expect(csp).toContain("object-src 'none'");
      },
    );

    it('/public?embed=1 may be framed by any site', async () => {
      const res = await withDashboard.request('/public?embed=1&lang=en');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-security-policy')).toContain('frame-ancestors *');
      expect(res.headers.get('x-frame-options')).toBeNull();
    });
  });

  describe('CORS', () => {
    const origin = { origin: 'https://news.example' };

    it.each([
      '/api/public/kpis',
      '/api/public/hexes?res=8',
      '/api/city',
      '/api/categories',
      '/api/areas/geojson?level=district',
      '/api/map/style.json',
    ])('%s is readable from any site, without credentials', async (path) => {
      const res = await t.app.request(path, { headers: origin });
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
      await res.body?.cancel();
    });

    it('the public stream is readable from any site', async () => {
      const res = await t.app.request('/api/stream?audience=public', { headers: origin });
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      await res.body?.cancel();
    });

    it.each([
      ['GET', '/api/reports'],
      ['GET', '/api/reports/1'],
      ['GET', '/api/hexes'],
      ['GET', '/api/kpis'],
      ['GET', '/api/auth/me'],
      ['GET', '/healthz'],
      ['OPTIONS', '/api/reports'],
      ['OPTIONS', '/api/auth/signin'],
    ])('%s %s carries no Access-Control-Allow-Origin', async (method, path) => {
      const res = await t.app.request(path, {
        method,
        headers: { ...origin, 'access-control-request-method': 'POST' },
      });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('a preflight on a public path allows GET and HEAD only', async () => {
      const res = await t.app.request('/api/public/hexes', {
        method: 'OPTIONS',
        headers: { ...origin, 'access-control-request-method': 'GET' },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-methods')).toBe('GET,HEAD');
    });
  });

  describe('body limits', () => {
    it.each([
      ['/api/auth/signin', 5 * 1024],
      ['/api/reports', 65 * 1024],
      ['/healthz', 65 * 1024],
      ['/public', 65 * 1024],
    ])('POST %s with %d bytes → 413 body_too_large', async (path, bytes) => {
      const res = await withDashboard.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(bytes) },
        body: 'x'.repeat(bytes),
      });
      expect(res.status).toBe(413);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('body_too_large');
    });
  });

  describe('rate limits', () => {
    const post = (path: string, body: unknown, ip: string, headers: Record<string, string> = {}) =>
      t.app.request(
        path,
        { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) },
        from(ip),
      );

    it('files 3 reports per client, then 429 rate_limited with Retry-After, in both languages', async () => {
      for (let i = 0; i < EDGE.filingRate!.count; i++)
        expect((await post('/api/reports', reportBody(), '203.0.113.5')).status).toBe(201);
      const refused = await post('/api/reports', reportBody(), '203.0.113.5');
      expect(refused.status).toBe(429);
      // One token every 20 s.
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(19);
      expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(20);
      const { error } = (await refused.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe('rate_limited');
      expect(error.message).toMatch(/Too many requests.*Quá nhiều yêu cầu/);
      // Another client, and the same address signed in as staff, are not held back.
      expect((await post('/api/reports', reportBody(), '203.0.113.6')).status).toBe(201);
      const staff = await t.headersFor('operator');
      expect((await post('/api/reports', reportBody(), '203.0.113.5', staff)).status).toBe(201);
    });

    it("limits a citizen's chat messages as filing, apart from filing's count; staff are not counted", async () => {
      const filed = (await (await post('/api/reports', reportBody(), '203.0.113.40')).json()) as {
        id: number;
        citizenToken: string;
      };
      const citizen = { 'X-Citizen-Token': filed.citizenToken };
      const path = `/api/reports/${filed.id}/chat/messages`;
      for (let i = 0; i < EDGE.filingRate!.count; i++)
        expect((await post(path, { text: `Tin ${i}` }, '203.0.113.41', citizen)).status).toBe(201);
      const refused = await post(path, { text: 'Thêm một tin' }, '203.0.113.41', citizen);
      expect(refused.status).toBe(429);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
      const staff = await t.headersFor('operator');
      expect((await post(path, { text: 'Trả lời' }, '203.0.113.41', staff)).status).toBe(201);
    });

    it('counts an IPv6 client by its /64', async () => {
      for (let i = 0; i < EDGE.filingRate!.count; i++)
        expect((await post('/api/reports', reportBody(), `2001:db8:1:2::${i + 1}`)).status).toBe(201);
      expect((await post('/api/reports', reportBody(), '2001:db8:1:2:ffff::9')).status).toBe(429);
    });

    it('takes 2 sign-ins per client, then 429 rate_limited before the password is looked at', async () => {
      const body = { name: 'nobody', password: 'wrong password' };
      for (let i = 0; i < EDGE.signinRate!.count; i++)
        expect((await post('/api/auth/signin', body, '198.51.100.20')).status).toBe(401);
      const refused = await post('/api/auth/signin', body, '198.51.100.20');
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
      expect((await post('/api/auth/signin', body, '198.51.100.21')).status).toBe(401);
    });
  });

  describe('stream connections', () => {
    let base: string;
    const open: ClientRequest[] = [];
    beforeAll(async () => {
      base = await t.listen();
    });
    afterAll(() => {
      for (const r of open) r.destroy();
    });

    /** A stream request from a local address of our choice (any 127.x reaches the server). */
    const stream = (localAddress: string) =>
      new Promise<IncomingMessage>((resolve, reject) => {
        const req = httpRequest(`${base}/api/stream?audience=public`, { localAddress }, resolve);
        req.on('error', reject);
        req.end();
        open.push(req);
      });
    const codeOf = async (res: IncomingMessage) => {
      let text = '';
      for await (const chunk of res) text += chunk;
      return (JSON.parse(text) as { error: { code: string } }).error.code;
    };

    it('2 per client (429 too_many_streams), 3 in all (503 stream_full), /healthz still answers', async () => {
      const a1 = await stream('127.0.0.2');
      const a2 = await stream('127.0.0.2');
      expect([a1.statusCode, a2.statusCode]).toEqual([200, 200]);
      const a3 = await stream('127.0.0.2');
      expect(a3.statusCode).toBe(429);
      expect(a3.headers['retry-after']).toBe('60');
      expect(await codeOf(a3)).toBe('too_many_streams');

      expect((await stream('127.0.0.3')).statusCode).toBe(200);
      const b2 = await stream('127.0.0.3');
      expect(b2.statusCode).toBe(503);
      expect(await codeOf(b2)).toBe('stream_full');
      expect((await fetch(`${base}/healthz`)).status).toBe(200);

      // A closed stream gives its place back, to its client and to the process.
      open[0].destroy();
      await expect
        .poll(async () => {
          const res = await stream('127.0.0.2');
          if (res.statusCode !== 200) res.resume();
          return res.statusCode;
        })
        .toBe(200);
    });
  });
});
