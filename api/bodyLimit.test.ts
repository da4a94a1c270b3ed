import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyLimit } from './bodyLimit';
import { AppError, errorBody } from './errors';

const LIMIT_BYTES = 1_000;
const app = new Hono()
  .use('*', bodyLimit(LIMIT_BYTES))
  .post('/echo', async (c) => c.json({ length: (await c.req.text()).length }));
app.onError((e, c) =>
  e instanceof AppError ? c.json(errorBody(e), e.status) : c.json({ unexpected: String(e) }, 500),
);

let server: ReturnType<typeof serve>;
let port = 0;
beforeAll(async () => {
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      port = info.port;
      resolve();
    });
  });
});
afterAll(() => new Promise((r) => server.close(r)));

/** A POST over a real socket, with the body declared by length or sent in chunks. */
function post(body: string, chunked: boolean): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/echo',
        method: 'POST',
        headers: chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    if (chunked) for (let i = 0; i < body.length; i += 100) req.write(body.slice(i, i + 100));
    else req.write(body);
    req.end();
  });
}

describe('bodyLimit', () => {
  for (const chunked of [false, true]) {
    const how = chunked ? 'chunked' : 'with Content-Length';
    it(`passes a body at the limit ${how}`, async () => {
      const res = await post('x'.repeat(LIMIT_BYTES), chunked);
      expect(res).toEqual({ status: 200, body: JSON.stringify({ length: LIMIT_BYTES }) });
    });

    it(`refuses a body over the limit ${how} with 413 body_too_large`, async () => {
      const res = await post('x'.repeat(LIMIT_BYTES + 1), chunked);
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body).error.code).toBe('body_too_large');
    });
  }

  it('counts an in-process request body, which declares no length', async () => {
    const res = await app.request('/echo', { method: 'POST', body: 'y'.repeat(LIMIT_BYTES + 1) });
    expect(res.status).toBe(413);
  });
});
