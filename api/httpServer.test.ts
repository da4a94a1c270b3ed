import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerTimeouts } from './httpServer';
import { startTestApp, type TestApp } from './testing';

/**
 * The server's bounds over raw sockets, with short timeouts so the test takes seconds: a client
 * that sends its headers or its body a byte at a time is cut off within the bound; a stream
 * client that sends nothing after its request is kept, as long as its heartbeats flow.
 */
const T: ServerTimeouts = {
  headersTimeoutMs: 600,
  requestTimeoutMs: 1_500,
  idleSocketMs: 1_000,
  keepAliveMs: 500,
  checkEveryMs: 100,
};
const HEARTBEAT_MS = 150;
/** Scheduling slack on a busy 2-core machine. */
const SLACK_MS = 1_000;
/** A byte every this often keeps a socket busy, so only the header/request bound can close it. */
const TRICKLE_MS = 100;

interface Watched {
  socket: Socket;
  received: () => string;
  closedAfterMs: Promise<number>;
}

function open(port: number): Promise<Watched> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let text = '';
    const socket = connect(port, '127.0.0.1', () => resolve({ socket, received: () => text, closedAfterMs }));
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => {
      text += d;
    });
    socket.on('error', () => {});
    const closedAfterMs = new Promise<number>((r) => socket.once('close', () => r(performance.now() - t0)));
    socket.once('error', reject);
  });
}

/** Writes `text` a byte every TRICKLE_MS until the socket closes. */
function trickle(w: Watched, text: string) {
  let i = 0;
  const timer = setInterval(() => {
    if (w.socket.destroyed || i >= text.length) return clearInterval(timer);
    w.socket.write(text[i++]);
  }, TRICKLE_MS);
  w.socket.once('close', () => clearInterval(timer));
}

describe('HTTP server bounds (api/httpServer.ts)', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await startTestApp('pglite', { overlays: false, hub: { heartbeatMs: HEARTBEAT_MS } });
    port = Number(new URL(await t.listen({ timeouts: T })).port);
  });
  afterAll(async () => t?.close());

  it('closes a client that sends its headers a byte at a time, within the headers bound', async () => {
    const w = await open(port);
    trickle(w, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ${'a'.repeat(1_000)}\r\n\r\n`);
    const ms = await w.closedAfterMs;
    expect(ms).toBeGreaterThanOrEqual(T.headersTimeoutMs - 50);
    expect(ms).toBeLessThan(T.headersTimeoutMs + T.checkEveryMs + SLACK_MS);
    expect(w.received()).toMatch(/^HTTP\/1\.1 408/);
  });

  it('closes a client that sends its body a byte at a time, within the request bound', async () => {
    const w = await open(port);
    w.socket.write(
      'POST /api/reports HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n',
    );
    trickle(w, `{"title":"${'a'.repeat(4_980)}"}`);
    const ms = await w.closedAfterMs;
    expect(ms).toBeGreaterThanOrEqual(T.requestTimeoutMs - 50);
    expect(ms).toBeLessThan(T.requestTimeoutMs + T.checkEveryMs + SLACK_MS);
  });

  it('closes a connection that says nothing at all', async () => {
    const w = await open(port);
    expect(await w.closedAfterMs).toBeLessThan(
      Math.max(T.headersTimeoutMs, T.idleSocketMs) + T.checkEveryMs + SLACK_MS,
    );
  });

  it('keeps a stream client that sends nothing after its request, past every bound', async () => {
    const w = await open(port);
    w.socket.write('GET /api/stream?audience=public HTTP/1.1\r\nHost: x\r\n\r\n');
    const t0 = performance.now();
    const bound = Math.max(T.headersTimeoutMs, T.requestTimeoutMs, T.idleSocketMs) + T.checkEveryMs + SLACK_MS;
    // Wait for the fact: enough heartbeats to span every bound twice over, on an open socket.
    const beats = Math.ceil((2 * bound) / HEARTBEAT_MS);
    await expect
      .poll(() => (w.received().match(/^: hb /gm) ?? []).length, { timeout: 4 * bound, interval: 50 })
      .toBeGreaterThanOrEqual(beats);
    expect(performance.now() - t0).toBeGreaterThan(bound);
    expect(w.socket.destroyed).toBe(false);
    expect(w.received()).toMatch(/^HTTP\/1\.1 200/);
    w.socket.destroy();
  });

  it('sends a stream as a close-delimited body: SSE frames on the wire as they are, no chunk sizes', async () => {
    const w = await open(port);
    w.socket.write('GET /api/stream?audience=public HTTP/1.1\r\nHost: x\r\n\r\n');
    await expect.poll(() => (w.received().match(/^: hb /gm) ?? []).length, { timeout: 10_000 }).toBeGreaterThan(2);
    const [head, body] = w.received().split('\r\n\r\n', 2);
    expect(head).toMatch(/^HTTP\/1\.1 200/);
    expect(head).toMatch(/^Connection: close$/im);
    expect(head).not.toMatch(/^Transfer-Encoding:/im);
    expect(head).not.toMatch(/^Content-Length:/im);
    expect(head).toMatch(/^X-Content-Type-Options: nosniff$/im);
    // The first frame from the response, then frames and heartbeats written to the socket: every
    // line an SSE field or comment, no chunk-size lines or CRLFs between them.
    expect(body).toMatch(/^retry: \d+\n: connected \d+\n\n/);
    expect(body).not.toMatch(/\r/);
    const whole = body.slice(0, body.lastIndexOf('\n\n'));
    const lines = whole.split('\n').filter((line) => line !== '');
    expect(lines.filter((line) => !/^(retry|event|data|id): |^: /.test(line))).toEqual([]);
    expect(lines.some((line) => line.startsWith(': hb '))).toBe(true);
    w.socket.destroy();
  });
});
