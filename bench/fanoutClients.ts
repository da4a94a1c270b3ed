/**
 * One process of SSE clients for bench/fanout.ts. Holds many `GET` streams over node:http
 * (keep-alive agent), parses only the `id:` lines, and records when each event id arrived.
 * The parent later sends the time each id was committed (or generated) and gets back counts and a
 * latency histogram, so millions of samples never cross the IPC channel.
 *
 * IPC in: {cmd:'connect', url, count, headers?} | {cmd:'reset'} | {cmd:'count'} | {cmd:'collect', table}
 *         | {cmd:'close'} | {cmd:'stop'}
 */
import http from 'node:http';
import { type Histogram, histAdd, wallNow } from './lib/stats';

const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
const sockets = new Set<http.IncomingMessage>();
/** Arrival times per event id, one entry per client that received it. */
let arrivals = new Map<number, number[]>();
let received = 0;
let dropped = 0;
let closing = false;

function record(id: number, at: number) {
  received++;
  const list = arrivals.get(id);
  if (list) list.push(at);
  else arrivals.set(id, [at]);
}

function open(url: URL, extraHeaders: Record<string, string>): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        agent,
        headers: { ...extraHeaders, Accept: 'text/event-stream' },
      },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          return resolve(false);
        }
        sockets.add(res);
        res.setEncoding('latin1'); // ids are ASCII; no UTF-8 decoding of payloads we never read
        // `carry` always starts at a line start preceded by '\n', so every line is found as '\n…'.
        let carry = '\n';
        res.on('data', (chunk: string) => {
          const at = wallNow();
          const s = carry + chunk;
          let p = 0;
          for (;;) {
            const i = s.indexOf('\nid: ', p);
            if (i < 0) break;
            const e = s.indexOf('\n', i + 5);
            if (e < 0) {
              p = i;
              break;
            }
            record(Number(s.slice(i + 5, e)), at);
            p = e;
          }
          const tail = s.indexOf('\nid: ', p) === p ? p : s.lastIndexOf('\n');
          carry = s.slice(Math.max(tail, p));
        });
        res.on('close', () => {
          if (sockets.delete(res) && !closing) dropped++;
        });
        res.on('error', () => {});
        resolve(true);
      },
    );
    req.on('error', () => resolve(false));
  });
}

async function connect(url: string, count: number, headers: Record<string, string> = {}) {
  const u = new URL(url);
  const t0 = performance.now();
  let ok = 0;
  let failed = 0;
  // A few hundred at a time: the server's accept backlog is 511.
  const BATCH = 200;
  for (let i = 0; i < count; i += BATCH) {
    const results = await Promise.all(Array.from({ length: Math.min(BATCH, count - i) }, () => open(u, headers)));
    for (const r of results) r ? ok++ : failed++;
  }
  return { ok, failed, ms: Math.round(performance.now() - t0) };
}

function collect(table: Array<[number, number]>) {
  const hist: Histogram = {};
  let delivered = 0;
  let lastArrival = 0;
  for (const [id, t0] of table) {
    const list = arrivals.get(id);
    if (!list) continue;
    delivered += list.length;
    for (const at of list) {
      histAdd(hist, at - t0);
      if (at > lastArrival) lastArrival = at;
    }
  }
  return { delivered, hist, lastArrival, open: sockets.size, dropped };
}

process.on('message', async (m: any) => {
  switch (m.cmd) {
    case 'connect':
      process.send!({ type: 'connected', ...(await connect(m.url, m.count, m.headers)) });
      break;
    case 'reset':
      arrivals = new Map();
      received = 0;
      dropped = 0;
      process.send!({ type: 'reset', open: sockets.size });
      break;
    case 'count':
      process.send!({ type: 'count', received, open: sockets.size, dropped });
      break;
    case 'collect':
      process.send!({ type: 'collected', ...collect(m.table) });
      break;
    case 'close':
      closing = true;
      for (const s of sockets) s.destroy();
      sockets.clear();
      arrivals = new Map();
      closing = false;
      process.send!({ type: 'closed' });
      break;
    case 'stop':
      closing = true;
      for (const s of sockets) s.destroy();
      process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));
process.send!({ type: 'ready' });
