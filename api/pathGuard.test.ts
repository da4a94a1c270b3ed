import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, type Requester } from './testClient';
import { isSuspiciousPath } from './pathGuard';
import { postJson, reportBody, startTestApp, type TestApp } from './testing';

describe('isSuspiciousPath', () => {
  it.each([
    ['/api/reports/1', false],
    ['/api/public/hexes', false],
    ['/assets/index-3f2a.js', false],
    ['/api/reports/HN-2026-000123', false],
    ['/area/001', false],
    ['/api/public/../reports/1', true],
    ['/api/public/%2e%2e/reports/1', true],
    ['/api/public/%2E%2e/reports/1', true],
    ['/api/public/.%2e/reports/1', true],
    ['/api/public/%2e./reports/1', true],
    ['/api/public/%252e%252e/reports/1', true],
    ['/public/%2e%2e/api/reports/1', true],
    ['/api/./reports/1', true],
    ['/api/public/%2e%2e', true],
    ['/api/public%2f..%2freports/1', true],
    ['/api/public%2F%2E%2E%2Freports/1', true],
    ['/api/public/..%5creports/1', true],
    ['/api/public\\..\\reports', true],
    ['/api/reports/1.', false],
    ['/api/...', false],
  ])('%s → %s', (path, suspicious) => {
    expect(isSuspiciousPath(path)).toBe(suspicious);
  });
});

/** A raw HTTP request: `fetch` would resolve the dot segments itself before sending. */
function rawRequest(base: string, method: string, path: string, headers: Record<string, string>, body?: string) {
  const { hostname, port } = new URL(base);
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest({ hostname, port, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('dot segments and encoded slashes never reach a route', () => {
  let t: TestApp;
  let ops: Record<string, string>;
  let base: string;
  let reportId: number;
  const ATTACKS = [
    '/api/public/%2e%2e/reports/ID',
    '/public/%2e%2e/api/reports/ID',
    '/api/public/../reports/ID',
    '/api/public/.%2E/reports/ID',
    '/api/public%2f..%2freports/ID',
    '/api/public/%252e%252e/reports/ID',
  ];
  beforeAll(async () => {
    t = await startTestApp('pglite');
    ops = await t.headersFor('operator');
    base = await t.listen();
    reportId = (await (await postJson(t.app, '/api/reports', reportBody())).json()).id;
  });
  afterAll(async () => t?.close());

  it.each(ATTACKS)('GET %s over a real socket → 400 bad_path, even for an operator', async (attack) => {
    for (const headers of [{}, ops]) {
      const res = await rawRequest(base, 'GET', attack.replace('ID', String(reportId)), headers);
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body).error.code).toBe('bad_path');
      expect(res.body).not.toContain('Ổ gà');
    }
  });

  it.each(ATTACKS)('POST a transition via %s over a real socket → 400, the report unmoved', async (attack) => {
    const path = `${attack.replace('ID', String(reportId))}/transitions`;
    const res = await rawRequest(
      base,
      'POST',
      path,
      { ...ops, 'content-type': 'application/json' },
      JSON.stringify({ action: 'accept' }),
    );
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error.code).toBe('bad_path');
    const report = await (await as(t.app, ops).request(`/api/reports/${reportId}`)).json();
    expect(report.status).toBe('received');
  });

  it('the same report by its own path still answers an operator (the guard is not a blanket refusal)', async () => {
    const res = await rawRequest(base, 'GET', `/api/reports/${reportId}`, ops);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).id).toBe(reportId);
  });

  it('under app.request() an encoded slash is refused too (the parser already resolved the dots)', async () => {
    const app: Requester = as(t.app, ops);
    const res = await app.request(`/api/public%2f..%2freports/${reportId}`);
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('bad_path');
  });
});
