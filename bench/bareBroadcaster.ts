/**
 * The raw baseline for bench/fanout.ts: a bare `node:http` SSE broadcaster in its own process.
 * No database, no LISTEN, no hub, no slow-client policy: it generates events itself at the asked
 * rate with the same SSE framing and payload size as the API's `report.created` events, encodes
 * each batch once and writes it straight to every response. Events falling due together (when a
 * tick runs late) go out as one write, as the hub batches what one NOTIFY brings.
 *
 * IPC in: {cmd:'run', rate, durationMs} → {type:'ran', table: [[id, generatedAt]]}; {cmd:'stats'};
 * {cmd:'gc'}; {cmd:'stop'}. Payload template (JSON of one event as the API sends it) in BENCH_PAYLOAD.
 */
import http, { type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { profileStart, profileStop } from './lib/profiler';
import { wallNow } from './lib/stats';

const template = JSON.parse(process.env.BENCH_PAYLOAD ?? '{}') as Record<string, unknown>;
const clients = new Set<ServerResponse>();
let nextId = 1;

const server = http.createServer((req, res) => {
  if (!req.url?.startsWith('/api/stream')) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.flushHeaders();
  res.socket?.setNoDelay(true);
  res.write(`retry: 2000\n: connected ${nextId - 1}\n\n`);
  clients.add(res);
  res.once('close', () => clients.delete(res));
});
server.maxConnections = Number.POSITIVE_INFINITY;

function encode(id: number): string {
  const at = new Date().toISOString();
  const report = { ...(template.report as object), id: 100_000 + id, createdAt: at };
  return `id: ${id}\nevent: report.created\ndata: ${JSON.stringify({ ...template, id, at, report })}\n\n`;
}

function run(rate: number, durationMs: number): Promise<Array<[number, number]>> {
  return new Promise((resolve) => {
    const table: Array<[number, number]> = [];
    const start = wallNow();
    let generated = 0;
    const tick = () => {
      const now = wallNow();
      const elapsed = Math.min(now - start, durationMs);
      const due = Math.floor((elapsed / 1000) * rate) + 1 - generated;
      if (due > 0 && elapsed < durationMs) {
        let chunk = '';
        const t0 = wallNow();
        for (let i = 0; i < due; i++) {
          const id = nextId++;
          chunk += encode(id);
          table.push([id, t0]);
        }
        generated += due;
        for (const c of clients) c.write(chunk);
      }
      if (now - start >= durationMs) return resolve(table);
      setTimeout(tick, Math.max(0, start + (generated * 1000) / rate - wallNow()));
    };
    tick();
  });
}

server.listen(0, '127.0.0.1', () => {
  process.send!({ type: 'ready', port: (server.address() as AddressInfo).port });
});

process.on('message', async (m: any) => {
  if (m.cmd === 'run') process.send!({ type: 'ran', table: await run(m.rate, m.durationMs) });
  if (m.cmd === 'stats') process.send!({ type: 'stats', clients: clients.size });
  if (m.cmd === 'profile-start') void profileStart().then(() => process.send!({ type: 'profiling' }));
  if (m.cmd === 'profile-stop') void profileStop(m.file).then(() => process.send!({ type: 'profiled' }));
  if (m.cmd === 'gc') {
    (globalThis as { gc?: () => void }).gc?.();
    process.send!({ type: 'gc' });
  }
  if (m.cmd === 'stop') {
    for (const c of clients) c.destroy();
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));
